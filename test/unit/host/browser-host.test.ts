// Covers the loopback browser host with a real engine worker: token and cookie, Host/Origin guards, the API over HTTP and WebSocket, files.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FileRef, ImportResult, JobFinished, JobProgress, Outcome } from '../../../src/api/contract';
import { ROUTES, TOKEN_COOKIE, type WireEvent } from '../../../src/api/wire';
import { startBrowserHost, type BrowserHost } from '../../../src/host/browser-host';
import { startEngineWorker, type EngineWorker } from '../../../src/host/worker-client';
import { ensureEngineBuilt, ROOT } from '../../fixtures/engine-build';

const TOKEN = 'good';
const INDEX_HTML = '<!doctype html><title>Winnow test page</title>';
const SECRET = 'SECRET-OUTSIDE-STATIC';
// Minimal quoting, CRLF rows and a final CRLF: exactly how the export writes, so the download must match byte for byte.
const CSV = 'Name,Address,Zip\r\nJosé Müller,"1 Main St, Apt 2",02134\r\n"Ann ""Nan"" Lee","9 Elm\nRear",10001\r\n';

let root: string;
let workspaceDir: string;
let engine: EngineWorker;
let host: BrowserHost;
const seen: { path: string; status: number; headers: http.IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  await ensureEngineBuilt();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-browser-host-'));
  workspaceDir = path.join(root, 'workspace');
  const staticDir = path.join(root, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), INDEX_HTML);
  // Files beside the static folder that traversal must never reach.
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ secret: SECRET }));
  fs.writeFileSync(path.join(root, 'outside.csv'), `a\n${SECRET}\n`);
  engine = await startEngineWorker(
    { host: 'browser', resourcesDir: path.join(ROOT, 'resources'), workspaceDir, dataDir: path.join(root, 'data') },
    path.join(ROOT, 'dist', 'worker.js'),
  );
  host = await startBrowserHost({ engine, staticDir, workspaceDir, port: 0, token: TOKEN });
}, 120_000);

afterAll(async () => {
  await host?.close();
  await engine?.shutdown();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

function request(
  reqPath: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer; hostHeader?: string; auth?: 'cookie' | 'bearer' | 'none' } = {},
): Promise<Res> {
  const auth = opts.auth ?? 'cookie';
  const headers: Record<string, string> = {
    Host: opts.hostHeader ?? `127.0.0.1:${host.port}`,
    ...(auth === 'cookie' ? { Cookie: `${TOKEN_COOKIE}=${TOKEN}` } : auth === 'bearer' ? { Authorization: `Bearer ${TOKEN}` } : {}),
    ...opts.headers,
  };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, path: reqPath, method: opts.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        seen.push({ path: reqPath, status: res.statusCode!, headers: res.headers });
        resolve({ status: res.statusCode!, headers: res.headers, body, text: body.toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

async function invoke<T = unknown>(method: string, input: unknown): Promise<Outcome<T>> {
  const res = await request(ROUTES.invoke, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ method, input }) });
  expect(res.status).toBe(200);
  return JSON.parse(res.text) as Outcome<T>;
}

async function ok<T>(method: string, input: unknown): Promise<T> {
  const o = await invoke<T>(method, input);
  if (!o.ok) throw new Error(`${method} failed: ${o.error.code} ${o.error.message}`);
  return o.value;
}

async function post<T>(route: string, body: string | Buffer): Promise<T> {
  const res = await request(route, { method: 'POST', body });
  const o = JSON.parse(res.text) as Outcome<T>;
  if (!o.ok) throw new Error(`${route} failed: ${o.error.code} ${o.error.message}`);
  return o.value;
}

/** Opens a WebSocket to the events route; resolves with the socket when open, or with the refusal status. */
function connectEvents(opts: { cookie?: boolean; origin?: string; route?: string } = {}): Promise<{ ws: WebSocket; status: 'open' } | { status: number | string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${opts.route ?? ROUTES.events}`, {
      headers: opts.cookie === false ? {} : { Cookie: `${TOKEN_COOKIE}=${TOKEN}` },
      ...(opts.origin ? { origin: opts.origin } : {}),
    });
    ws.once('open', () => resolve({ ws, status: 'open' }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 'unknown' });
      ws.terminate();
    });
    ws.once('error', (e) => resolve({ status: e.message }));
  });
}

function cannotConnect(hostAddr: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: hostAddr, port });
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });
}

const isJobEvent = (e: WireEvent, event: 'job.progress' | 'job.finished', jobId: string) =>
  e.event === event && (e.payload as JobProgress | JobFinished).jobId === jobId;

async function until<T>(f: () => T | undefined, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('listening', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${TOKEN}`);
    expect(await cannotConnect('127.0.0.1', host.port)).toBe(false);
    expect(await cannotConnect('::1', host.port)).toBe(true);
    const external = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address);
    for (const addr of external) expect(await cannotConnect(addr, host.port)).toBe(true);
  });
});

