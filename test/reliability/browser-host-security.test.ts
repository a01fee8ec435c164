// Issue 9: proves with real sockets that the loopback browser host is loopback-only, token-gated, DNS-rebinding-proof, CORS-free and sends its CSP.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Outcome } from '../../src/api/contract';
import { ROUTES, TOKEN_COOKIE, type WireEvent } from '../../src/api/wire';
import { startBrowserHost, type BrowserHost } from '../../src/host/browser-host';
import { startEngineWorker, type EngineWorker } from '../../src/host/worker-client';
import { ensureEngineBuilt, ROOT } from '../fixtures/engine-build';

const TOKEN = 'Tk_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const WRONG = 'Tk_9f8e7d6c5b4a39281706f5e4d3c2b1a1';

let root: string;
let engine: EngineWorker;
let host: BrowserHost;

beforeAll(async () => {
  await ensureEngineBuilt();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-host-security-'));
  const staticDir = path.join(root, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Winnow</title>');
  const workspaceDir = path.join(root, 'workspace');
  engine = await startEngineWorker({ host: 'browser', resourcesDir: path.join(ROOT, 'resources'), workspaceDir, dataDir: path.join(root, 'data') }, path.join(ROOT, 'dist', 'worker.js'));
  host = await startBrowserHost({ engine, staticDir, workspaceDir, port: 0, token: TOKEN });
}, 120_000);

afterAll(async () => {
  await host?.close();
  await engine?.shutdown();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

// ---------- raw HTTP over a socket: every header (Host included, or left out) is exactly what the test writes ----------

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Every response any test saw, for the CORS and CSP sweeps. */
const seen: { what: string; res: RawResponse }[] = [];

function raw(what: string, head: string[], body = ''): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port: host.port });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [headerPart = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = headerPart.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      let body = rest.join('\r\n\r\n');
      if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
      const res = { status: Number(statusLine.split(' ')[1] ?? 0), headers, body };
      seen.push({ what, res });
      resolve(res);
    });
    const bodyBytes = Buffer.from(body, 'utf8');
    const lines = [...head, 'Connection: close', ...(body || head[0]!.startsWith('POST') ? [`Content-Length: ${bodyBytes.length}`] : [])];
    socket.write(Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), bodyBytes]));
  });
}

function dechunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const eol = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, eol), 16);
    if (!(size > 0)) return out;
    // Sizes count bytes; the bodies here are ASCII JSON or text.
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
}

type Auth = 'cookie' | 'bearer' | 'none' | { header: string };
interface Req {
  method?: string;
  path: string;
  /** undefined: 127.0.0.1:PORT; null: no Host header at all. */
  hostHeader?: string | null;
  origin?: string;
  auth?: Auth;
  headers?: string[];
  body?: string;
}

function authHeader(auth: Auth): string[] {
  if (auth === 'cookie') return [`Cookie: ${TOKEN_COOKIE}=${TOKEN}`];
  if (auth === 'bearer') return [`Authorization: Bearer ${TOKEN}`];
  if (auth === 'none') return [];
  return [auth.header];
}

function http(req: Req): Promise<RawResponse> {
  const hostHeader = req.hostHeader === undefined ? `127.0.0.1:${host.port}` : req.hostHeader;
  const head = [
    `${req.method ?? 'GET'} ${req.path} HTTP/1.1`,
    ...(hostHeader === null ? [] : [`Host: ${hostHeader}`]),
    ...(req.origin ? [`Origin: ${req.origin}`] : []),
    ...authHeader(req.auth ?? 'cookie'),
    ...(req.body !== undefined ? ['Content-Type: application/json'] : []),
    ...(req.headers ?? []),
  ];
  return raw(`${req.method ?? 'GET'} ${req.path} host=${String(hostHeader)} origin=${req.origin ?? '-'} auth=${JSON.stringify(req.auth ?? 'cookie')}`, head, req.body ?? '');
}

