// The loopback browser host: serves the built renderer and carries the contract over HTTP + WebSocket, for development and e2e tests.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { WinnowError, type Outcome } from '../api/contract';
import { ROUTES, TOKEN_COOKIE, type WireEvent } from '../api/wire';
import type { EngineWorker } from './worker-client';

export interface BrowserHostOptions {
  engine: Pick<EngineWorker, 'dispatch' | 'registerFile' | 'filePath' | 'onAny'>;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Where uploads, new projects and exports are written. */
  workspaceDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** The page's CSP: everything from the host itself; the event socket only on this host's own port (not any local port). */
export function browserCsp(port: number): string {
  return `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`;
}

// A pasted range at records.editMany's limit (100,000 cells) is about 6 MB of JSON with short values; leave room for longer ones.
const MAX_JSON_BODY = 32 * 1024 * 1024;

export function safeFileName(name: string, fallback = 'file'): string {
  const base = path.basename(name.replace(/\\/g, '/'));
  const cleaned = Array.from(base, (ch) => (ch.charCodeAt(0) < 0x20 || '<>:"/\\|?*'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 180);
  return cleaned.length > 0 ? cleaned : fallback;
}

function uniquePath(dir: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let candidate = path.join(dir, name);
  for (let i = 2; fs.existsSync(candidate); i++) candidate = path.join(dir, `${stem} (${i})${ext}`);
  return candidate;
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const raw = part.slice(i + 1).trim();
    // Cookies ignore ports: other localhost apps' cookies arrive here too, and a malformed one must not throw.
    try {
      out[part.slice(0, i).trim()] = decodeURIComponent(raw);
    } catch {
      out[part.slice(0, i).trim()] = raw;
    }
  }
  return out;
}

function tokensEqual(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const staticDir = path.resolve(opts.staticDir);
  const workspace = path.resolve(opts.workspaceDir);
  fs.mkdirSync(workspace, { recursive: true });
  let port = opts.port ?? 0;
  const sockets = new Set<WebSocket>();

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  /** DNS-rebinding and cross-site guard: the Host must be our loopback address; an Origin, when sent, must be ours. */
  function checkOrigin(req: http.IncomingMessage): string | null {
    if (!req.headers.host || !allowedHosts().has(req.headers.host)) return 'unexpected Host header';
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return 'cross-origin request refused';
    return null;
  }

  function authorized(req: http.IncomingMessage): boolean {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && tokensEqual(auth.slice(7), token)) return true;
    return tokensEqual(parseCookies(req.headers.cookie)[TOKEN_COOKIE], token);
  }

