// Crash safety (issue 9): SIGKILLs the real `winnow` process at seeded random moments of import, clean, merge/purge,
// scoring and export, then proves the project survived: SQLite integrity and foreign keys, no half list, clean, merge
// run or score set, the job log says what was interrupted, no partial file under an export's name, and re-running
// the command gives what a never-killed run gives.
//
// Kill moments: each job is first run unkilled to measure it; kill point k of n is drawn at random (seeded) inside
// the k-th n-th of 5%-95% of that duration (kept up to date by every unkilled re-run, so a loaded machine stretches
// the window with the jobs). Reproduce a run with WINNOW_CRASH_SEED=<seed>; WINNOW_CRASH_SCALE=3 triples the points.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateUsList } from '../../bench/generate/us-list';
import type { JobRecord, ListInfo } from '../../src/api/contract';
import { createService } from '../../src/service';
import { INTERRUPTED_MESSAGE } from '../../src/store/jobs';
import { ensureEngineBuilt, ROOT } from '../fixtures/engine-build';
import { copyProject, inspectProject, killFractions, partialsOf, runCli, snapshotEngine, zipWithoutTimes, type ProjectState, type Run } from './kill-harness';

const SEED = Number(process.env.WINNOW_CRASH_SEED ?? 20261125);
const SCALE = Math.max(1, Number(process.env.WINNOW_CRASH_SCALE ?? 1));
const PROSPECT_ROWS = 40_000;
/** The import kill points read a bigger file, so the import takes long enough next to the process start. */
const IMPORT_ROWS = 120_000;

type Aspect = 'lists' | 'clean' | 'runs' | 'scores' | 'others';
type Base = 'none' | 'house' | 'imported' | 'cleaned';

interface Variant {
  id: string;
  kind: 'import' | 'clean' | 'dedupe' | 'score' | 'export';
  /** What the job is, in the failure message. */
  what: string;
  points: number;
  /** The project copied for each kill point ('none': the command creates it). */
  base: Base;
  /** The part of the project the job changes; every other part must stay exactly as in the base. */
  changes: Aspect | null;
  args: (project: string, dir: string) => string[];
  /** The file an export writes. */
  out?: (dir: string) => string;
  /** The job redoes work the base already holds, so its result equals the base (only timestamps move). */
  redoes?: boolean;
}

const VARIANTS: Variant[] = (
  [
    { id: 'import', kind: 'import', what: `import of ${IMPORT_ROWS} rows into a project with a house file`, points: 7, base: 'house', changes: 'lists', args: (p, d) => ['import', path.join(d, '..', 'big.csv'), '--project', p, '--name', 'big'] },
    { id: 'import-new', kind: 'import', what: `import of ${IMPORT_ROWS} rows creating the project`, points: 7, base: 'none', changes: 'lists', args: (p, d) => ['import', path.join(d, '..', 'big.csv'), '--project', p, '--name', 'big'] },
    { id: 'clean', kind: 'clean', what: `first clean of every list (${PROSPECT_ROWS} + 300 records)`, points: 7, base: 'imported', changes: 'clean', args: (p) => ['clean', '--project', p] },
    { id: 'clean-again', kind: 'clean', what: 'clean of every list over an earlier clean', points: 7, base: 'cleaned', redoes: true, changes: 'clean', args: (p) => ['clean', '--project', p] },
    { id: 'dedupe', kind: 'dedupe', what: 'person-level merge/purge of both lists', points: 10, base: 'cleaned', changes: 'runs', args: (p) => ['dedupe', '--project', p] },
    { id: 'score', kind: 'score', what: 'lead scoring of the prospects', points: 10, base: 'cleaned', changes: 'scores', args: (p) => ['score', '--project', p] },
    {
      id: 'export-csv',
      kind: 'export',
      what: 'CSV export, cleaned and original columns',
      points: 6,
      base: 'cleaned',
      changes: null,
      args: (p, d) => ['export', '--project', p, '--list', 'prospects', '--fields', 'all', '--out', path.join(d, 'out.csv')],
      out: (d) => path.join(d, 'out.csv'),
    },
    {
      id: 'export-xlsx',
      kind: 'export',
      what: '.xlsx export, cleaned and original columns',
      points: 6,
      base: 'cleaned',
      changes: null,
      args: (p, d) => ['export', '--project', p, '--list', 'prospects', '--fields', 'all', '--out', path.join(d, 'out.xlsx')],
      out: (d) => path.join(d, 'out.xlsx'),
    },
  ] satisfies Variant[]
).map((v) => ({ ...v, points: v.points * SCALE }));

