// The Duplicates view's state over a fake engine: the queue's first pair shows; a decision shows what it did, ignores a second
// key press, then moves on to the next undecided pair; ← / → move; Undo returns the pair to the queue; the last decision
// leaves nothing to review; a refused decision is reported in words.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DecisionInfo, MatchRunInfo, PairReview } from '../../src/api/contract';
import type { RendererClient } from '../../renderer/src/api/client-types';
import { setApi } from '../../renderer/src/api/create-client';
import { DECIDED_PAUSE_MS, decidePair, goToPair, loadDuplicates, resetDuplicates, undoDecision, useDuplicatesStore } from '../../renderer/src/state/duplicates-store';
import { resetJobs, startDedupe, useJobsStore } from '../../renderer/src/state/jobs-store';
import { useToastStore } from '../../renderer/src/state/toast-store';
import { WinnowError } from '../../src/api/contract';

const side = (rowNo: number) => ({ listId: 1, rowNo, listName: 'L', fields: [] });
const pair = (n: number): PairReview => ({ a: side(n), b: side(n + 100), probability: 0.5, weight: 0, evidence: [], explanation: `pair ${n}`, merged: true, decision: null });
const key = (p: PairReview) => `${p.a.rowNo}`;

let pairs: PairReview[];
let decided: Set<string>;
let decisions: DecisionInfo[];
let refuse: boolean;

function undecided(): PairReview[] {
  return pairs.filter((p) => !decided.has(key(p)));
}

const fake = vi.fn(async (method: string, input: Record<string, unknown>): Promise<unknown> => {
  switch (method) {
    case 'dedupe.runs':
      return { runs: [{ runId: 1, level: 'person', createdAt: '2026-01-01T00:00:00Z', listIds: [1], report: {}, toReview: undecided().length } as unknown as MatchRunInfo] };
    case 'review.decisions':
      return { decisions: [...decisions].reverse() };
    case 'review.queue': {
      const offset = (input.offset as number) ?? 0;
      const q = undecided();
      return { runId: 1, total: q.length, pairs: q.slice(offset, offset + ((input.limit as number) ?? 50)) };
    }
    case 'review.decide': {
      if (refuse) throw new WinnowError('BUSY', 'Another window changed this run.');
      const a = input.a as { rowNo: number };
      const p = pairs.find((x) => x.a.rowNo === a.rowNo)!;
      decided.add(key(p));
      const d: DecisionInfo = { seq: decisions.length + 1, decision: input.decision as 'same' | 'different', at: 'now', undoneAt: null, label: `decided ${a.rowNo}`, a: p.a, b: p.b };
      decisions.push(d);
      return { decision: d, pair: { ...p, merged: d.decision === 'same', decision: d } };
    }
    case 'review.undo': {
      const d = decisions.find((x) => x.seq === input.seq)!;
      d.undoneAt = 'later';
      decided.delete(`${d.a.rowNo}`);
      return { decision: d, pair: null };
    }
    case 'dedupe.start':
      return { jobId: `j${fake.mock.calls.length}` };
    case 'jobs.wait':
      return new Promise(() => {});
    default:
      throw new Error(`unexpected ${method}`);
  }
});

beforeEach(() => {
  vi.useFakeTimers();
  resetDuplicates();
  useToastStore.setState({ toasts: [] });
  pairs = [pair(1), pair(2), pair(3)];
  decided = new Set();
  decisions = [];
  refuse = false;
  fake.mockClear();
  setApi({ invoke: fake } as unknown as RendererClient);
});

afterEach(() => {
  vi.useRealTimers();
});

const shown = () => useDuplicatesStore.getState();

describe('duplicates store', () => {
  it('shows the first queued pair, and moves with next / previous', async () => {
    await loadDuplicates('p1');
    expect(shown().pair?.explanation).toBe('pair 1');
    expect(shown().queue?.total).toBe(3);
    await goToPair('p1', 1);
    expect(shown().pair?.explanation).toBe('pair 2');
    await goToPair('p1', 5);
    expect(shown().index).toBe(2);
    await goToPair('p1', -1);
    expect(shown().index).toBe(0);
  });

  it('shows the decision briefly, ignores a second press meanwhile, then shows the next undecided pair', async () => {
    await loadDuplicates('p1');
    await decidePair('p1', 'different');
    expect(shown().justDecided?.label).toBe('decided 1');
    expect(shown().pair?.merged).toBe(false);
    expect(shown().decisions).toHaveLength(1);
    expect(shown().runs[0]!.toReview).toBe(2);
    await decidePair('p1', 'same');
    expect(decisions).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(DECIDED_PAUSE_MS + 10);
    expect(shown().justDecided).toBeNull();
    expect(shown().pair?.explanation).toBe('pair 2');
    expect(shown().index).toBe(0);
    expect(shown().queue?.total).toBe(2);
  });

  it('undo returns the pair to the queue and keeps the decision, marked undone', async () => {
    await loadDuplicates('p1');
    await decidePair('p1', 'same');
    await vi.advanceTimersByTimeAsync(DECIDED_PAUSE_MS + 10);
    await undoDecision('p1', 1);
    expect(shown().decisions).toHaveLength(1);
    expect(shown().decisions[0]!.undoneAt).not.toBeNull();
    expect(shown().queue?.total).toBe(3);
    expect(shown().pair?.explanation).toBe('pair 1');
    expect(shown().runs[0]!.toReview).toBe(3);
  });

  it('after the last decision there is nothing to review', async () => {
    pairs = [pair(1)];
    await loadDuplicates('p1');
    await decidePair('p1', 'same');
    await vi.advanceTimersByTimeAsync(DECIDED_PAUSE_MS + 10);
    expect(shown().pair).toBeNull();
    expect(shown().queue?.total).toBe(0);
  });

  it('a refused decision is told in words and the pair stays', async () => {
    await loadDuplicates('p1');
    refuse = true;
    await decidePair('p1', 'same');
    expect(shown().busy).toBe(false);
    expect(shown().justDecided).toBeNull();
    expect(shown().pair?.explanation).toBe('pair 1');
    expect(useToastStore.getState().toasts.at(-1)).toMatchObject({ tone: 'error', title: 'Could not merge the pair', message: 'Another window changed this run.' });
  });

  it('Find duplicates lets the engine choose the level unless one is chosen, and follows the job', async () => {
    resetJobs();
    await startDedupe({ projectId: 'p1', level: 'auto' });
    await startDedupe({ projectId: 'p1', level: 'household' });
    const starts = fake.mock.calls.filter(([m]) => m === 'dedupe.start').map(([, i]) => i);
    expect(starts).toEqual([{ projectId: 'p1' }, { projectId: 'p1', level: 'household' }]);
    expect(useJobsStore.getState().jobs.map((j) => [j.kind, j.label])).toEqual([
      ['dedupe', 'Finding duplicates'],
      ['dedupe', 'Finding duplicates (household)'],
    ]);
  });
});
