// The Duplicates view's UI state: whether it is shown, the level to match at, the runs, the review queue's position and the
// pair on screen, and the decisions history. Every count comes from the engine (re-queried after each decision or undo).
import { create } from 'zustand';
import type { DecisionInfo, MatchLevel, MatchRunInfo, PairReview } from '../../../src/api/contract';
import { api } from '../api/create-client';
import { clampIndex, pageOffset } from '../duplicates/review-format';
import { reportError } from './toast-store';

export type DuplicatesTab = 'report' | 'review';
export type LevelChoice = MatchLevel | 'auto';

export interface QueuePage {
  runId: number;
  total: number;
  offset: number;
  pairs: PairReview[];
}

interface DuplicatesState {
  shown: boolean;
  tab: DuplicatesTab;
  level: LevelChoice;
  /** The project the rest belongs to (null: nothing read yet). */
  projectId: string | null;
  loading: boolean;
  runs: MatchRunInfo[];
  queue: QueuePage | null;
  /** Position in the queue of the pair on screen (0-based). */
  index: number;
  /** The pair on screen: from the queue, or as a decision left it (shown briefly before moving on). */
  pair: PairReview | null;
  /** Set while the pair on screen shows the decision just made. */
  justDecided: DecisionInfo | null;
  decisions: DecisionInfo[];
  /** A decision or undo is on its way (another key press waits). */
  busy: boolean;
  /** The queue or the pair could not be read: in words. */
  error: string | null;
}

const PAGE = 50;
/** How long the pair shows what a decision did before the next one comes. */
export const DECIDED_PAUSE_MS = 900;

const initial = {
  shown: false,
  tab: 'report' as DuplicatesTab,
  level: 'auto' as LevelChoice,
  projectId: null,
  loading: false,
  runs: [],
  queue: null,
  index: 0,
  pair: null,
  justDecided: null,
  decisions: [],
  busy: false,
  error: null,
};

export const useDuplicatesStore = create<DuplicatesState>()(() => ({ ...initial }));

const get = () => useDuplicatesStore.getState();
const set = useDuplicatesStore.setState;
let moveTimer: ReturnType<typeof setTimeout> | null = null;

function cancelMove(): void {
  if (moveTimer) clearTimeout(moveTimer);
  moveTimer = null;
}

/** For a new project (or tests): forget everything but the level. */
export function resetDuplicates(): void {
  cancelMove();
  set((s) => ({ ...initial, level: s.level }));
}

export function showDuplicates(shown: boolean): void {
  set({ shown });
}

export function setDuplicatesTab(tab: DuplicatesTab): void {
  set({ tab });
}

export function setLevel(level: LevelChoice): void {
  set({ level });
}

/** The newest run (the one the review and the report are about). */
export function latestRun(s: Pick<DuplicatesState, 'runs'>): MatchRunInfo | null {
  return s.runs[0] ?? null;
}

const current = (projectId: string) => get().projectId === projectId;

async function readRuns(projectId: string): Promise<void> {
  const { runs } = await api().invoke('dedupe.runs', { projectId });
  if (current(projectId)) set({ runs });
}

async function readDecisions(projectId: string): Promise<void> {
  const { decisions } = await api().invoke('review.decisions', { projectId, limit: 200 });
  if (current(projectId)) set({ decisions });
}

/** Reads the page of the queue that holds `index` and shows the pair there (the queue shrinks as pairs are decided). */
async function readQueue(projectId: string, index: number): Promise<void> {
  const first = await api().invoke('review.queue', { projectId, offset: pageOffset(index, PAGE), limit: PAGE });
  let page: QueuePage = { runId: first.runId, total: first.total, offset: pageOffset(index, PAGE), pairs: first.pairs };
  const at = clampIndex(index, page.total);
  if (page.total > 0 && pageOffset(at, PAGE) !== page.offset) {
    const again = await api().invoke('review.queue', { projectId, runId: first.runId, offset: pageOffset(at, PAGE), limit: PAGE });
    page = { runId: again.runId, total: again.total, offset: pageOffset(at, PAGE), pairs: again.pairs };
  }
  if (!current(projectId)) return;
  set({ queue: page, index: at, pair: page.pairs[at - page.offset] ?? null, justDecided: null, error: null });
}

/** Reads the runs, the decisions and the queue of a project (when the view opens, or after a run). */
export async function loadDuplicates(projectId: string): Promise<void> {
  cancelMove();
  if (get().projectId !== projectId) set({ ...initial, shown: get().shown, tab: get().tab, level: get().level, projectId });
  set({ loading: true });
  try {
    await Promise.all([readRuns(projectId), readDecisions(projectId)]);
    if (get().runs.length > 0) await readQueue(projectId, get().index);
    else set({ queue: null, pair: null });
  } catch (err) {
    reportError('Could not read the duplicates', err);
  } finally {
    if (current(projectId)) set({ loading: false });
  }
}

/** After a run finished: its report, the review from the top. */
export async function runFinished(projectId: string): Promise<void> {
  if (get().projectId !== projectId) set({ projectId });
  set({ index: 0, tab: 'report' });
  await loadDuplicates(projectId);
}

export async function goToPair(projectId: string, index: number): Promise<void> {
  const s = get();
  if (!s.queue || s.busy) return;
  cancelMove();
  const at = clampIndex(index, s.queue.total);
  const inPage = s.queue.pairs[at - s.queue.offset];
  if (inPage && at >= s.queue.offset) {
    set({ index: at, pair: inPage, justDecided: null });
    return;
  }
  try {
    await readQueue(projectId, at);
  } catch (err) {
    set({ error: 'Could not read the next pair.' });
    reportError('Could not read the next pair', err);
  }
}

/** Merge ('same') or keep apart ('different') the pair on screen; shows what it did, then moves on to the next undecided pair. */
export async function decidePair(projectId: string, decision: 'same' | 'different'): Promise<void> {
  const s = get();
  if (s.busy || !s.pair || !s.queue || s.justDecided) return;
  const { a, b } = s.pair;
  set({ busy: true });
  try {
    const r = await api().invoke('review.decide', { projectId, runId: s.queue.runId, a: { listId: a.listId, rowNo: a.rowNo }, b: { listId: b.listId, rowNo: b.rowNo }, decision });
    if (!current(projectId)) return;
    set({ pair: r.pair, justDecided: r.decision });
    await Promise.all([readRuns(projectId), readDecisions(projectId)]);
    cancelMove();
    moveTimer = setTimeout(() => {
      moveTimer = null;
      // The decided pair has left the queue: the same position now holds the next one.
      readQueue(projectId, get().index).catch((err: unknown) => reportError('Could not read the next pair', err));
    }, DECIDED_PAUSE_MS);
  } catch (err) {
    reportError(decision === 'same' ? 'Could not merge the pair' : 'Could not keep the pair apart', err);
  } finally {
    set({ busy: false });
  }
}

/** Undoes one decision (any of them); the pair returns to the queue and the counts follow. */
export async function undoDecision(projectId: string, seq: number): Promise<void> {
  if (get().busy) return;
  set({ busy: true });
  cancelMove();
  try {
    // The history shows the decision struck through: no toast needed.
    await api().invoke('review.undo', { projectId, seq });
    if (!current(projectId)) return;
    await Promise.all([readRuns(projectId), readDecisions(projectId)]);
    if (get().runs.length > 0) await readQueue(projectId, get().index);
  } catch (err) {
    reportError('Could not undo the decision', err);
  } finally {
    set({ busy: false });
  }
}
