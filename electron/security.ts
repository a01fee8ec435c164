// Every security decision of the Electron shell as plain data and pure functions (no runtime electron import), so tests inspect exactly what main uses.
import path from 'node:path';
import type { CustomScheme, FileFilter, WebPreferences } from 'electron';
import { HOST_METHODS } from '../src/api/contract';

/** The renderer is served from app://winnow/ (a privileged custom scheme), never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'winnow';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/**
 * standard: relative URLs and a real origin; secure: treated like https (no mixed-content downgrade);
 * supportFetchAPI: the page may fetch its own assets. No bypassCSP, no corsEnabled, no stream or service-worker privileges.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** The window's webPreferences, minus the preload path (added by windowWebPreferences). */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  // Offline app: Chromium's spellchecker would download dictionaries.
  spellcheck: false,
} as const satisfies WebPreferences;

export function windowWebPreferences(preloadPath: string): WebPreferences {
  return { ...SECURE_WEB_PREFERENCES, preload: preloadPath };
}

/**
 * The page's Content-Security-Policy. Scripts only from the app's own origin (no inline script, no eval);
 * inline styles stay allowed because React style props and the grid set them (they cannot run code).
 * The renderer talks to the engine through the preload, so connect-src needs nothing beyond 'self'.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');

/** Headers on every response of the app:// protocol (and added to any other response by the session). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

function parseUrl(url: string | null | undefined): URL | null {
  if (typeof url !== 'string' || url.length === 0) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for URLs of the app itself. (Node reports origin "null" for custom schemes, so protocol and host are compared.) */