describe('the session token', () => {
  it('refuses requests without the token with 401', async () => {
    expect((await request('/', { auth: 'none' })).status).toBe(401);
    expect((await request('/index.html', { auth: 'none' })).status).toBe(401);
    expect((await request(ROUTES.invoke, { auth: 'none', method: 'POST', body: JSON.stringify({ method: 'app.info', input: {} }) })).status).toBe(401);
    expect((await request(`${ROUTES.download}x`, { auth: 'none' })).status).toBe(401);
  });

  it('exchanges the link token for an HttpOnly, SameSite=Strict cookie and redirects to /', async () => {
    const res = await request(`/?token=${TOKEN}`, { auth: 'none' });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    const cookie = res.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(new RegExp(`^${TOKEN_COOKIE}=${TOKEN};`));
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    // The cookie then opens the page.
    const page = await request('/', { auth: 'cookie' });
    expect(page.status).toBe(200);
    expect(page.text).toBe(INDEX_HTML);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });

  it('refuses a wrong link token with 401 and sets no cookie', async () => {
    for (const bad of ['bad', 'goodx', '', 'GOOD']) {
      const res = await request(`/?token=${bad}`, { auth: 'none' });
      expect(res.status).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('survives cookies of other localhost apps that are not valid percent-encoding (cookies ignore ports)', async () => {
    const res = await request('/', { auth: 'none', headers: { Cookie: `other_app=%E0%A4%A; ${TOKEN_COOKIE}=${TOKEN}; theme=%` } });
    expect(res.status).toBe(200);
    expect((await request('/', { auth: 'none', headers: { Cookie: 'broken=%ZZ' } })).status).toBe(401);
  });

  it('accepts the token as a Bearer header, and refuses a wrong one', async () => {
    expect((await request('/', { auth: 'bearer' })).status).toBe(200);
    expect((await request('/', { auth: 'none', headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await request('/', { auth: 'none', headers: { Cookie: `${TOKEN_COOKIE}=nope` } })).status).toBe(401);
  });
});

describe('Host and Origin guards', () => {
  it('refuses a foreign Host header with 403 even with the token (DNS rebinding)', async () => {
    for (const h of [`evil.com:${host.port}`, 'evil.com', `127.0.0.1:${host.port + 1}`, '127.0.0.1', `127.0.0.1.evil.com:${host.port}`]) {
      expect((await request('/', { hostHeader: h })).status).toBe(403);
    }
    expect((await request('/', { hostHeader: `localhost:${host.port}` })).status).toBe(200);
  });

  it('refuses a foreign Origin with 403 even with the token', async () => {
    for (const origin of ['http://evil.com', `http://evil.com:${host.port}`, 'null', `https://127.0.0.1:${host.port}`]) {
      const res = await request(ROUTES.invoke, { method: 'POST', headers: { Origin: origin }, body: JSON.stringify({ method: 'app.info', input: {} }) });
      expect(res.status).toBe(403);
    }
    expect((await request('/', { headers: { Origin: `http://127.0.0.1:${host.port}` } })).status).toBe(200);
  });
});

describe('the API over HTTP', () => {
  it('answers app.info for the browser host', async () => {
    expect(await invoke('app.info', {})).toEqual({ ok: true, value: expect.objectContaining({ host: 'browser', name: 'Winnow' }) });
  });

  it('returns errors as data: INVALID_INPUT, UNKNOWN_METHOD, bad JSON', async () => {
    expect(await invoke('lists.rows', { projectId: 'p', listId: 'one', fromRow: 1, count: 5 })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('listId') }),
    });
    expect(await invoke('project.delete', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const res = await request(ROUTES.invoke, { method: 'POST', body: '{not json' });
    expect(JSON.parse(res.text)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('answers host.* methods with NOT_SUPPORTED (the page handles them)', async () => {
    expect(await invoke('host.pickOpenFile', { purpose: 'import' })).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } });
    expect(await invoke('host.pickSaveFile', { purpose: 'export', suggestedName: 'x.csv' })).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } });
  });

  it('uploads a CSV, imports it with events over the WebSocket, exports it and downloads the same bytes', async () => {
    const conn = await connectEvents();
    expect(conn.status).toBe('open');
    const ws = (conn as { ws: WebSocket }).ws;
    const events: WireEvent[] = [];
    ws.on('message', (data) => events.push(JSON.parse(String(data)) as WireEvent));
    try {
      const upload = await post<FileRef & { name: string; size: number }>(`${ROUTES.upload}?name=${encodeURIComponent('March list.csv')}`, CSV);
      expect(upload).toMatchObject({ fileId: expect.any(String), name: 'March list.csv', size: Buffer.byteLength(CSV) });

      const preview = await ok<{ columns: { name: string }[] }>('import.preview', { file: upload });
      expect(preview.columns.map((c) => c.name)).toEqual(['Name', 'Address', 'Zip']);

      const projectRef = await post<FileRef & { name: string }>(ROUTES.saveTarget, JSON.stringify({ purpose: 'project', suggestedName: 'Spring' }));
      expect(projectRef.name).toBe('Spring.winnow');
      const project = await ok<{ projectId: string; location: string }>('project.create', { file: projectRef });
      expect(path.dirname(project.location)).toBe(fs.realpathSync(workspaceDir));

      const { jobId } = await ok<{ jobId: string }>('import.start', { projectId: project.projectId, file: upload, role: 'customers' });
      const finished = await until(() => events.find((e) => isJobEvent(e, 'job.finished', jobId)), 'job.finished');
      expect(finished.payload).toMatchObject({ status: 'done', kind: 'import', projectId: project.projectId });
      expect(events.some((e) => isJobEvent(e, 'job.progress', jobId))).toBe(true);
      await until(() => events.find((e) => e.event === 'project.changed'), 'project.changed');
      const { listId } = (finished.payload as { result: ImportResult }).result;

      const rows = await ok<{ rows: { cells: string[] }[] }>('lists.rows', { projectId: project.projectId, listId, fromRow: 1, count: 10 });
      expect(rows.rows.map((r) => r.cells)).toEqual([
        ['José Müller', '1 Main St, Apt 2', '02134'],
        ['Ann "Nan" Lee', '9 Elm\nRear', '10001'],
      ]);

      const exportRef = await post<FileRef & { name: string }>(ROUTES.saveTarget, JSON.stringify({ purpose: 'export', suggestedName: 'out.csv' }));
      const exp = await ok<{ jobId: string }>('export.start', { projectId: project.projectId, listId, file: exportRef });
      const expDone = await until(() => events.find((e) => isJobEvent(e, 'job.finished', exp.jobId)), 'export finished');
      expect(expDone.payload).toMatchObject({ status: 'done', kind: 'export' });

      const download = await request(`${ROUTES.download}${exportRef.fileId}`);
      expect(download.status).toBe(200);
      expect(download.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''out.csv`);
      expect(download.body.equals(Buffer.from(CSV, 'utf8'))).toBe(true);
    } finally {
      ws.close();
    }
  });

  it('sanitizes uploaded and suggested file names into the workspace', async () => {
    const upload = await post<FileRef & { name: string }>(`${ROUTES.upload}?name=${encodeURIComponent('../../evil.csv')}`, 'a\n1\n');
    expect(upload.name).toBe('evil.csv');
    expect(fs.existsSync(path.join(root, 'evil.csv'))).toBe(false);
    const target = await post<FileRef & { name: string }>(ROUTES.saveTarget, JSON.stringify({ purpose: 'project', suggestedName: '../../../escape' }));
    expect(target.name).toBe('escape.winnow');
    const file = await engine.filePath(target);
    expect(path.dirname(file)).toBe(path.resolve(workspaceDir));
  });
});

describe('files', () => {
  it('refuses to download a file outside the workspace, or one it never handed out, with 404', async () => {
    const outside = await engine.registerFile(path.join(root, 'outside.csv'), 'read');
    const res = await request(`${ROUTES.download}${outside.fileId}`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain(SECRET);
    expect((await request(`${ROUTES.download}no-such-id`)).status).toBe(404);
    expect((await request(`${ROUTES.download}..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it.each(['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%2e%2e%2fpackage.json', '/x/../../package.json', '/%2E%2E/%2E%2E/package.json', '/..\\package.json'])(
    'does not serve %s from outside the static folder',
    async (p) => {
      const res = await request(p);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain(SECRET);
    },
  );
});

describe('the events WebSocket', () => {
  it('opens with the cookie and our origin', async () => {
    const conn = await connectEvents({ origin: `http://127.0.0.1:${host.port}` });
    expect(conn.status).toBe('open');
    (conn as { ws: WebSocket }).ws.close();
  });

  it('refuses an upgrade without the token', async () => {
    expect((await connectEvents({ cookie: false })).status).toBe(403);
  });

  it('refuses an upgrade from a foreign origin', async () => {
    expect((await connectEvents({ origin: 'http://evil.com' })).status).toBe(403);
  });

  it('refuses an upgrade on any other path', async () => {
    expect((await connectEvents({ route: '/api/invoke' })).status).toBe(403);
  });
});

describe('CORS', () => {
  it('sends no Access-Control-Allow-Origin header on any response', async () => {
    await request(ROUTES.invoke, { method: 'OPTIONS', headers: { Origin: 'http://evil.com', 'Access-Control-Request-Method': 'POST' } });
    await request(ROUTES.invoke, { method: 'OPTIONS', headers: { Origin: `http://127.0.0.1:${host.port}`, 'Access-Control-Request-Method': 'POST' } });
    expect((await request('/', { method: 'POST', body: 'x' })).status).toBe(405);
    expect(seen.length).toBeGreaterThan(30);
    expect(new Set(seen.map((s) => s.status))).toEqual(new Set([200, 302, 401, 403, 404, 405]));
    for (const s of seen) expect(s.headers['access-control-allow-origin'], `${s.path} → ${s.status}`).toBeUndefined();
  });
});
