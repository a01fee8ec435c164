// The Scoring view's state over a fake engine: opening the view reads settings, profile, leads, the sales-ready page and the
// newest score job's counts; a grade cell filters the leads and clicking it again shows all; a finished score job with new
// sales-ready leads says so in a toast (and on the desktop when allowed), marks them unseen until the Sales-ready tab opens,
// and re-reads the pages; a run with none new stays quiet; the profile is asked for once at a time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobRecord, LeadRow, ScoreRunResult, ScoreSettings } from '../../src/api/contract';
import type { RendererClient } from '../../renderer/src/api/client-types';
import { setApi } from '../../renderer/src/api/create-client';
import { filterGrade, loadScoring, readProfile, resetScoring, saveScoreSettings, setScoringTab, useScoringStore } from '../../renderer/src/state/scoring-store';
import { handleFinished, resetJobs, startScore } from '../../renderer/src/state/jobs-store';
import { useToastStore } from '../../renderer/src/state/toast-store';

const settings: ScoreSettings = {
  rfm: { recencyDays: null, frequency: null, monetary: null, bestMin: 12 },
  flags: { role_email: true },
  keywords: ['student'],
  staleMonths: 36,
  engagement: { halfLifeDays: 30, hotPoints: 20, points: {} },
  salesReady: { minFit: 80, required: ['email'], allowFlagged: false },
};
const lead = (rowNo: number, grade: string, salesReady = false): LeadRow => ({
  listId: 2,
  rowNo,
  listName: 'Bought',
  summary: `Lead ${rowNo}`,
  fit: 90 - rowNo,
  grade,
  engagement: Number(grade[1]) as 1 | 2 | 3,
  reasons: ['state NV: 2× more common among best customers'],
  flags: [],
  salesReady,
});
const runResult = (newly: number): ScoreRunResult => ({
  prospects: 10,
  best: 4,
  grades: { A1: 2, B2: 3, D3: 5 },
  salesReady: 3,
  newlySalesReady: newly,
  flags: [{ rule: 'role_email', label: 'Role address', records: 1 }],
  engagement: { events: 0, leads: 0, hot: 0 },
  response: null,
  notes: [],
  seconds: 0.2,
});

let history: JobRecord[];
let scoredAt: string | null;
const fake = vi.fn(async (method: string, input: Record<string, unknown>): Promise<unknown> => {
  switch (method) {
    case 'score.settings':
      return settings;
    case 'score.saveSettings':
      return { ...settings, ...(input.settings as object) };
    case 'score.profile':
      return { customers: 300, withHistory: 300, asOf: '2024-06-01', thresholds: { recencyDays: [1, 2, 3, 4], frequency: [1, 1, 2, 3], monetary: [10, 20, 30, 40] }, bestMin: 12, segments: [], best: 4, attributes: [], prospects: 10, notes: [] };
    case 'score.leads': {
      const grade = input.grade as string | undefined;
      const rows = input.salesReadyOnly ? [lead(1, 'A1', true)] : grade ? [lead(3, grade)] : [lead(1, 'A1', true), lead(2, 'B2')];
      return { total: rows.length, leads: rows, scoredAt };
    }
    case 'jobs.history':
      return { jobs: history };
    case 'score.run':
      return { jobId: 'job-score' };
    case 'jobs.wait':
      return new Promise(() => {});
    case 'project.info':
      return { projectId: 'p1', name: 'P', location: '', lists: [] };
    default:
      throw new Error(`unexpected ${method}`);
  }
});

