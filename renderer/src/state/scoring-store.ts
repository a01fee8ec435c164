// The Scoring view's UI state: whether it is shown, the tab, the settings and profile the engine sent, the last score run's
// counts, the grade filter and the page of leads on screen. Every number comes from the engine.
import { create } from 'zustand';
import type { BestCustomerProfile, LeadRow, ScoreRunResult, ScoreSettings } from '../../../src/api/contract';
import { api } from '../api/create-client';
import { plural } from '../format';
import { pushToast, reportError } from './toast-store';

export type ScoringTab = 'best' | 'leads' | 'ready' | 'rules';

export interface LeadsPage {
  total: number;
  offset: number;
  leads: LeadRow[];
  scoredAt: string | null;
  /** The grade the page was read for (null: every lead). */
  grade: string | null;
}

interface ScoringState {
  shown: boolean;
  projectId: string | null;
  tab: ScoringTab;
  loading: boolean;
  settings: ScoreSettings | null;
  profile: BestCustomerProfile | null;
  profileLoading: boolean;
  /** The newest finished score run (from this session, or from the project's job history). */
  lastRun: ScoreRunResult | null;
  grade: string | null;
  leads: LeadsPage | null;
  ready: LeadsPage | null;
  leadsLoading: boolean;
  readyLoading: boolean;
  /** New sales-ready leads of the latest run, until the Sales-ready tab has been looked at. */
  unseenReady: number;
}

export const LEADS_PAGE = 100;

const initial = {
  shown: false,
  projectId: null,
  tab: 'best' as ScoringTab,
  loading: false,
  settings: null,
  profile: null,
  profileLoading: false,
  lastRun: null,
  grade: null,
  leads: null,
  ready: null,
  leadsLoading: false,
  readyLoading: false,
  unseenReady: 0,
};

export const useScoringStore = create<ScoringState>()(() => ({ ...initial }));

const get = () => useScoringStore.getState();
const set = useScoringStore.setState;
const current = (projectId: string) => get().projectId === projectId;

export function resetScoring(): void {
  set((s) => ({ ...initial, tab: s.tab }));
}

export function showScoring(shown: boolean): void {
  set({ shown });
}

export function setScoringTab(tab: ScoringTab): void {
  set(tab === 'ready' ? { tab, unseenReady: 0 } : { tab });
}

// ---------- reading from the engine

// One profile request at a time: the first one cleans lists never cleaned, and a second would start that work again. A request
// made meanwhile (after a settings change) is answered by one more read when the first is done.
let profileRead: { projectId: string; promise: Promise<void>; again: boolean } | null = null;

export function readProfile(projectId: string): Promise<void> {
  if (profileRead && profileRead.projectId === projectId) {
    profileRead.again = true;
    return profileRead.promise;
  }
  const read = async (): Promise<void> => {
    set({ profileLoading: true });
    try {
      do {
        if (profileRead) profileRead.again = false;
        const profile = await api().invoke('score.profile', { projectId });
        if (current(projectId)) set({ profile });
      } while (profileRead?.again);
    } catch (err) {
      reportError('Could not read the best-customer profile', err);
    } finally {
      profileRead = null;
      if (current(projectId)) set({ profileLoading: false });
    }
  };
  const entry = { projectId, promise: Promise.resolve(), again: false };
  profileRead = entry;
  entry.promise = read();
  return entry.promise;
}

export async function readLeads(projectId: string, offset = 0, grade: string | null = get().grade): Promise<void> {
  set({ leadsLoading: true });
  try {
    const r = await api().invoke('score.leads', { projectId, salesReadyOnly: false, offset, limit: LEADS_PAGE, ...(grade ? { grade } : {}) });
    if (current(projectId) && get().grade === grade) set({ leads: { total: r.total, offset, leads: r.leads, scoredAt: r.scoredAt, grade } });
  } catch (err) {
    reportError('Could not read the scored leads', err);
  } finally {
    if (current(projectId)) set({ leadsLoading: false });
  }
}

