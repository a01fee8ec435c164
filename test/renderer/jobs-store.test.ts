// Job tracking: events that overtake import.start's answer are kept, a finished import refreshes and selects the new list,
// an export is delivered, and a job is finished exactly once even when both the event and jobs.wait report it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobFinished, JobProgress, JobRecord, ListInfo, ProjectInfo } from '../../src/api/contract';
import type { RendererClient } from '../../renderer/src/api/client-types';
import { setApi } from '../../renderer/src/api/create-client';
import { useAppStore } from '../../renderer/src/state/app-store';
import { handleFinished, handleProgress, resetJobs, startClean, startExport, startImport, useJobsStore } from '../../renderer/src/state/jobs-store';
import { useReviewStore } from '../../renderer/src/state/review-store';
import { useToastStore } from '../../renderer/src/state/toast-store';

const list = (id: number, name: string): ListInfo => ({
  id,
  name,
  role: 'prospects',
  sourceFile: `${name}.csv`,
  sourceSize: 10,
  importedAt: '2026-01-01T00:00:00Z',
  rowCount: 3,
  columns: [{ index: 0, name: 'A' }],
  format: null,
  details: {},
  problemCount: 0,
  clean: null,
});
const project = (lists: ListInfo[]): ProjectInfo => ({ projectId: 'p1', name: 'P', location: '/x/P.winnow', schemaVersion: 1, lists });

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const progress = (jobId: string, rows: number): JobProgress => ({ jobId, kind: 'import', projectId: 'p1', phase: 'importing', rows, done: rows, total: 100, rate: 10, elapsedMs: 1, etaMs: 5 });

let invoke: ReturnType<typeof vi.fn>;
let deliverFile: ReturnType<typeof vi.fn>;
let start: ReturnType<typeof deferred<{ jobId: string }>>;
let wait: ReturnType<typeof deferred<JobRecord>>;
let info: ProjectInfo;

beforeEach(() => {
  resetJobs();
  useToastStore.setState({ toasts: [] });
  useAppStore.setState({ project: project([list(1, 'old')]), selectedListId: 1 });
  start = deferred();
  wait = deferred();
  info = project([list(1, 'old'), list(2, 'new')]);
  invoke = vi.fn((method: string) => {
    if (method === 'import.start' || method === 'export.start' || method === 'clean.start') return start.promise;
    if (method === 'jobs.wait') return wait.promise;
    if (method === 'project.info') return Promise.resolve(info);
    return Promise.reject(new Error(`unexpected ${method}`));
  });
  deliverFile = vi.fn(async () => {});
  setApi({ invoke, deliverFile } as unknown as RendererClient);
});

const flush = () => new Promise((r) => setTimeout(r, 0));
const file = { fileId: 'f', name: 'new.csv', size: 10 };
const importDone = (jobId: string): JobFinished => ({
  jobId,
  kind: 'import',
  projectId: 'p1',
  status: 'done',
  result: {
    listId: 2,
    listName: 'new',
    rowsRead: 3,
    rowsImported: 3,
    rowsWithProblems: 0,
    blankLines: 0,
    skippedAboveHeader: 0,
    kind: 'delimited',
    encoding: 'utf-8',
    delimiter: 'comma',
    sheet: null,
    headerRow: 1,
    mappedColumns: 0,
    customColumns: 1,
    seconds: 0.2,
  },
  error: null,
});