export function isAppUrl(url: string | null | undefined): boolean {
  const u = parseUrl(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/** IPC is answered only when the sending frame shows the app's own page. */
export function isTrustedSender(frameUrl: string | null | undefined): boolean {
  return isAppUrl(frameUrl);
}

/** will-navigate / will-redirect / will-frame-navigate: stay on app://winnow; everything else (http, file, other schemes) is refused. */
export function isNavigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/** New windows (window.open, target=_blank, middle click) are always refused. */
export const WINDOW_OPEN_POLICY = { action: 'deny' } as const;

/** Requests the session lets through: the app's own files and the developer tools. No remote origin is ever loaded. */
export function isRequestAllowed(url: string): boolean {
  if (isAppUrl(url)) return true;
  const u = parseUrl(url);
  if (u === null) return false;
  return u.protocol === 'devtools:' || u.protocol === 'data:' || u.protocol === 'blob:';
}

/**
 * Permission requests and checks: only desktop notifications are allowed (the app announces new sales-ready leads);
 * camera, microphone, clipboard-read, geolocation, devices and the rest are denied.
 */
export const PERMISSION_POLICY = {
  allowed: ['notifications'] as readonly string[],
  request(permission: string): boolean {
    return PERMISSION_POLICY.allowed.includes(permission);
  },
  check(permission: string): boolean {
    return PERMISSION_POLICY.allowed.includes(permission);
  },
};

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type ResolvedRequest = { ok: true; filePath: string; mimeType: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * Maps an app:// URL to a file under rootDir, refusing anything that could leave it: other hosts, `..` segments
 * (plain or percent-encoded), backslashes, NUL, drive letters and absolute paths.
 */
export function resolveAppRequest(url: string, rootDir: string): ResolvedRequest {
  const u = parseUrl(url);
  if (u === null) return { ok: false, status: 400 };
  if (!isAppUrl(url)) return { ok: false, status: 403 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(u.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.includes(':')) return { ok: false, status: 400 };
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 403 };
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, relative);
  const fromRoot = path.relative(root, filePath);
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) return { ok: false, status: 403 };
  return { ok: true, filePath, mimeType: mimeTypeFor(filePath) };
}

/** File-type filters of the native dialogs, by purpose. */
export const OPEN_DIALOG_FILTERS: Readonly<Record<'import' | 'project', readonly FileFilter[]>> = {
  import: [
    { name: 'Lists (CSV, TSV, TXT, Excel)', extensions: ['csv', 'tsv', 'tab', 'txt', 'xlsx', 'xls'] },
    { name: 'CSV', extensions: ['csv'] },
    { name: 'TSV', extensions: ['tsv', 'tab'] },
    { name: 'Text', extensions: ['txt'] },
    { name: 'Excel', extensions: ['xlsx', 'xls'] },
    { name: 'All files', extensions: ['*'] },
  ],
  project: [{ name: 'Winnow projects', extensions: ['winnow'] }],
};

export const SAVE_DIALOG_FILTERS: Readonly<Record<'export' | 'project', readonly FileFilter[]>> = {
  export: [{ name: 'CSV', extensions: ['csv'] }],
  project: [{ name: 'Winnow projects', extensions: ['winnow'] }],
};

/** The extension a saved file gets when the user typed a name without one (an export keeps the suggested name's own). */
export const SAVE_EXTENSIONS: Readonly<Record<'export' | 'project', string>> = { export: '.csv', project: '.winnow' };

/** What an export may be written as: delimited text, an Excel workbook (export.set), an HTML report (audit.exportHtml). */
const EXPORT_FILTERS: Readonly<Record<string, FileFilter>> = {
  '.csv': { name: 'CSV', extensions: ['csv'] },
  '.tsv': { name: 'TSV', extensions: ['tsv'] },
  '.txt': { name: 'Text', extensions: ['txt'] },
  '.xlsx': { name: 'Excel workbook', extensions: ['xlsx'] },
  '.html': { name: 'HTML report', extensions: ['html'] },
};

/** The extension of a suggested export name when it is one Winnow writes (".xlsx", ".html"...), else the default. */
function exportExtension(name: string): string {
  const ext = path.extname(name).toLowerCase();
  return ext in EXPORT_FILTERS ? ext : SAVE_EXTENSIONS.export;
}

/** The save dialog's filters: an export offers the suggested name's format (a CSV export, the CSV filter as before). */
export function saveDialogFilters(purpose: 'export' | 'project', suggestedName: string): FileFilter[] {
  if (purpose === 'project') return [...SAVE_DIALOG_FILTERS.project];
  const ext = exportExtension(suggestedName);
  return ext === SAVE_EXTENSIONS.export ? [...SAVE_DIALOG_FILTERS.export] : [EXPORT_FILTERS[ext]!];
}

export type HostCall =
  | { method: 'host.pickOpenFile'; input: { purpose: 'import' | 'project'; title?: string } }
  | { method: 'host.pickSaveFile'; input: { purpose: 'export' | 'project'; suggestedName: string } };

export function isHostMethod(method: string): method is HostCall['method'] {
  return (HOST_METHODS as readonly string[]).includes(method);
}

/** Validates a host.* call from the renderer; returns a message a user can read when the input is wrong. */
export function parseHostCall(method: HostCall['method'], input: unknown): { ok: true; call: HostCall } | { ok: false; message: string } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, message: `Invalid input for ${method}: expected an object.` };
  const o = input as Record<string, unknown>;
  const extra = (allowed: string[]) => Object.keys(o).find((k) => !allowed.includes(k));
  if (method === 'host.pickOpenFile') {
    const unknownKey = extra(['purpose', 'title']);
    if (unknownKey) return { ok: false, message: `Invalid input for ${method}: unexpected field "${unknownKey}".` };
    if (o.purpose !== 'import' && o.purpose !== 'project') return { ok: false, message: `Invalid input for ${method} (field "purpose"): expected "import" or "project".` };
    if (o.title !== undefined && (typeof o.title !== 'string' || o.title.length > 200)) return { ok: false, message: `Invalid input for ${method} (field "title"): expected a short text.` };
    return { ok: true, call: { method, input: o.title === undefined ? { purpose: o.purpose } : { purpose: o.purpose, title: o.title as string } } };
  }
  const unknownKey = extra(['purpose', 'suggestedName']);
  if (unknownKey) return { ok: false, message: `Invalid input for ${method}: unexpected field "${unknownKey}".` };
  if (o.purpose !== 'export' && o.purpose !== 'project') return { ok: false, message: `Invalid input for ${method} (field "purpose"): expected "export" or "project".` };
  if (typeof o.suggestedName !== 'string' || o.suggestedName.length > 500) return { ok: false, message: `Invalid input for ${method} (field "suggestedName"): expected a file name.` };
  return { ok: true, call: { method, input: { purpose: o.purpose, suggestedName: o.suggestedName } } };
}

/**
 * The renderer's suggested file name, reduced to a bare name with the purpose's extension: no folders, no control or
 * reserved characters, so page content cannot steer the save dialog somewhere else.
 */
export function safeSuggestedName(suggestedName: string, purpose: 'export' | 'project'): string {
  const base = suggestedName.replace(/\\/g, '/').split('/').pop() ?? '';
  const ext = purpose === 'project' ? SAVE_EXTENSIONS.project : exportExtension(base);
  let name = Array.from(base, (ch) => (ch.charCodeAt(0) < 0x20 || '<>:"|?*'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 180);
  if (name.length === 0) name = purpose === 'project' ? 'Untitled' : 'export';
  return name.toLowerCase().endsWith(ext) ? name : name + ext;
}

/** Appends the purpose's extension (an export: the suggested name's) when the user typed a name without any (Linux dialogs do not add it). */
export function withSaveExtension(filePath: string, purpose: 'export' | 'project', suggestedName = ''): string {
  const ext = purpose === 'project' ? SAVE_EXTENSIONS.project : exportExtension(suggestedName);
  if (purpose === 'project') return filePath.toLowerCase().endsWith(ext) ? filePath : filePath + ext;
  return path.extname(filePath) === '' ? filePath + ext : filePath;
}