export async function readReady(projectId: string, offset = 0): Promise<void> {
  set({ readyLoading: true });
  try {
    const r = await api().invoke('score.leads', { projectId, salesReadyOnly: true, offset, limit: LEADS_PAGE });
    if (current(projectId)) set({ ready: { total: r.total, offset, leads: r.leads, scoredAt: r.scoredAt, grade: null } });
  } catch (err) {
    reportError('Could not read the sales-ready leads', err);
  } finally {
    if (current(projectId)) set({ readyLoading: false });
  }
}

/** The newest finished score job of the project, so the grade matrix shows after a restart too. */
async function readLastRun(projectId: string): Promise<void> {
  const { jobs } = await api().invoke('jobs.history', { projectId });
  const done = jobs.filter((j) => j.kind === 'score' && j.status === 'done' && j.result).sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
  if (current(projectId) && done[0] && !get().lastRun) set({ lastRun: done[0].result as ScoreRunResult });
}

/** When the view opens (or the project changes): settings, profile (when there is a house file), the last run's counts and the first pages of leads. */
export async function loadScoring(projectId: string, withProfile = true): Promise<void> {
  if (get().projectId !== projectId) set({ ...initial, shown: get().shown, tab: get().tab, projectId });
  set({ loading: true });
  try {
    const settings = await api().invoke('score.settings', { projectId });
    if (current(projectId)) set({ settings });
    await Promise.all([withProfile ? readProfile(projectId) : Promise.resolve(), readLeads(projectId, 0), readReady(projectId, 0), readLastRun(projectId).catch(() => {})]);
  } catch (err) {
    reportError('Could not read the scoring settings', err);
  } finally {
    if (current(projectId)) set({ loading: false });
  }
}

/** Saves part of the settings; true when the engine took them. The caller re-scores when the change affects the leads. */
export async function saveScoreSettings(projectId: string, patch: Partial<ScoreSettings>, what = 'the scoring settings'): Promise<boolean> {
  try {
    const settings = await api().invoke('score.saveSettings', { projectId, settings: patch });
    if (current(projectId)) set({ settings });
    if (patch.rfm) await readProfile(projectId);
    return true;
  } catch (err) {
    reportError(`Could not save ${what}`, err);
    return false;
  }
}

export function filterGrade(projectId: string, grade: string | null): void {
  const next = get().grade === grade ? null : grade;
  set({ grade: next });
  void readLeads(projectId, 0, next);
}

// ---------- after a run

/** Tells the user about new sales-ready leads: always in the app, and on the desktop when notifications are allowed. */
export function announceSalesReady(count: number, total: number): void {
  const title = `${plural(count, 'new sales-ready lead')}`;
  const looking = get().shown && get().tab === 'ready';
  const message = `${plural(total, 'lead')} ready for sales in all.${looking ? '' : ' Open Scoring → Sales-ready to hand them over.'}`;
  pushToast({ tone: 'success', title, message });
  try {
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') new Notification(`Winnow: ${title}`, { body: message, tag: 'winnow-sales-ready' });
  } catch {
    // A desktop notification is a courtesy; the toast has said it.
  }
}

/** Asks for desktop notifications once, inside the user's click (browsers only ask then). */
export function askNotificationPermission(): void {
  try {
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => {});
  } catch {
    // Not offered here.
  }
}

/** A score job finished: its counts become the matrix; the leads and the sales-ready list are read again. */
export async function scoreRunFinished(projectId: string, result: ScoreRunResult): Promise<void> {
  if (result.newlySalesReady > 0) {
    announceSalesReady(result.newlySalesReady, result.salesReady);
    if (current(projectId) && get().tab !== 'ready') set({ unseenReady: result.newlySalesReady });
  }
  if (!current(projectId)) return;
  set({ lastRun: result });
  await Promise.all([readLeads(projectId, 0), readReady(projectId, 0), readProfile(projectId)]);
}