describe('jobs store', () => {
  it('keeps progress that arrives before import.start answers', async () => {
    const started = startImport({ projectId: 'p1', file, name: 'new', role: 'prospects' });
    handleProgress(progress('j1', 40)); // overtakes the answer
    expect(useJobsStore.getState().jobs).toEqual([]);
    start.resolve({ jobId: 'j1' });
    await started;
    expect(useJobsStore.getState().jobs.map((j) => [j.jobId, j.progress?.rows])).toEqual([['j1', 40]]);
    handleProgress(progress('j1', 80));
    expect(useJobsStore.getState().jobs[0]?.progress?.rows).toBe(80);
  });

  it('refreshes the project and selects the imported list when the import finishes, even if the event came first', async () => {
    const started = startImport({ projectId: 'p1', file, name: 'new', role: 'prospects' });
    handleFinished(importDone('j1'));
    start.resolve({ jobId: 'j1' });
    await started;
    await flush();
    expect(useJobsStore.getState().jobs).toEqual([]);
    expect(useAppStore.getState().project?.lists.map((l) => l.name)).toEqual(['old', 'new']);
    expect(useAppStore.getState().selectedListId).toBe(2);
    // The report replaces a toast: it stays until dismissed, with the numbers the user checks.
    expect(useToastStore.getState().toasts).toEqual([]);
    expect(useJobsStore.getState().report).toMatchObject({ jobId: 'j1', projectId: 'p1', fileName: 'new.csv', result: { listName: 'new', rowsImported: 3 } });
  });

  it('finishes a job once when both the event and jobs.wait report it', async () => {
    const started = startImport({ projectId: 'p1', file, name: 'new', role: 'prospects' });
    start.resolve({ jobId: 'j1' });
    await started;
    handleFinished(importDone('j1'));
    wait.resolve({ jobId: 'j1', kind: 'import', status: 'done', label: '', startedAt: '', finishedAt: '', result: importDone('j1').result, error: null });
    await flush();
    await flush();
    expect(invoke.mock.calls.filter(([m]) => m === 'project.info')).toHaveLength(1);
    expect(useJobsStore.getState().report?.jobId).toBe('j1');
  });

  it('falls back to jobs.wait when the finished event is lost', async () => {
    const started = startImport({ projectId: 'p1', file, name: 'new', role: 'prospects' });
    start.resolve({ jobId: 'j1' });
    await started;
    wait.resolve({ jobId: 'j1', kind: 'import', status: 'failed', label: '', startedAt: '', finishedAt: '', result: null, error: { code: 'FILE_BAD_ENCODING', message: 'Line 7 is not UTF-8.' } });
    await flush();
    expect(useJobsStore.getState().jobs).toEqual([]);
    expect(useToastStore.getState().toasts.map((t) => [t.tone, t.title, t.message])).toEqual([['error', 'Import failed', 'Line 7 is not UTF-8.']]);
  });

  it('delivers an exported file to the user when the export finishes', async () => {
    const started = startExport({ projectId: 'p1', list: list(1, 'old'), target: { fileId: 'w1', name: 'old.csv' } });
    start.resolve({ jobId: 'e1' });
    await started;
    handleFinished({ jobId: 'e1', kind: 'export', projectId: 'p1', status: 'done', result: { rowsWritten: 3, file: { fileId: 'w1' }, fileName: 'old.csv', seconds: 0.1 }, error: null });
    await flush();
    expect(deliverFile).toHaveBeenCalledWith({ fileId: 'w1', name: 'old.csv' });
  });

  it('says a cancelled import left the project unchanged, and does not refresh', async () => {
    const started = startImport({ projectId: 'p1', file, name: 'new', role: 'prospects' });
    start.resolve({ jobId: 'j1' });
    await started;
    handleFinished({ jobId: 'j1', kind: 'import', projectId: 'p1', status: 'cancelled', result: null, error: { code: 'JOB_CANCELLED', message: 'Cancelled.' } });
    await flush();
    expect(useToastStore.getState().toasts.map((t) => t.message)).toEqual(['The project is unchanged.']);
    expect(invoke.mock.calls.some(([m]) => m === 'project.info')).toBe(false);
  });

  it('ignores events for jobs this window did not start', async () => {
    handleProgress(progress('other', 10));
    handleFinished(importDone('other'));
    await flush();
    expect(useJobsStore.getState().jobs).toEqual([]);
    expect(useToastStore.getState().toasts).toEqual([]);
    expect(useJobsStore.getState().report).toBeNull();
  });

  it('passes the wizard’s read options, mapping, details and already-imported choice to import.start', async () => {
    const started = startImport({
      projectId: 'p1',
      file,
      name: 'new',
      role: 'suppression',
      options: { encoding: 'windows-1252', headerRow: 2 },
      mapping: [{ index: 0, field: 'zip' }],
      savePreset: 'Vendor X',
      details: { suppressionKind: 'deceased' },
      ifAlreadyImported: 'import',
    });
    start.resolve({ jobId: 'j1' });
    await started;
    expect(invoke.mock.calls.find(([m]) => m === 'import.start')?.[1]).toEqual({
      projectId: 'p1',
      file: { fileId: 'f' },
      name: 'new',
      role: 'suppression',
      options: { encoding: 'windows-1252', headerRow: 2 },
      mapping: [{ index: 0, field: 'zip' }],
      savePreset: 'Vendor X',
      details: { suppressionKind: 'deceased' },
      ifAlreadyImported: 'import',
    });
  });

  it('after a clean: refreshes the project, drops the issue filter, refetches the rows and says how many records need a look', async () => {
    useReviewStore.setState({ filter: { listId: 1, code: 'email.typo', label: 'Likely e-mail typo', severity: 'warning', total: 1 } });
    const v = useReviewStore.getState().rowsVersion;
    const started = startClean({ projectId: 'p1', list: list(1, 'old') });
    start.resolve({ jobId: 'c1' });
    await started;
    expect(invoke.mock.calls.find(([m]) => m === 'clean.start')?.[1]).toEqual({ projectId: 'p1', listId: 1 });
    expect(useJobsStore.getState().jobs.map((j) => [j.kind, j.label])).toEqual([['clean', 'Cleaning “old”']]);
    const summary = { cleanedAt: '', rows: 3, mailable: 2, emailable: 3, callable: 1, withIssues: 2, averageQuality: 71.5 };
    handleFinished({ jobId: 'c1', kind: 'clean', projectId: 'p1', status: 'done', result: { lists: [{ ...summary, listId: 1, listName: 'old' }], issues: [], seconds: 0.2 }, error: null });
    await flush();
    await flush();
    expect(invoke.mock.calls.some(([m]) => m === 'project.info')).toBe(true);
    expect(useReviewStore.getState().filter).toBeNull();
    expect(useReviewStore.getState().rowsVersion).toBe(v + 1);
    expect(useToastStore.getState().toasts.map((t) => [t.tone, t.title])).toEqual([['success', 'Cleaned 3 records']]);
  });
});
