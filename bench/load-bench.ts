// load: grid page latency over the real browser host (HTTP + WebSocket, as the renderer talks) while a large import runs in the same project.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { FileRef, JobFinished, Outcome, ProjectInfo, RowWindow } from '../src/api/contract';
import { ROUTES, TOKEN_COOKIE, type WireEvent } from '../src/api/wire';
import { BENCH_VIEW } from './grid-bench';
import type { DataFile } from './import-bench';
import { count, millis, percentile, seconds } from './report';

const WINDOW = 200;

export interface LatencySet {
  phase: 'baseline' | 'during import';
  kind: 'plain' | 'sorted, filtered view' | 'all';
  /** Milliseconds, in request order. */
  samples: number[];
}

export interface LoadBenchResult {
  listRows: number;
  viewRows: number;
  importRows: number;
  importSeconds: number;
  /** Seconds the same import took with no page requests (measured first, in the same run), when asked for. */
  importAloneSeconds: number | null;
  progressEvents: number;
  sets: LatencySet[];
}

interface Host {
  origin: string;
  token: string;
  child: ChildProcess;
}

/** Starts dist/browser-host.js (engine worker + loopback server) as the app's dev host does, and reads its printed link. */
async function startHost(root: string, workspace: string): Promise<Host> {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'browser-host.js'), '--workspace', workspace], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${output}`)), 30_000);
    const onData = (b: Buffer) => {
      output += b.toString();
      const m = /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(new URL(m[1]!));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`browser host exited (${code}):\n${output}`)));
  });
  return { origin: url.origin, token: url.searchParams.get('token')!, child };
}

async function stopHost(host: Host): Promise<void> {
  if (host.child.exitCode !== null) return;
  const exited = new Promise((r) => host.child.once('exit', r));
  host.child.kill('SIGTERM');
  await exited;
}

/** The renderer's transport: POST /api/invoke with the session cookie over keep-alive connections. */
function client(host: Host) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
  const url = new URL(host.origin);
  const headers = { Cookie: `${TOKEN_COOKIE}=${host.token}`, Origin: host.origin };
  function post(route: string, body: string | fs.ReadStream, type: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, path: route, method: 'POST', agent, headers: { ...headers, 'Content-Type': type } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            const o = JSON.parse(text) as Outcome<unknown>;
            if (o.ok) resolve(o.value);
            else reject(new Error(`${route}: ${o.error.code} ${o.error.message}`));
          } catch {
            reject(new Error(`${route}: HTTP ${res.statusCode} ${text.slice(0, 200)}`));
          }
        });
      });
      req.on('error', reject);
      if (typeof body === 'string') req.end(body);
      else body.pipe(req);
    });
  }
  return {
    invoke: <T>(method: string, input: unknown) => post(ROUTES.invoke, JSON.stringify({ method, input }), 'application/json') as Promise<T>,
    upload: (file: string) => post(`${ROUTES.upload}?name=${encodeURIComponent(path.basename(file))}`, fs.createReadStream(file), 'application/octet-stream') as Promise<FileRef & { name: string; size: number }>,
    saveTarget: (suggestedName: string) => post(ROUTES.saveTarget, JSON.stringify({ purpose: 'project', suggestedName }), 'application/json') as Promise<FileRef>,
    close: () => agent.destroy(),
  };
}

/** A small seeded generator, so two runs ask for the same positions. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function loadBench(opts: {
  root: string;
  grid: DataFile;
  load: DataFile;
  seed: number;
  baselineRequests: number;
  /** Also time the import with no page requests first (a second import of the same file), for its slowdown. */
  importAlone: boolean;
  /** Pages slower than this during the import are listed with the import's phase at the time. */
  slowMs: number;
  log: (s: string) => void;
}): Promise<LoadBenchResult> {
  const { log } = opts;
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-load-'));
  const host = await startHost(opts.root, workspace);
  const api = client(host);
  const finished = new Map<string, JobFinished>();
  let progressEvents = 0;
  const ws = new WebSocket(`${host.origin.replace('http:', 'ws:')}${ROUTES.events}`, { headers: { Cookie: `${TOKEN_COOKIE}=${host.token}` }, origin: host.origin });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const timeline: { t: number; phase: string; rows: number }[] = [];
    ws.on('message', (m: Buffer) => {
      const e = JSON.parse(m.toString('utf8')) as WireEvent;
      if (e.event === 'job.progress') {
        progressEvents++;
        const p = e.payload as { phase: string; rows: number };
        timeline.push({ t: performance.now(), phase: p.phase, rows: p.rows });
      }
      if (e.event === 'job.finished') finished.set((e.payload as JobFinished).jobId, e.payload as JobFinished);
    });
    const waitJob = async (jobId: string) => {
      const job = await api.invoke<{ status: string; error?: { message: string } | null }>('jobs.wait', { jobId });
      if (job.status !== 'done') throw new Error(`job ${jobId} ${job.status}: ${job.error?.message ?? ''}`);
    };

    // The project and the grid's list: imported and cleaned through the API, as the app does it.
    let t0 = performance.now();
    const projectFile = await api.saveTarget('load.winnow');
    let info = await api.invoke<ProjectInfo>('project.create', { file: projectFile, name: 'load' });
    const projectId = info.projectId;
    const gridFile = await api.upload(opts.grid.file);
    await waitJob((await api.invoke<{ jobId: string }>('import.start', { projectId, file: gridFile, name: 'grid' })).jobId);
    info = await api.invoke<ProjectInfo>('project.info', { projectId });
    const list = info.lists[0]!;
    await waitJob((await api.invoke<{ jobId: string }>('clean.start', { projectId, listId: list.id })).jobId);
    log(`grid list: ${count(list.rowCount)} rows imported and cleaned through the browser host in ${seconds((performance.now() - t0) / 1000)}`);
    const loadFile = await api.upload(opts.load.file);

    const base = { projectId, listId: list.id };
    t0 = performance.now();
    const first = await api.invoke<RowWindow>('lists.rows', { ...base, fromRow: 1, count: WINDOW, view: BENCH_VIEW, refresh: true });
    const viewRows = first.total;
    log(`sorted, filtered view (last, first name; state in CA/NY/TX, quality > 60): ${count(viewRows)} rows, built in ${seconds((performance.now() - t0) / 1000)}`);

    const random = mulberry32(opts.seed);
    const page = async (kind: 'plain' | 'view'): Promise<number> => {
      const total = kind === 'plain' ? list.rowCount : viewRows;
      const fromRow = 1 + Math.floor(random() * Math.max(1, total - WINDOW + 1));
      const s = performance.now();
      const w = await api.invoke<RowWindow>('lists.rows', kind === 'plain' ? { ...base, fromRow, count: WINDOW } : { ...base, fromRow, count: WINDOW, view: BENCH_VIEW });
      const ms = performance.now() - s;
      if (w.rows.length !== Math.min(WINDOW, total - fromRow + 1)) throw new Error(`lists.rows (${kind}) from ${fromRow} returned ${w.rows.length} rows`);
      return ms;
    };
    // Alternates plain and view pages, one at a time (the grid asks for the window it shows, then the next).
    const slow: { at: number; ms: number }[] = [];
    const measure = async (phase: LatencySet['phase'], more: (n: number) => boolean): Promise<LatencySet[]> => {
      const plain: number[] = [];
      const view: number[] = [];
      const all: number[] = [];
      const start = performance.now();
      for (let n = 0; more(n); n++) {
        const kind = n % 2 === 0 ? 'plain' : 'view';
        const at = performance.now() - start;
        const ms = await page(kind);
        if (phase === 'during import' && ms > opts.slowMs) slow.push({ at, ms });
        (kind === 'plain' ? plain : view).push(ms);
        all.push(ms);
      }
      return [
        { phase, kind: 'plain', samples: plain },
        { phase, kind: 'sorted, filtered view', samples: view },
        { phase, kind: 'all', samples: all },
      ];
    };

    await measure('baseline', (n) => n < 40); // warm-up
    const baseline = await measure('baseline', (n) => n < opts.baselineRequests);

    let importAloneSeconds: number | null = null;
    if (opts.importAlone) {
      t0 = performance.now();
      await waitJob((await api.invoke<{ jobId: string }>('import.start', { projectId, file: loadFile, name: 'alone', ifAlreadyImported: 'import' })).jobId);
      importAloneSeconds = (performance.now() - t0) / 1000;
      log(`import of ${count(opts.load.rows)} rows with no page requests: ${seconds(importAloneSeconds)}`);
      // A finished import drops the project's cached views (the engine cannot tell which it changed): the grid builds its
      // view again once, as it would after any import, before the measured import starts.
      await api.invoke<RowWindow>('lists.rows', { ...base, fromRow: 1, count: WINDOW, view: BENCH_VIEW });
      await measure('baseline', (n) => n < 20);
    }

    t0 = performance.now();
    const { jobId } = await api.invoke<{ jobId: string }>('import.start', { projectId, file: loadFile, name: 'incoming', ifAlreadyImported: 'import' });
    const during = await measure('during import', () => !finished.has(jobId));
    const importSeconds = (performance.now() - t0) / 1000;
    const done = finished.get(jobId)!;
    // Where the slow pages fell: the import's last progress report before each (phase and rows written by then).
    for (const { at, ms } of slow) {
      const when = t0 + at;
      const last = timeline.filter((e) => e.t <= when).at(-1);
      log(`  slow page: ${millis(ms)} asked ${seconds(at / 1000)} into the import (${last ? `${last.phase}, ${count(last.rows)} rows written` : 'before the first progress report'})`);
    }
    if (done.status !== 'done') throw new Error(`the import ${done.status}: ${done.error?.message ?? ''}`);
    log(`import of ${count(opts.load.rows)} rows while the grid paged: ${seconds(importSeconds)}, ${count(during[2]!.samples.length)} pages served meanwhile, ${count(progressEvents)} progress events on the WebSocket`);

    return { listRows: list.rowCount, viewRows, importRows: opts.load.rows, importSeconds, importAloneSeconds, progressEvents, sets: [...baseline, ...during] };
  } finally {
    ws.terminate();
    api.close();
    await stopHost(host);
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

/** Table rows: phase, kind, pages, p50, p95, max, target, verdict (the verdict only where the target applies: during the import). */
export function summarizeLoad(r: LoadBenchResult, targetMs: number): string[][] {
  return r.sets.map((s) => {
    const sorted = s.samples.slice().sort((a, b) => a - b);
    const p95 = percentile(sorted, 95);
    const judged = s.phase === 'during import';
    return [
      s.phase,
      s.kind,
      count(s.samples.length),
      millis(percentile(sorted, 50)),
      millis(p95),
      millis(sorted.at(-1) ?? NaN),
      `p95 ≤ ${targetMs} ms`,
      judged ? (p95 <= targetMs ? 'ok' : 'MISSED') : '',
    ];
  });
}
