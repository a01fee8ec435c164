// The Mailing view's state over a fake engine: a project with no run starts from its first prospect list; one with runs starts
// from the newest run's recipe; a finished mailing job becomes the run on screen with its map; moving through the waterfall
// reads the records each step removed (only while they are on screen); a finished mailing export refreshes the ledger.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListInfo, MailingInfo, MailingRunResult, TargetRecipe } from '../../src/api/contract';
import type { RendererClient } from '../../renderer/src/api/client-types';
import { setApi } from '../../renderer/src/api/create-client';
import { loadMailing, resetMailing, selectStep, setPane, useMailingStore } from '../../renderer/src/state/mailing-store';
import { handleFinished, resetJobs, startMailing, startMailingExport } from '../../renderer/src/state/jobs-store';
import { useToastStore } from '../../renderer/src/state/toast-store';

const list = (id: number, role: ListInfo['role']) => ({ id, name: `L${id}`, role, rowCount: 10 }) as unknown as ListInfo;
const lists = [list(1, 'customers'), list(2, 'prospects'), list(3, 'suppression')];
const recipe: TargetRecipe = { fromListId: 2, steps: [{ kind: 'suppress', listIds: [3], level: 'auto' }, { kind: 'radius', center: '89501', miles: 25, mode: 'include' }] };
const run = (runId: number): MailingRunResult & { recipe: TargetRecipe } => ({
  runId,
  fromListId: 2,
  fromListName: 'L2',
  recipeName: null,
  createdAt: '2026-01-01T00:00:00Z',
  steps: [
    { step: 'input', kind: 'input', in: 10, removed: 0 },
    { step: 'Suppress L3', kind: 'suppress', in: 10, removed: 2 },
    { step: 'Within 25 miles of 89501', kind: 'radius', in: 8, removed: 5 },
  ],
  input: 10,
  kept: 3,
  multiBuyers: 0,
  seconds: 0.1,
  recipe,
});

let runs: ReturnType<typeof run>[];
let ledger: MailingInfo[];
const fake = vi.fn(async (method: string, input: Record<string, unknown>): Promise<unknown> => {
  switch (method) {
    case 'mailing.runs':
      return { runs };
    case 'mailing.ledger':
      return { mailings: ledger };
    case 'mailing.recipes':
      return { recipes: [] };
    case 'geo.summary':
      return { runId: input.runId ?? runs[0]?.runId ?? null, areas: [], circles: [], unplaced: { customers: 0, prospects: 0, kept: 0 } };
    case 'mailing.removed':
      return { runId: input.runId, total: 5, records: [{ listId: 2, rowNo: input.step as number, step: input.step, reason: `by step ${String(input.step)}`, summary: 's' }] };
    case 'mailing.run':
    case 'mailing.export':
      return { jobId: `j${fake.mock.calls.length}` };
    case 'jobs.wait':
      return new Promise(() => {});
    default:
      throw new Error(`unexpected ${method}`);
  }
});

const s = () => useMailingStore.getState();
const calls = (method: string) => fake.mock.calls.filter((c) => c[0] === method);

beforeEach(() => {
  resetMailing();
  resetJobs();
  useToastStore.setState({ toasts: [] });
  runs = [];
  ledger = [];
  fake.mockClear();
  setApi({ invoke: fake, deliverFile: vi.fn(async () => {}) } as unknown as RendererClient);
});

describe('mailing store', () => {
  it('a project without runs starts from its first prospect list and no steps', async () => {
    await loadMailing('p1', lists);
    expect(s().fromListId).toBe(2);
    expect(s().steps).toEqual([]);
    expect(s().runId).toBeNull();
  });

  it('a project with runs starts from the newest run’s recipe, as drafts', async () => {
    runs = [run(7), run(6)];
    await loadMailing('p1', lists);
    expect(s().runId).toBe(7);
    expect(s().steps.map((d) => d.kind)).toEqual(['suppress', 'radius']);
    expect(s().steps[1]).toMatchObject({ center: '89501', miles: '25' });
    expect(s().geo?.runId).toBe(7);
  });

  it('a finished mailing job becomes the run on screen, with its map, and says what it kept', async () => {
    await loadMailing('p1', lists);
    await startMailing({ projectId: 'p1', recipe, fromListName: 'L2' });
    const jobId = (await fake.mock.results.find((_, i) => fake.mock.calls[i]![0] === 'mailing.run')!.value) as { jobId: string };
    runs = [run(8)];
    handleFinished({ jobId: jobId.jobId, kind: 'mailing', projectId: 'p1', status: 'done', result: run(8), error: null });
    await vi.waitFor(() => expect(s().runId).toBe(8));
    await vi.waitFor(() => expect(s().geo?.runId).toBe(8));
    expect(useToastStore.getState().toasts.at(-1)?.title).toBe('Mailing set: 3 records');
  });

  it('the removed records follow the waterfall cursor only while they are on screen', async () => {
    runs = [run(7)];
    await loadMailing('p1', lists);
    selectStep('p1', 1);
    expect(s().stepIndex).toBe(1);
    expect(calls('mailing.removed')).toHaveLength(0);
    selectStep('p1', 2, true);
    expect(s().pane).toBe('removed');
    await vi.waitFor(() => expect(s().removed?.records[0]?.reason).toBe('by step 2'));
    selectStep('p1', 1);
    await vi.waitFor(() => expect(s().removed?.step).toBe(1));
    selectStep('p1', 9);
    expect(s().stepIndex).toBe(2);
    setPane('map');
    selectStep('p1', 1);
    expect(calls('mailing.removed')).toHaveLength(3);
  });

  it('a finished mailing export hands the file over and shows the ledger with it', async () => {
    runs = [run(7)];
    await loadMailing('p1', lists);
    await startMailingExport({ projectId: 'p1', runId: 7, target: { fileId: 'f1', name: 'out.csv' }, name: 'Spring', channel: 'direct-mail' });
    const { jobId } = (await fake.mock.results.find((_, i) => fake.mock.calls[i]![0] === 'mailing.export')!.value) as { jobId: string };
    ledger = [{ mailingId: 1, name: 'Spring', channel: 'direct-mail', mailedAt: '2026-01-02', recipients: 3, runId: 7, fromListName: 'L2', fileName: 'out.csv', createdAt: '' }];
    handleFinished({ jobId, kind: 'export', projectId: 'p1', status: 'done', result: { rowsWritten: 3, file: { fileId: 'f1' }, fileName: 'out.csv', seconds: 0 }, error: null });
    await vi.waitFor(() => expect(s().ledger).toHaveLength(1));
    expect(s().pane).toBe('ledger');
  });
});