/** A WebSocket handshake on the events route; resolves with the status line's code (101 = upgraded). */
function upgrade(req: Omit<Req, 'method' | 'body'>): Promise<number> {
  const hostHeader = req.hostHeader === undefined ? `127.0.0.1:${host.port}` : req.hostHeader;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port: host.port });
    let text = '';
    socket.on('data', (c: Buffer) => {
      text += c.toString('latin1');
      if (text.includes('\r\n')) {
        socket.destroy();
        resolve(Number(text.split(' ')[1]));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(text ? Number(text.split(' ')[1]) : 0));
    const head = [
      `GET ${req.path} HTTP/1.1`,
      ...(hostHeader === null ? [] : [`Host: ${hostHeader}`]),
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      ...(req.origin ? [`Origin: ${req.origin}`] : []),
      ...authHeader(req.auth ?? 'cookie'),
      ...(req.headers ?? []),
    ];
    socket.write(head.join('\r\n') + '\r\n\r\n');
  });
}

const invokeBody = JSON.stringify({ method: 'app.info', input: {} });
/** Every route the host answers, with a request that succeeds when authorized (or at least reaches the handler). */
const routes = (): Req[] => [
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/index.html' },
  { method: 'POST', path: ROUTES.invoke, body: invokeBody },
  { method: 'POST', path: `${ROUTES.upload}?name=a.csv`, body: 'a,b\n1,2\n' },
  { method: 'POST', path: ROUTES.saveTarget, body: JSON.stringify({ purpose: 'export', suggestedName: 'x.csv' }) },
  { method: 'GET', path: `${ROUTES.download}nope` },
];

// ---------- loopback only ----------

describe('browser host: listens on loopback only', () => {
  it('binds 127.0.0.1 (the kernel socket table lists it on 127.0.0.1, never 0.0.0.0 or ::)', () => {
    if (process.platform !== 'linux') return;
    const portHex = host.port.toString(16).toUpperCase().padStart(4, '0');
    const listening = (file: string) =>
      fs.existsSync(file)
        ? fs
            .readFileSync(file, 'utf8')
            .split('\n')
            .slice(1)
            .map((l) => l.trim().split(/\s+/))
            .filter((f) => f.length > 3 && f[1]!.endsWith(`:${portHex}`) && f[3] === '0A')
            .map((f) => f[1]!.split(':')[0]!)
        : [];
    // 0100007F is 127.0.0.1 in the kernel's little-endian hex.
    expect(listening('/proc/net/tcp')).toEqual(['0100007F']);
    expect(listening('/proc/net/tcp6')).toEqual([]);
  });

  it('accepts connections on 127.0.0.1 and refuses them on ::1 and on every non-loopback address of this machine', async () => {
    const connects = (address: string) =>
      new Promise<boolean>((resolve) => {
        const s = net.connect({ host: address, port: host.port });
        s.setTimeout(2000, () => {
          s.destroy();
          resolve(false);
        });
        s.once('connect', () => {
          s.destroy();
          resolve(true);
        });
        s.once('error', () => resolve(false));
      });
    expect(await connects('127.0.0.1')).toBe(true);
    expect(await connects('::1')).toBe(false);
    const external = Object.values(os.networkInterfaces())
      .flat()
      .filter((i): i is os.NetworkInterfaceInfo => !!i && !i.internal)
      .map((i) => i.address);
    for (const address of external) expect(await connects(address), address).toBe(false);
  });
});

// ---------- the token ----------