let work = '';
let cli = '';
const bases = new Map<Base, { file: string | null; state: ProjectState }>();
/** What a never-killed run of each variant leaves: its project state and (exports) the file, xlsx times zeroed. */
const refs = new Map<string, { state: ProjectState; file: Buffer | null }>();
/** Wall times of the unkilled runs of each variant (the reference run, then every re-run), in ms. */
const durations = new Map<string, number[]>();
type Landed = 'before the job started' | 'mid-job' | 'after the job finished';
const outcomes: { variant: string; point: number; atMs: number; fraction: number; durationMs: number; landed: Landed; partialFile: boolean; rerunMs: number }[] = [];
let failures = 0;

const EMPTY: ProjectState = { lists: [], runs: [], scores: null, jobs: [], mailings: 0, others: {}, violations: [] };

/** The parts of a project a job may change, each reduced to what a re-run must reproduce exactly. */
function aspect(s: ProjectState, a: Aspect): string {
  switch (a) {
    case 'lists':
      return JSON.stringify(s.lists.map((l) => [l.name, l.role, l.rowCount, l.hash]));
    case 'clean':
      return JSON.stringify(s.lists.filter((l) => l.clean).map((l) => [l.name, l.clean!.stats, l.clean!.hash]));
    case 'runs':
      return JSON.stringify(s.runs.map((r) => r.summary));
    case 'scores':
      return JSON.stringify(s.scores);
    case 'others':
      return JSON.stringify(s.others);
  }
}
const ASPECTS: Aspect[] = ['lists', 'clean', 'runs', 'scores', 'others'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function cliOk(args: string[], cwd: string): Promise<Run> {
  const r = await runCli(cli, args, { cwd });
  if (r.code !== 0) throw new Error(`winnow ${args.join(' ')} failed (${r.code ?? r.signal}): ${r.stderr}`);
  return r;
}

/** The project as Winnow itself opens it after the crash: its job history (interrupted jobs marked) and lists. */
async function engineView(file: string): Promise<{ jobs: JobRecord[]; lists: ListInfo[] }> {
  const service = createService({ host: 'direct', resourcesDir: path.join(ROOT, 'resources') });
  try {
    const info = await service.invoke('project.open', { file: service.registerFile(file, 'read') });
    const { jobs } = await service.invoke('jobs.history', { projectId: info.projectId });
    return { jobs, lists: info.lists };
  } finally {
    await service.close();
  }
}

const exportBytes = (file: string) => (file.endsWith('.xlsx') ? zipWithoutTimes(fs.readFileSync(file)) : fs.readFileSync(file));

beforeAll(async () => {
  await ensureEngineBuilt();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-crash-'));
  cli = snapshotEngine(ROOT, path.join(work, 'engine'));
  await generateUsList({ rows: PROSPECT_ROWS, seed: SEED, out: path.join(work, 'prospects.csv') });
  await generateUsList({ rows: IMPORT_ROWS, seed: SEED + 1, out: path.join(work, 'big.csv') });

  // The realistic project in three stages: a house file; plus a bought list; then both cleaned.
  const stage = (name: Base) => path.join(work, `${name}.winnow`);
  await cliOk(['import', path.join(ROOT, 'resources', 'sample', 'house-file.csv'), '--project', stage('house'), '--role', 'customers', '--name', 'house'], work);
  copyProject(stage('house'), stage('imported'));
  await cliOk(['import', path.join(work, 'prospects.csv'), '--project', stage('imported'), '--name', 'prospects'], work);
  copyProject(stage('imported'), stage('cleaned'));
  await cliOk(['clean', '--project', stage('cleaned')], work);
  bases.set('none', { file: null, state: EMPTY });
  for (const b of ['house', 'imported', 'cleaned'] as const) {
    const state = inspectProject(stage(b));
    expect(state.violations).toEqual([]);
    bases.set(b, { file: stage(b), state });
  }

  // One never-killed run of each variant: how long it takes and what it leaves.
  for (const v of VARIANTS) {
    const dir = path.join(work, `ref-${v.id}`);
    fs.mkdirSync(dir);
    const project = path.join(dir, 'p.winnow');
    const base = bases.get(v.base)!;
    if (base.file) copyProject(base.file, project);
    const r = await cliOk(v.args(project, dir), dir);
    durations.set(v.id, [r.ms]);
    const state = inspectProject(project);
    expect(state.violations).toEqual([]);
    if (v.changes && !v.redoes) expect(aspect(state, v.changes), `${v.id} changes its part of the project`).not.toBe(aspect(base.state, v.changes));
    if (v.redoes) expect(state.lists.map((l) => l.clean?.cleanedAt), `${v.id} cleans again`).not.toEqual(base.state.lists.map((l) => l.clean?.cleanedAt));
    refs.set(v.id, { state, file: v.out ? exportBytes(v.out(dir)) : null });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 600_000);

afterAll(() => {
  const lines = [`crash safety: seed ${SEED}, ${outcomes.length} kill points survived${failures ? `, ${failures} failed (files kept in ${work})` : ''}`];
  for (const v of VARIANTS) {
    const mine = outcomes.filter((o) => o.variant === v.id);
    if (mine.length === 0) continue;
    const count = (l: Landed) => mine.filter((o) => o.landed === l).length;
    const partial = mine.filter((o) => o.partialFile).length;
    lines.push(
      `  ${v.id.padEnd(12)} ${String(mine.length).padStart(3)} kills over ${median(durations.get(v.id)!).toFixed(0)} ms runs: ${count('mid-job')} mid-job, ` +
        `${count('before the job started')} before it started, ${count('after the job finished')} after it finished${v.out ? `; ${partial} with a partial file on disk` : ''}` +
        ` — at ${mine.map((o) => o.atMs).join(', ')} ms`,
    );
  }
  console.log(lines.join('\n'));
  if (work && failures === 0) fs.rmSync(work, { recursive: true, force: true });
});

async function killPoint(v: Variant, point: number, fraction: number): Promise<void> {
  const dir = path.join(work, `${v.id}-${point}`);
  fs.mkdirSync(dir);
  const project = path.join(dir, 'p.winnow');
  const base = bases.get(v.base)!;
  const ref = refs.get(v.id)!;
  if (base.file) copyProject(base.file, project);
  const durationMs = Math.round(median(durations.get(v.id)!));
  const atMs = Math.round(fraction * durationMs);
  const ctx = `seed ${SEED}, ${v.id} (${v.what}) kill point ${point}/${v.points}: SIGKILL at ${atMs} ms = ${(fraction * 100).toFixed(1)}% of ${durationMs} ms`;

  const k = await runCli(cli, v.args(project, dir), { cwd: dir, killAfterMs: atMs });
  if (!k.killed) expect(k.code, `${ctx}: finished before the kill, and failed: ${k.stderr}`).toBe(0);
  const out = v.out?.(dir);
  const partialFile = out ? partialsOf(out).length > 0 : false;

  // 1. The file as the killed process left it, read-only: whole, and every part either as before or complete.
  const state = fs.existsSync(project) ? inspectProject(project) : null;
  expect(state?.violations ?? [], `${ctx}: the project after the kill`).toEqual([]);
  const after = state ?? EMPTY;
  const known = new Set(base.state.jobs.map((j) => j.id));
  const jobs = after.jobs.filter((j) => !known.has(j.id));
  expect(jobs.length, `${ctx}: jobs recorded by the killed command`).toBeLessThanOrEqual(1);
  const job = jobs[0];
  expect(job?.status ?? 'none', `${ctx}: the killed job's status on disk`).toMatch(k.killed ? /^(none|running|done)$/ : /^done$/);
  for (const a of ASPECTS) {
    const now = aspect(after, a);
    // Other tables may be written by any job (settings, presets, problems), but only whole, in the job's transaction.
    if ((a === v.changes || a === 'others') && now !== aspect(base.state, a)) expect(now, `${ctx}: ${a} after the kill is neither as before nor complete`).toBe(aspect(ref.state, a));
    else expect(now, `${ctx}: ${a} changed by a job that does not touch them`).toBe(aspect(base.state, a));
  }
  // One clean job cleans every list in one transaction: all lists keep the earlier clean, or all have the new one.
  if (v.kind === 'clean') {
    const renewed = after.lists.map((l) => l.clean?.cleanedAt !== base.state.lists.find((b) => b.name === l.name)?.clean?.cleanedAt);
    expect(new Set(renewed).size, `${ctx}: some lists have the new clean and some the old`).toBeLessThanOrEqual(1);
  }
  if (out) {
    if (fs.existsSync(out)) expect(exportBytes(out).equals(ref.file!), `${ctx}: ${path.basename(out)} exists but differs from an unkilled export`).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(path.basename(out))), `${ctx}: files beside the target`).toEqual(fs.existsSync(out) ? [path.basename(out)] : []);
  }

  // 2. Winnow opens it: nothing is left 'running'; the killed job is 'interrupted' and says so in words.
  if (state) {
    const view = await engineView(project);
    expect(view.jobs.filter((j) => j.status === 'running'), `${ctx}: jobs still running after reopening`).toEqual([]);
    if (job) {
      const rec = view.jobs.find((j) => j.jobId === job.id);
      expect(rec?.status, `${ctx}: the job log after reopening`).toBe(job.status === 'running' ? 'interrupted' : 'done');
      if (job.status === 'running') expect(rec?.error?.message, `${ctx}: the interrupted job's message`).toBe(INTERRUPTED_MESSAGE);
    }
    expect(view.lists.map((l) => [l.name, l.rowCount]), `${ctx}: lists as the engine shows them`).toEqual(after.lists.map((l) => [l.name, l.rowCount]));
  }

  // 3. The user runs the same command again: it succeeds and leaves what a never-killed run leaves.
  const alreadyImported = v.kind === 'import' && after.lists.some((l) => l.name === 'big');
  const again = await runCli(cli, v.args(project, dir), { cwd: dir });
  if (alreadyImported) {
    // The import had committed before the kill: the same file is refused, naming the list, as for any repeat import.
    expect([again.code, again.stderr], `${ctx}: re-running an import that had finished`).toEqual([1, expect.stringMatching(/already imported as list "big"/)]);
  } else {
    expect([again.code, again.stderr], `${ctx}: re-running the command`).toEqual([0, '']);
    durations.get(v.id)!.push(again.ms);
  }
  const final = inspectProject(project);
  expect(final.violations, `${ctx}: the project after the re-run`).toEqual([]);
  expect(final.jobs.filter((j) => j.status === 'running'), `${ctx}: jobs left running by the re-run`).toEqual([]);
  for (const a of ASPECTS) {
    const want = a === 'runs' && v.changes === 'runs' ? ref.state.runs.map((r) => r.summary) : null;
    // A merge/purge that completed before the kill stays as an earlier run beside the re-run's: both must be the same.
    if (want) expect(final.runs.map((r) => r.summary).filter((s) => s !== want[0]), `${ctx}: merge/purge runs after the re-run`).toEqual([]);
    else expect(aspect(final, a), `${ctx}: ${a} after the re-run`).toBe(aspect(a === v.changes || a === 'others' ? ref.state : base.state, a));
  }
  if (out) {
    expect(exportBytes(out).equals(ref.file!), `${ctx}: the re-run's ${path.basename(out)} differs from an unkilled export`).toBe(true);
    expect(partialsOf(out), `${ctx}: the killed export's partial file was not cleaned up by the re-run`).toEqual([]);
  }

  const landed: Landed = !k.killed || job?.status === 'done' ? 'after the job finished' : job ? 'mid-job' : 'before the job started';
  outcomes.push({ variant: v.id, point, atMs, fraction, durationMs, landed, partialFile, rerunMs: Math.round(again.ms) });
  fs.rmSync(dir, { recursive: true, force: true });
}

for (const [index, v] of VARIANTS.entries()) {
  describe(`${v.id}: ${v.what}`, () => {
    const fractions = killFractions(SEED + 7919 * (index + 1), v.points);
    for (const [i, fraction] of fractions.entries()) {
      it(`survives SIGKILL at ${(fraction * 100).toFixed(1)}% of the job (kill point ${i + 1}/${v.points})`, async () => {
        try {
          await killPoint(v, i + 1, fraction);
        } catch (e) {
          failures++;
          const earlier = outcomes.filter((o) => o.variant === v.id).map((o) => `${o.atMs} ms (${o.landed})`);
          (e as Error).message += `\n  seed ${SEED}; earlier ${v.id} kill points of this run: ${earlier.join(', ') || 'none'}; files kept in ${work}`;
          throw e;
        }
      });
    }
  });
}

describe('the kill points', () => {
  it('land mostly in the middle of work, in every kind of job', () => {
    expect(outcomes.length).toBe(VARIANTS.reduce((s, v) => s + v.points, 0));
    const mid = outcomes.filter((o) => o.landed === 'mid-job').length;
    expect(mid / outcomes.length, 'share of kills that hit a running job').toBeGreaterThanOrEqual(0.6);
    for (const v of VARIANTS) expect(outcomes.some((o) => o.variant === v.id && o.landed === 'mid-job'), `${v.id}: a kill that hit the running job`).toBe(true);
  });
});