  /** On every response, refusals and API answers included: whatever a browser is made to render here runs no script from elsewhere. */
  const securityHeaders = () => ({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Content-Security-Policy': browserCsp(port), 'X-Frame-Options': 'DENY' });

  function send(res: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}) {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...securityHeaders(), ...extra });
    res.end(body);
  }
  const sendOutcome = (res: http.ServerResponse, outcome: Outcome<unknown>) => send(res, 200, JSON.stringify(outcome), 'application/json');
  const failure = (err: unknown): Outcome<unknown> => ({
    ok: false,
    error: err instanceof WinnowError ? err.toData() : { code: 'INTERNAL', message: `Unexpected error: ${(err as Error)?.message ?? String(err)}` },
  });

  async function readJson(req: http.IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req as AsyncIterable<Buffer>) {
      size += c.length;
      if (size > MAX_JSON_BODY) throw new WinnowError('INVALID_INPUT', 'Request body too large.');
      chunks.push(c);
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch {
      throw new WinnowError('INVALID_INPUT', 'Request body is not valid JSON.');
    }
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (req.method === 'POST' && url.pathname === ROUTES.invoke) {
      try {
        const body = (await readJson(req)) as { method?: unknown; input?: unknown };
        if (typeof body.method !== 'string') throw new WinnowError('INVALID_INPUT', 'Missing "method".');
        if (body.method.startsWith('host.')) throw new WinnowError('NOT_SUPPORTED', `${body.method} is handled by the page in the browser host.`);
        sendOutcome(res, { ok: true, value: await opts.engine.dispatch(body.method, body.input) });
      } catch (err) {
        sendOutcome(res, failure(err));
      }
      return;
    }
    if (req.method === 'POST' && url.pathname === ROUTES.upload) {
      try {
        const name = safeFileName(url.searchParams.get('name') ?? 'upload.csv', 'upload.csv');
        const dir = path.join(workspace, 'uploads', crypto.randomUUID());
        fs.mkdirSync(dir, { recursive: true });
        const target = path.join(dir, name);
        await pipeline(req, fs.createWriteStream(target));
        const ref = await opts.engine.registerFile(target, 'read');
        sendOutcome(res, { ok: true, value: { ...ref, size: fs.statSync(target).size } });
      } catch (err) {
        sendOutcome(res, failure(err));
      }
      return;
    }
    if (req.method === 'POST' && url.pathname === ROUTES.saveTarget) {
      try {
        const body = (await readJson(req)) as { purpose?: unknown; suggestedName?: unknown };
        if (body.purpose !== 'project' && body.purpose !== 'export') throw new WinnowError('INVALID_INPUT', 'purpose must be "project" or "export".');
        const name = safeFileName(typeof body.suggestedName === 'string' ? body.suggestedName : 'untitled', 'untitled');
        let target: string;
        if (body.purpose === 'project') {
          const withExt = name.toLowerCase().endsWith('.winnow') ? name : `${name}.winnow`;
          target = uniquePath(workspace, withExt);
        } else {
          const dir = path.join(workspace, 'exports', crypto.randomUUID());
          fs.mkdirSync(dir, { recursive: true });
          target = path.join(dir, name);
        }
        sendOutcome(res, { ok: true, value: await opts.engine.registerFile(target, 'write') });
      } catch (err) {
        sendOutcome(res, failure(err));
      }
      return;
    }
    if (req.method === 'GET' && url.pathname.startsWith(ROUTES.download)) {
      try {
        const fileId = decodeURIComponent(url.pathname.slice(ROUTES.download.length));
        const file = await opts.engine.filePath({ fileId });
        // Only files this host wrote into its workspace can be downloaded.
        if (!isInside(path.resolve(file), workspace) || !fs.existsSync(file)) throw new WinnowError('NOT_FOUND', 'That file is not available for download.');
        const stat = fs.statSync(file);
        res.writeHead(200, {
          'Content-Type': 'application/octet-stream',
          'Content-Length': String(stat.size),
          'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(path.basename(file))}`,
          'Cache-Control': 'no-store',
          ...securityHeaders(),
        });
        await pipeline(fs.createReadStream(file), res);
      } catch (err) {
        if (!res.headersSent) send(res, 404, (err as Error).message);
        else res.destroy();
      }
      return;
    }
    send(res, 404, 'Not found.');
  }

  function serveStatic(res: http.ServerResponse, pathname: string): void {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return send(res, 400, 'Bad path.');
    }
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = path.resolve(staticDir, '.' + rel);
    if (!isInside(file, staticDir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return send(res, 404, 'Not found.');
    const type = MIME[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Cache-Control': 'no-cache',
      ...securityHeaders(),
    });
    fs.createReadStream(file).pipe(res);
  }

  const server = http.createServer((req, res) => {
    const bad = checkOrigin(req);
    if (bad) return send(res, 403, `Forbidden: ${bad}.`);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    // Opening the printed link exchanges the token for a same-site, HTTP-only cookie.
    const offered = url.searchParams.get('token');
    if (req.method === 'GET' && url.pathname === '/' && offered !== null) {
      if (!tokensEqual(offered, token)) return send(res, 401, 'That link has an old or wrong token. Use the link Winnow printed when it started.');
      return send(res, 302, '', 'text/plain', {
        Location: '/',
        'Set-Cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
      });
    }
    if (!authorized(req)) return send(res, 401, 'Open Winnow with the link printed in the terminal (it carries the session token).');
    if (url.pathname.startsWith('/api/')) {
      void handleApi(req, res, url);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed.');
    serveStatic(res, url.pathname);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (checkOrigin(req) || !authorized(req) || url.pathname !== ROUTES.events) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
    });
  });
  const unsubscribe = opts.engine.onAny((event, payload) => {
    const msg = JSON.stringify({ event, payload } satisfies WireEvent);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(msg);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