describe('browser host: every request needs the session token', () => {
  it('answers every route with the token (cookie or bearer) — the control for the refusals below', async () => {
    for (const req of routes()) {
      const res = await http(req);
      // 404 only for the download of a file that does not exist: the request got past every guard.
      expect(res.status, `${req.method} ${req.path}`).toBe(req.path.startsWith(ROUTES.download) ? 404 : 200);
    }
    const viaBearer = await http({ method: 'POST', path: ROUTES.invoke, body: invokeBody, auth: 'bearer' });
    expect((JSON.parse(viaBearer.body) as Outcome<unknown>).ok).toBe(true);
    expect(await upgrade({ path: ROUTES.events })).toBe(101);
  });

  const refusals: [string, Auth, string?][] = [
    ['no token at all', 'none'],
    ['a wrong token in the cookie', { header: `Cookie: ${TOKEN_COOKIE}=${WRONG}` }],
    ['a wrong bearer token', { header: `Authorization: Bearer ${WRONG}` }],
    ['a token prefix in the cookie', { header: `Cookie: ${TOKEN_COOKIE}=${TOKEN.slice(0, -1)}` }],
    ['an empty cookie', { header: `Cookie: ${TOKEN_COOKIE}=` }],
    ['the token in a differently named cookie', { header: `Cookie: token=${TOKEN}` }],
    ['the token as Basic credentials', { header: `Authorization: Basic ${Buffer.from(`winnow:${TOKEN}`).toString('base64')}` }],
    ['the token as a bare Authorization value', { header: `Authorization: ${TOKEN}` }],
    ['the token in a custom header', { header: `X-Winnow-Token: ${TOKEN}` }],
    ['the token in the query string of an API route', 'none', `token=${TOKEN}`],
  ];

  it.each(refusals)('refuses every HTTP route with %s (401, nothing reaches the engine)', async (_what, auth, query) => {
    for (const req of routes()) {
      const withQuery = query ? `${req.path}${req.path.includes('?') ? '&' : '?'}${query}` : req.path;
      // GET /?token=… is the link exchange itself (tested below); everything else must refuse.
      if (query && req.path === '/') continue;
      const res = await http({ ...req, path: withQuery, auth });
      expect(res.status, `${req.method} ${withQuery}`).toBe(401);
      expect(res.body, `${req.method} ${withQuery}`).not.toContain('"ok"');
    }
    expect(fs.readdirSync(path.join(root, 'workspace')).filter((n) => n !== 'uploads' && n !== 'exports')).toEqual([]);
  });

  it.each(refusals)('refuses the events WebSocket with %s', async (_what, auth, query) => {
    expect(await upgrade({ path: query ? `${ROUTES.events}?${query}` : ROUTES.events, auth })).toBe(403);
  });

  it('refuses the token in the WebSocket subprotocol or the body of an invoke', async () => {
    expect(await upgrade({ path: ROUTES.events, auth: 'none', headers: [`Sec-WebSocket-Protocol: ${TOKEN}`] })).toBe(403);
    const res = await http({ method: 'POST', path: ROUTES.invoke, auth: 'none', body: JSON.stringify({ method: 'app.info', input: {}, token: TOKEN }) });
    expect(res.status).toBe(401);
  });

  it('exchanges only the right token in the printed link for an HttpOnly, SameSite=Strict cookie', async () => {
    const good = await http({ path: `/?token=${TOKEN}`, auth: 'none' });
    expect(good.status).toBe(302);
    expect(good.headers['set-cookie']).toBe(`${TOKEN_COOKIE}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`);
    for (const bad of [WRONG, '', TOKEN.toLowerCase(), `${TOKEN}x`]) {
      const res = await http({ path: `/?token=${encodeURIComponent(bad)}`, auth: 'none' });
      expect(res.status, bad).toBe(401);
      expect(res.headers['set-cookie'], bad).toBeUndefined();
    }
    // The link works only at the root: elsewhere a token in the URL is ignored, never turned into a cookie.
    const elsewhere = await http({ path: `/index.html?token=${TOKEN}`, auth: 'none' });
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.headers['set-cookie']).toBeUndefined();
  });
});

// ---------- Host and Origin (DNS rebinding, cross-site requests) ----------