const s = () => useScoringStore.getState();
const calls = (method: string) => fake.mock.calls.filter((c) => c[0] === method);
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  resetScoring();
  setScoringTab('best');
  resetJobs();
  useToastStore.setState({ toasts: [] });
  history = [];
  scoredAt = null;
  fake.mockClear();
  setApi({ invoke: fake, deliverFile: vi.fn(async () => {}) } as unknown as RendererClient);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('scoring store', () => {
  it('opening the view reads the settings, the profile, both lead pages and the newest finished score job', async () => {
    scoredAt = '2026-11-24T10:00:00Z';
    const done = (jobId: string, startedAt: string, r: ScoreRunResult | null, status: JobRecord['status'] = 'done'): JobRecord => ({ jobId, kind: 'score', status, label: '', startedAt, finishedAt: startedAt, result: r, error: null });
    history = [done('old', '2026-11-20T00:00:00Z', { ...runResult(0), prospects: 7 }), done('new', '2026-11-24T00:00:00Z', runResult(0)), done('failed', '2026-11-25T00:00:00Z', null, 'failed')];
    await loadScoring('p1');
    expect(s().settings?.salesReady.minFit).toBe(80);
    expect(s().profile?.customers).toBe(300);
    expect(s().leads).toMatchObject({ total: 2, offset: 0, grade: null, scoredAt });
    expect(s().ready?.leads.map((l) => l.salesReady)).toEqual([true]);
    expect(s().lastRun?.prospects).toBe(10);
    expect(calls('score.leads').map((c) => c[1].salesReadyOnly).sort()).toEqual([false, true]);
  });

  it('a grade cell filters the leads; the same cell again shows every lead', async () => {
    await loadScoring('p1');
    filterGrade('p1', 'B2');
    await flush();
    expect(s().grade).toBe('B2');
    expect(s().leads).toMatchObject({ grade: 'B2', total: 1 });
    expect(calls('score.leads').at(-1)![1]).toMatchObject({ grade: 'B2', salesReadyOnly: false, offset: 0, limit: 100 });
    filterGrade('p1', 'B2');
    await flush();
    expect(s().grade).toBeNull();
    expect(calls('score.leads').at(-1)![1]).not.toHaveProperty('grade');
    expect(s().leads?.total).toBe(2);
  });

  it('a finished score with new sales-ready leads: a toast, a desktop notification when allowed, unseen until the tab opens', async () => {
    const shown: { title: string; body?: string }[] = [];
    class FakeNotification {
      static permission = 'granted';
      constructor(title: string, opts?: { body?: string }) {
        shown.push({ title, body: opts?.body });
      }
    }
    vi.stubGlobal('Notification', FakeNotification);
    await loadScoring('p1');
    await startScore({ projectId: 'p1' });
    scoredAt = '2026-11-24T10:00:00Z';
    handleFinished({ jobId: 'job-score', kind: 'score', projectId: 'p1', status: 'done', result: runResult(3), error: null });
    await vi.waitFor(() => expect(s().lastRun?.newlySalesReady).toBe(3));
    await vi.waitFor(() => expect(s().leads?.scoredAt).toBe(scoredAt));
    const titles = useToastStore.getState().toasts.map((t) => t.title);
    expect(titles).toContain('3 new sales-ready leads');
    expect(titles).toContain('Scored 10 leads');
    expect(shown).toEqual([{ title: 'Winnow: 3 new sales-ready leads', body: expect.stringContaining('3 leads ready for sales') }]);
    expect(s().unseenReady).toBe(3);
    setScoringTab('ready');
    expect(s().unseenReady).toBe(0);
  });

  it('no new sales-ready leads, or notifications not allowed: no notification, no "new" toast', async () => {
    const ctor = vi.fn();
    vi.stubGlobal('Notification', Object.assign(ctor, { permission: 'denied' }));
    await loadScoring('p1');
    await startScore({ projectId: 'p1' });
    handleFinished({ jobId: 'job-score', kind: 'score', projectId: 'p1', status: 'done', result: runResult(0), error: null });
    await vi.waitFor(() => expect(s().lastRun).not.toBeNull());
    expect(useToastStore.getState().toasts.map((t) => t.title)).toEqual(['Scored 10 leads']);
    expect(s().unseenReady).toBe(0);
    expect(ctor).not.toHaveBeenCalled();
  });

  it('saving RFM cut points reads the profile again; a refused save says why and returns false', async () => {
    await loadScoring('p1');
    const before = calls('score.profile').length;
    expect(await saveScoreSettings('p1', { rfm: { ...settings.rfm, bestMin: 10 } })).toBe(true);
    expect(calls('score.profile').length).toBe(before + 1);
    fake.mockRejectedValueOnce(new Error('boom'));
    expect(await saveScoreSettings('p1', { keywords: ['x'] }, 'the keywords')).toBe(false);
    expect(useToastStore.getState().toasts.at(-1)).toMatchObject({ tone: 'error', title: 'Could not save the keywords' });
  });
});

describe('profile reads', () => {
  it('one request at a time: a read asked for meanwhile waits, then reads once more (not once per ask)', async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((r) => (release = r));
    const base = fake.getMockImplementation()!;
    fake.mockImplementation(async (method, input) => {
      if (method === 'score.profile' && calls('score.profile').length === 1) await slow;
      return base(method, input);
    });
    useScoringStore.setState({ projectId: 'p1' });
    const first = readProfile('p1');
    const second = readProfile('p1');
    const third = readProfile('p1');
    await flush();
    expect(calls('score.profile').length).toBe(1);
    release();
    await Promise.all([first, second, third]);
    expect(calls('score.profile').length).toBe(2);
    expect(s().profile?.customers).toBe(300);
    expect(s().profileLoading).toBe(false);
    fake.mockImplementation(base);
  });
});