describe('browser host: Host and Origin are checked (DNS rebinding, cross-site)', () => {
  const badHosts = (port: number): (string | null)[] => [
    'evil.example',
    `evil.example:${port}`,
    `localhost.evil.example:${port}`,
    `127.0.0.1.nip.io:${port}`,
    `127.0.0.1:${port + 1}`,
    `localhost:${port + 1}`,
    '127.0.0.1',
    'localhost',
    `[::1]:${port}`,
    `0.0.0.0:${port}`,
    `127.0.0.2:${port}`,
    `192.168.1.10:${port}`,
    '',
    null,
  ];

  it('accepts Host 127.0.0.1:PORT and localhost:PORT, with or without our own Origin', async () => {
    for (const hostHeader of [`127.0.0.1:${host.port}`, `localhost:${host.port}`]) {
      for (const origin of [undefined, `http://127.0.0.1:${host.port}`, `http://localhost:${host.port}`]) {
        const res = await http({ method: 'POST', path: ROUTES.invoke, body: invokeBody, hostHeader, origin });
        expect(res.status, `${hostHeader} ${origin}`).toBe(200);
      }
    }
  });

  it('refuses any other Host, even with the right token (403 on every route and the WebSocket)', async () => {
    for (const hostHeader of badHosts(host.port)) {
      for (const req of routes()) {
        const res = await http({ ...req, hostHeader });
        // An HTTP/1.1 request with no Host at all is already refused by Node's parser (400), before the host's own check.
        expect(res.status, `${req.method} ${req.path} Host ${String(hostHeader)}`).toBe(hostHeader === null ? 400 : 403);
      }
      expect([400, 403], `upgrade Host ${String(hostHeader)}`).toContain(await upgrade({ path: ROUTES.events, hostHeader }));
    }
  });

  it('refuses a foreign Origin, even with the right token and Host (403 on every route and the WebSocket)', async () => {
    const port = host.port;
    for (const origin of ['http://evil.example', `http://evil.example:${port}`, 'null', `https://127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`, `http://localhost.evil.example:${port}`, 'file://', `http://[::1]:${port}`]) {
      for (const req of routes()) {
        const res = await http({ ...req, origin });
        expect(res.status, `${req.method} ${req.path} Origin ${origin}`).toBe(403);
      }
      expect(await upgrade({ path: ROUTES.events, origin }), `upgrade Origin ${origin}`).toBe(403);
    }
  });

  it('delivers engine events over the WebSocket to our own origin only', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${ROUTES.events}`, { headers: { Cookie: `${TOKEN_COOKIE}=${TOKEN}` }, origin: `http://127.0.0.1:${host.port}` });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const got: WireEvent[] = [];
    ws.on('message', (m: Buffer) => got.push(JSON.parse(m.toString('utf8')) as WireEvent));
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });
});

// ---------- CORS and CSP, over everything seen above ----------

describe('browser host: no CORS, and the CSP on every response', () => {
  it('answers OPTIONS preflights without any CORS allowance', async () => {
    const port = host.port;
    for (const origin of ['http://evil.example', `http://127.0.0.1:${port}`, 'null']) {
      for (const auth of ['cookie', 'none'] as const) {
        for (const p of [ROUTES.invoke, ROUTES.upload, '/']) {
          const res = await http({
            method: 'OPTIONS',
            path: p,
            origin,
            auth,
            headers: ['Access-Control-Request-Method: POST', 'Access-Control-Request-Headers: content-type, authorization'],
          });
          expect(res.status, `${p} ${origin} ${auth}`).toBeGreaterThanOrEqual(400);
        }
      }
    }
  });

  it('never sends an Access-Control-* header on any response', () => {
    expect(seen.length).toBeGreaterThan(200);
    expect([...new Set(seen.map((s) => s.res.status))]).toEqual(expect.arrayContaining([200, 302, 401, 403, 404, 405]));
    for (const { what, res } of seen) {
      for (const name of Object.keys(res.headers)) expect(name.startsWith('access-control-'), `${what} → ${res.status} sent ${name}`).toBe(false);
    }
  });

  it('sends the strict CSP (scripts from itself only, the socket on its own port only) and nosniff on every response', () => {
    const port = host.port;
    // Node's own 400 for a request without Host never reaches the host's code (and has no body to render).
    for (const { what, res } of seen.filter((s) => !s.what.includes('host=null'))) {
      const csp = res.headers['content-security-policy'];
      expect(csp, `${what} → ${res.status}`).toBeDefined();
      const directives = new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('connect-src')).toEqual(["'self'", `ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|\*|https?:/);
      expect(res.headers['x-content-type-options'], what).toBe('nosniff');
    }
  });
});
