// Proves the Electron shell's security checklist on the real objects main uses, and on main and the preload run against a fake electron.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import fc from 'fast-check';
import ts from 'typescript';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { WinnowError, type EventName } from '../../src/api/contract';
import { IPC } from '../../src/api/wire';
import { BRIDGE_EVENTS, ENGINE_EVENTS, MENU_CHANNEL, MENU_READY_CHANNEL } from '../../electron/channels';
import { MENU_COMMANDS } from '../../src/api/wire';
import { buildMenuTemplate } from '../../electron/menu';
import { projectPathsFromArgv, unpackedPath } from '../../electron/paths';
import type { MenuCommand } from '../../electron/preload-api';
import {
  APP_SCHEME_PRIVILEGES,
  APP_START_URL,
  CONTENT_SECURITY_POLICY,
  isNavigationAllowed,
  isRequestAllowed,
  isTrustedSender,
  OPEN_DIALOG_FILTERS,
  parseHostCall,
  PERMISSION_POLICY,
  resolveAppRequest,
  safeSuggestedName,
  SAVE_DIALOG_FILTERS,
  saveDialogFilters,
  SECURE_WEB_PREFERENCES,
  SECURITY_HEADERS,
  WINDOW_OPEN_POLICY,
  windowWebPreferences,
  withSaveExtension,
} from '../../electron/security';

const repo = path.resolve(import.meta.dirname, '..', '..');

// ---------- a fake electron, recording what main and the preload do with it ----------

type Fn = (...args: unknown[]) => unknown;

const fx = await vi.hoisted(async () => (await import('../fixtures/fake-electron')).fakeElectron());

vi.mock('electron', () => fx.module);


vi.mock('../../src/host/worker-client', () => ({
  startEngineWorker: async (options: unknown, workerFile: unknown) => {
    fx.engine.options = options;
    fx.engine.workerFile = workerFile;
    return {
      dispatch: fx.engine.dispatch,
      registerFile: fx.engine.registerFile,
      shutdown: fx.engine.shutdown,
      onAny: (fn: Fn) => {
        fx.engine.anyListeners.push(fn);
        return () => undefined;
      },
    };
  },
}));

// main serves app:// from here (the real layout points at dist/, which a unit test should not need).
const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-renderer-'));
vi.mock('../../electron/paths', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/paths')>();
  return {
    ...real,
    shellLayout: () => ({ rendererDir, preloadFile: '/app/dist/electron/preload.cjs', workerFile: '/app/dist/worker.js', resourcesDir: '/app/resources' }),
  };
});

// ---------- webPreferences ----------

describe('window webPreferences', () => {
  const prefs = windowWebPreferences('/app/dist/electron/preload.cjs');

  it('isolate the page from Node and Electron', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keep web security on and webviews off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('load only the given preload and nothing that would weaken the rest', () => {
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
    for (const risky of ['additionalArguments', 'enableBlinkFeatures', 'disableBlinkFeatures', 'devTools', 'partition', 'session']) {
      expect(prefs).not.toHaveProperty(risky);
    }
  });

  it('registers app:// as standard and secure, without bypassing CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
    expect(APP_START_URL).toBe('app://winnow/index.html');
  });
});

// ---------- CSP ----------

function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';').map((p) => p.trim()).filter(Boolean)) {
    const [name, ...sources] = part.split(/\s+/);
    expect(directives.has(name!), `directive ${name} appears twice`).toBe(false);
    directives.set(name!, sources);
  }
  return directives;
}

describe('content security policy', () => {
  const csp = parseCsp(CONTENT_SECURITY_POLICY);

  it("defaults to 'self' and allows scripts only from the app", () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
  });

  it('never allows eval or inline script', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("'wasm-unsafe-eval'");
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("'strict-dynamic'");
  });

  it('names no remote origin, wildcard or network scheme', () => {
    const allowedTokens = new Set(["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:']);
    for (const [name, sources] of csp) {
      for (const source of sources) expect(allowedTokens.has(source), `${name} allows ${source}`).toBe(true);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*/);
  });

  it('shuts plugins, frames, base-uri and form posts', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('travels with every response, with nosniff', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
});

// ---------- navigation, senders, requests ----------

const foreignUrls = [
  'https://example.com/',
  'http://127.0.0.1:5173/index.html',
  'file:///etc/passwd',
  'app://evil/index.html',
  'app://winnow.evil.com/index.html',
  'app://winnow:8080/index.html',
  'app://user:pass@winnow/index.html',
  'app://winnow@evil/index.html',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'about:blank',
  'chrome://settings',
  '',
  'not a url',
];

describe('navigation and IPC senders', () => {
  it('allow only the app itself', () => {
    expect(isNavigationAllowed('app://winnow/index.html')).toBe(true);
    expect(isNavigationAllowed('app://winnow/index.html#/lists/3')).toBe(true);
    for (const url of foreignUrls) expect(isNavigationAllowed(url), url).toBe(false);
  });

  it('trust IPC only from a frame showing app://winnow', () => {
    expect(isTrustedSender('app://winnow/index.html')).toBe(true);
    for (const url of [...foreignUrls, null, undefined]) expect(isTrustedSender(url), String(url)).toBe(false);
  });

  it('deny every new window', () => {
    expect(WINDOW_OPEN_POLICY).toEqual({ action: 'deny' });
  });

  it('let no request leave the machine', () => {
    expect(isRequestAllowed('app://winnow/assets/index.js')).toBe(true);
    for (const url of ['https://fonts.googleapis.com/css', 'http://localhost:3000/', 'ws://127.0.0.1:1/', 'file:///etc/hosts', 'ftp://x/']) {
      expect(isRequestAllowed(url), url).toBe(false);
    }
  });
});

// ---------- app:// resolver ----------

describe('app:// protocol resolver', () => {
  const root = path.resolve('/srv/winnow/dist/renderer');
  const inside = (p: string) => p.startsWith(root + path.sep);

  it('serves the renderer with the right MIME types', () => {
    const cases: [string, string, string][] = [
      ['app://winnow/', 'index.html', 'text/html; charset=utf-8'],
      ['app://winnow/index.html?x=1', 'index.html', 'text/html; charset=utf-8'],
      ['app://winnow/assets/index-AbC123.js', 'assets/index-AbC123.js', 'text/javascript; charset=utf-8'],
      ['app://winnow/assets/index-AbC123.css', 'assets/index-AbC123.css', 'text/css; charset=utf-8'],
      ['app://winnow/assets/logo.svg', 'assets/logo.svg', 'image/svg+xml'],
      ['app://winnow/assets/inter.woff2', 'assets/inter.woff2', 'font/woff2'],
      ['app://winnow/assets/My%20Font.woff', 'assets/My Font.woff', 'font/woff'],
      ['app://winnow/assets/blob.bin', 'assets/blob.bin', 'application/octet-stream'],
    ];
    for (const [url, file, mime] of cases) {
      expect(resolveAppRequest(url, root), url).toEqual({ ok: true, filePath: path.join(root, file), mimeType: mime });
    }
  });

  it('refuses encoded traversal, backslashes, NUL and drive letters', () => {
    for (const url of [
      'app://winnow/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'app://winnow/assets/..%2f..%2f..%2fpackage.json',
      'app://winnow/..%2F..%2Fsecret',
      'app://winnow/assets/..%2findex.html',
      'app://winnow/..%5c..%5cwindows%5cwin.ini',
      'app://winnow/assets\\..\\..\\secret',
      'app://winnow/index.html%00.png',
      'app://winnow/C:/Windows/win.ini',
      'app://winnow/%E0%A4%A',
    ]) {
      expect(resolveAppRequest(url, root).ok, url).toBe(false);
    }
  });

  it('keeps plain ../ inside the root (the URL parser folds it) and refuses other hosts', () => {
    const r = resolveAppRequest('app://winnow/../../../etc/passwd', root);
    expect(r.ok && inside(r.filePath)).toBe(true);
    expect(resolveAppRequest('app://evil/index.html', root)).toEqual({ ok: false, status: 403 });
    expect(resolveAppRequest('file:///etc/passwd', root)).toEqual({ ok: false, status: 403 });
  });

  it('never resolves outside the root, whatever the path', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E%2E', '%2e', '..%2f', '%2f', '%5c', '\\', '%00', 'C:', '%3a', '', 'assets', 'index.html', '~', '%252e%252e'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const r = resolveAppRequest(`app://winnow/${segments.join('/')}`, root);
        return !r.ok || inside(r.filePath);
      }),
      { numRuns: 2000 },
    );
  });
});

// ---------- permissions ----------

describe('permission policy', () => {
  const permissions = ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal', 'hid', 'serial', 'usb', 'fileSystem', 'display-capture', 'unknown'];

  it('allows desktop notifications (sales-ready alerts) and denies every other permission request and check', () => {
    expect(PERMISSION_POLICY.allowed).toEqual(['notifications']);
    for (const p of permissions) {
      expect(PERMISSION_POLICY.request(p), p).toBe(p === 'notifications');
      expect(PERMISSION_POLICY.check(p), p).toBe(p === 'notifications');
    }
  });
});

// ---------- dialogs and host calls ----------

describe('native dialogs', () => {
  it('import offers CSV, TSV, TXT and Excel first', () => {
    expect(OPEN_DIALOG_FILTERS.import[0]!.extensions).toEqual(expect.arrayContaining(['csv', 'tsv', 'txt', 'xlsx', 'xls']));
  });

  it('projects are .winnow files and exports are .csv', () => {
    expect(OPEN_DIALOG_FILTERS.project).toEqual([{ name: 'Winnow projects', extensions: ['winnow'] }]);
    expect(SAVE_DIALOG_FILTERS.project).toEqual([{ name: 'Winnow projects', extensions: ['winnow'] }]);
    expect(SAVE_DIALOG_FILTERS.export).toEqual([{ name: 'CSV', extensions: ['csv'] }]);
  });

  it('reduces a suggested name to a bare file name', () => {
    expect(safeSuggestedName('../../etc/passwd', 'export')).toBe('passwd.csv');
    expect(safeSuggestedName('C:\\Users\\x\\Desktop\\list.csv', 'export')).toBe('list.csv');
    expect(safeSuggestedName('', 'project')).toBe('Untitled.winnow');
    expect(safeSuggestedName('Spring mailing', 'project')).toBe('Spring mailing.winnow');
    expect(safeSuggestedName('a\u0000b<c>.csv', 'export')).toBe('a_b_c_.csv');
    expect(safeSuggestedName('...hidden', 'export')).toBe('hidden.csv');
    // A workbook or the audit report keeps its own extension; an unknown one gets .csv.
    expect(safeSuggestedName('Spring set.xlsx', 'export')).toBe('Spring set.xlsx');
    expect(safeSuggestedName('Audit of Bought.html', 'export')).toBe('Audit of Bought.html');
    expect(safeSuggestedName('notes.exe', 'export')).toBe('notes.exe.csv');
  });

  it('offers the suggested format in the save dialog', () => {
    expect(saveDialogFilters('export', 'a.csv')).toEqual([{ name: 'CSV', extensions: ['csv'] }]);
    expect(saveDialogFilters('export', 'a.xlsx')).toEqual([{ name: 'Excel workbook', extensions: ['xlsx'] }]);
    expect(saveDialogFilters('export', 'Audit.html')).toEqual([{ name: 'HTML report', extensions: ['html'] }]);
    expect(saveDialogFilters('project', 'P.winnow')).toEqual([{ name: 'Winnow projects', extensions: ['winnow'] }]);
  });

  it('adds the extension only when it is missing', () => {
    expect(withSaveExtension('/home/a/out', 'export')).toBe('/home/a/out.csv');
    expect(withSaveExtension('/home/a/out.txt', 'export')).toBe('/home/a/out.txt');
    expect(withSaveExtension('/home/a/out', 'export', 'set.xlsx')).toBe('/home/a/out.xlsx');
    expect(withSaveExtension('/home/a/report', 'export', 'Audit.html')).toBe('/home/a/report.html');
    expect(withSaveExtension('/home/a/Spring', 'project')).toBe('/home/a/Spring.winnow');
    expect(withSaveExtension('/home/a/Spring.WINNOW', 'project')).toBe('/home/a/Spring.WINNOW');
  });

  it('validates host.* input from the page', () => {
    expect(parseHostCall('host.pickOpenFile', { purpose: 'import' })).toEqual({ ok: true, call: { method: 'host.pickOpenFile', input: { purpose: 'import' } } });
    expect(parseHostCall('host.pickSaveFile', { purpose: 'export', suggestedName: 'x.csv' }).ok).toBe(true);
    for (const [method, input] of [
      ['host.pickOpenFile', null],
      ['host.pickOpenFile', { purpose: 'export' }],
      ['host.pickOpenFile', { purpose: 'import', defaultPath: '/etc' }],
      ['host.pickOpenFile', { purpose: 'import', title: 42 }],
      ['host.pickSaveFile', { purpose: 'import', suggestedName: 'x' }],
      ['host.pickSaveFile', { purpose: 'export' }],
      ['host.pickSaveFile', ['export']],
    ] as const) {
      expect(parseHostCall(method, input).ok, JSON.stringify(input)).toBe(false);
    }
  });
});

// ---------- paths ----------

describe('shell layout', () => {
  it('finds dist/ pieces from source and the unpacked engine when packaged', async () => {
    // main's tests replace shellLayout; this one checks the real function.
    const { shellLayout } = await vi.importActual<typeof import('../../electron/paths')>('../../electron/paths');
    const dev = shellLayout(path.resolve('/repo/dist/electron'), { isPackaged: false, resourcesPath: '/unused' });
    expect(dev).toEqual({
      rendererDir: path.resolve('/repo/dist/renderer'),
      preloadFile: path.resolve('/repo/dist/electron/preload.cjs'),
      workerFile: path.resolve('/repo/dist/worker.js'),
      resourcesDir: path.resolve('/repo/resources'),
    });
    const packaged = shellLayout(path.resolve('/opt/Winnow/resources/app.asar/dist/electron'), { isPackaged: true, resourcesPath: path.resolve('/opt/Winnow/resources') });
    expect(packaged.workerFile).toBe(path.resolve('/opt/Winnow/resources/app.asar.unpacked/dist/worker.js'));
    expect(packaged.resourcesDir).toBe(path.resolve('/opt/Winnow/resources/resources'));
    expect(packaged.rendererDir).toBe(path.resolve('/opt/Winnow/resources/app.asar/dist/renderer'));
    expect(unpackedPath('C:\\Winnow\\resources\\app.asar\\dist\\worker.js')).toBe('C:\\Winnow\\resources\\app.asar.unpacked\\dist\\worker.js');
  });

  it('picks project files out of a command line', () => {
    expect(projectPathsFromArgv(['.', '--inspect', 'lists.csv', 'Spring.winnow', '/abs/B.WINNOW'], '/home/a')).toEqual([
      path.resolve('/home/a/Spring.winnow'),
      path.resolve('/abs/B.WINNOW'),
    ]);
  });
});

// ---------- preload ----------

describe('preload source', () => {
  const file = path.join(repo, 'electron', 'preload.ts');
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);

  function findAll<T extends ts.Node>(pred: (n: ts.Node) => n is T): T[] {
    const out: T[] = [];
    const visit = (n: ts.Node) => {
      if (pred(n)) out.push(n);
      ts.forEachChild(n, visit);
    };
    visit(source);
    return out;
  }

  it('exposes exactly one object, window.winnow, with only invoke and on', () => {
    const exposeCalls = findAll((n): n is ts.CallExpression => ts.isCallExpression(n) && n.expression.getText() === 'contextBridge.exposeInMainWorld');
    expect(exposeCalls).toHaveLength(1);
    const [key, api] = exposeCalls[0]!.arguments;
    expect(key && ts.isStringLiteral(key) ? key.text : null).toBe('winnow');
    // The exposed value is an object literal, inline or through one const.
    let literal: ts.Expression | undefined = api;
    if (literal && ts.isIdentifier(literal)) {
      const name = literal.text;
      const decl = findAll((n): n is ts.VariableDeclaration => ts.isVariableDeclaration(n) && n.name.getText() === name)[0];
      literal = decl?.initializer;
    }
    expect(literal && ts.isObjectLiteralExpression(literal)).toBe(true);
    const keys = (literal as ts.ObjectLiteralExpression).properties.map((p) => p.name?.getText());
    expect(keys.sort()).toEqual(['invoke', 'on']);
    expect((literal as ts.ObjectLiteralExpression).properties.every((p) => ts.isMethodDeclaration(p))).toBe(true);
  });

  it('imports only contextBridge and ipcRenderer at runtime, and never hands ipcRenderer or Node to the page', () => {
    const imports = source.statements.filter(ts.isImportDeclaration);
    const runtime = imports.filter((i) => !i.importClause?.isTypeOnly).map((i) => (i.moduleSpecifier as ts.StringLiteral).text);
    expect(runtime.sort()).toEqual(['../src/api/wire', './channels', 'electron']);
    const electronImport = imports.find((i) => (i.moduleSpecifier as ts.StringLiteral).text === 'electron')!;
    const names = (electronImport.importClause!.namedBindings as ts.NamedImports).elements.map((e) => e.name.text).sort();
    expect(names).toEqual(['contextBridge', 'ipcRenderer']);
    const text = source.getFullText();
    expect(text).not.toMatch(/\brequire\s*\(|\bprocess\.|\bBuffer\b|webFrame|shell\b/);
    // ipcRenderer is only ever called, never returned, stored or passed on.
    const bareUses = findAll((n): n is ts.Identifier => ts.isIdentifier(n) && n.text === 'ipcRenderer').filter(
      (id) => !ts.isPropertyAccessExpression(id.parent) && !ts.isImportSpecifier(id.parent),
    );
    expect(bareUses).toEqual([]);
  });

  it('bundles to a file that requires nothing but electron (a sandboxed preload cannot)', async () => {
    const out = await build({ entryPoints: [file], bundle: true, platform: 'node', format: 'cjs', external: ['electron'], write: false, logLevel: 'silent' });
    const code = out.outputFiles[0]!.text;
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
  });
});

describe('preload bridge at runtime (fake electron)', () => {
  type Bridge = { invoke(method: unknown, input: unknown): Promise<unknown>; on(event: unknown, cb: unknown): () => void };
  let bridge: Bridge;

  beforeAll(async () => {
    await import('../../electron/preload');
    bridge = fx.exposed.get('winnow') as Bridge;
  });
  beforeEach(() => {
    fx.ipcRenderer.invoke.mockReset();
    fx.ipcRenderer.send.mockReset();
  });

  it('exposes only invoke and on, under window.winnow', () => {
    expect([...fx.exposed.keys()]).toEqual(['winnow']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('sends valid calls over the invoke channel and turns failures into outcomes', async () => {
    fx.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { closed: true } });
    await expect(bridge.invoke('project.close', { projectId: 'p' })).resolves.toEqual({ ok: true, value: { closed: true } });
    expect(fx.ipcRenderer.invoke).toHaveBeenCalledWith(IPC.invoke, 'project.close', { projectId: 'p' });

    fx.ipcRenderer.invoke.mockRejectedValueOnce(new Error('channel closed'));
    await expect(bridge.invoke('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });

    for (const bad of [42, null, '', { toString: () => 'app.info' }, 'x'.repeat(101)]) {
      await expect(bridge.invoke(bad, {})).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(fx.ipcRenderer.invoke).toHaveBeenCalledTimes(2);
  });

  it('delivers only the payload of known events, and unsubscribes', () => {
    const got: unknown[][] = [];
    const off = bridge.on('job.progress', (...args: unknown[]) => got.push(args));
    fx.ipcRenderer.emit(IPC.event, { event: 'job.progress', payload: { jobId: 'j', rows: 5 } });
    fx.ipcRenderer.emit(IPC.event, { event: 'job.finished', payload: { jobId: 'j' } });
    fx.ipcRenderer.emit(IPC.event, { event: 'menu', payload: { command: 'project.new' } });
    fx.ipcRenderer.emit(IPC.event, 'garbage');
    expect(got).toEqual([[{ jobId: 'j', rows: 5 }]]);
    off();
    fx.ipcRenderer.emit(IPC.event, { event: 'job.progress', payload: { jobId: 'j', rows: 6 } });
    expect(got).toHaveLength(1);
  });

  it('refuses unknown events and non-function listeners', () => {
    expect(() => bridge.on('ipc', () => undefined)).toThrow(TypeError);
    expect(() => bridge.on('__proto__', () => undefined)).toThrow(TypeError);
    expect(() => bridge.on('job.progress', 'not a function')).toThrow(TypeError);
  });

  it('announces menu listening once and forwards menu commands', () => {
    const commands: unknown[] = [];
    bridge.on('menu', (c: unknown) => commands.push(c));
    bridge.on('menu', () => undefined);
    expect(fx.ipcRenderer.send.mock.calls).toEqual([[MENU_READY_CHANNEL]]);
    fx.ipcRenderer.emit(MENU_CHANNEL, { command: 'list.import' });
    // Menu commands come only from the menu channel, not from an engine event that calls itself "menu".
    fx.ipcRenderer.emit(IPC.event, { event: 'menu', payload: { command: 'project.close' } });
    expect(commands).toEqual([{ command: 'list.import' }]);
  });

  it('keeps one ipcRenderer listener per channel however many subscribers', () => {
    for (let i = 0; i < 20; i++) bridge.on('project.changed', () => undefined);
    expect(fx.ipcRenderer.listenerCount(IPC.event)).toBe(1);
    expect(fx.ipcRenderer.listenerCount(MENU_CHANNEL)).toBe(1);
  });

  it('forwards exactly the contract events, plus menu', () => {
    const contractEvents: Record<EventName, true> = { 'job.progress': true, 'job.finished': true, 'project.changed': true };
    expect([...ENGINE_EVENTS].sort()).toEqual(Object.keys(contractEvents).sort());
    expect([...BRIDGE_EVENTS].sort()).toEqual([...ENGINE_EVENTS, 'menu'].sort());
  });
});

// ---------- main, against the fake electron ----------

describe('main process wiring (fake electron)', () => {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-userdata-'));
  const documents = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-docs-'));
  const trusted = () => ({ senderFrame: { url: 'app://winnow/index.html' }, sender: win().webContents });
  const win = () => fx.FakeBrowserWindow.all[0]!;
  const invoke = (event: unknown, method: unknown, input: unknown) => fx.ipcMainHandlers.get(IPC.invoke)!(event, method, input) as Promise<unknown>;

  beforeAll(async () => {
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Winnow</title>');
    fs.mkdirSync(path.join(rendererDir, 'assets'));
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(path.dirname(rendererDir), `${path.basename(rendererDir)}-secret.txt`), 'secret');
    fx.app.paths = { userData, documents };
    fx.engine.dispatch.mockImplementation(async (method: string) => (method === 'project.recent' ? { items: [] } : { echoed: method }));
    await import('../../electron/main');
    await vi.waitFor(() => expect(fx.FakeBrowserWindow.all).toHaveLength(1));
    await vi.waitFor(() => expect(fx.engine.anyListeners).toHaveLength(1));
  });
  afterAll(() => {
    for (const d of [userData, documents, rendererDir]) fs.rmSync(d, { recursive: true, force: true });
    fs.rmSync(path.join(path.dirname(rendererDir), `${path.basename(rendererDir)}-secret.txt`), { force: true });
  });

  it('registers the privileged scheme and enables the sandbox before ready', () => {
    expect(fx.protocol.privileged).toEqual([APP_SCHEME_PRIVILEGES]);
    expect(fx.calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(fx.calls.indexOf('ready'));
    expect(fx.calls.indexOf('enableSandbox')).toBeLessThan(fx.calls.indexOf('ready'));
  });

  it('opens one window with the secure webPreferences on app://winnow', () => {
    expect(win().options.webPreferences).toEqual({ ...SECURE_WEB_PREFERENCES, preload: '/app/dist/electron/preload.cjs' });
    expect(win().loaded).toEqual([APP_START_URL]);
  });

  it('starts the engine with the Electron host options', () => {
    expect(fx.engine.options).toEqual({ host: 'electron', dataDir: userData, workspaceDir: path.join(documents, 'Winnow'), resourcesDir: '/app/resources' });
    expect(fx.engine.workerFile).toBe('/app/dist/worker.js');
  });

  it('denies navigation, new windows and webviews for every web contents', () => {
    const wc = win().webContents;
    const navigate = (name: string, url: string) => {
      const event = { url, preventDefault: vi.fn() };
      wc.emit(name, event);
      return event.preventDefault.mock.calls.length > 0;
    };
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(navigate(name, 'https://example.com/'), name).toBe(true);
      expect(navigate(name, 'file:///etc/passwd'), name).toBe(true);
      expect(navigate(name, 'app://winnow/index.html'), name).toBe(false);
    }
    expect(wc.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const attach = { preventDefault: vi.fn() };
    wc.emit('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('denies permissions (but notifications) and remote requests in the session, and adds the CSP to responses', () => {
    const granted: boolean[] = [];
    fx.ses.permissionRequest!(win().webContents, 'media', (ok: boolean) => granted.push(ok), {});
    fx.ses.permissionRequest!(win().webContents, 'notifications', (ok: boolean) => granted.push(ok), {});
    expect(granted).toEqual([false, true]);
    expect(fx.ses.permissionCheck!(win().webContents, 'clipboard-read', 'app://winnow', {})).toBe(false);
    expect(fx.ses.devicePermission!({})).toBe(false);
    const decide = (url: string) => {
      let result: unknown;
      fx.ses.beforeRequest!({ url }, (r: unknown) => (result = r));
      return result;
    };
    expect(decide('https://example.com/x.js')).toEqual({ cancel: true });
    expect(decide('app://winnow/assets/app.js')).toEqual({ cancel: false });
    let headers: Record<string, unknown> = {};
    fx.ses.headersReceived!({ responseHeaders: { 'content-type': ['text/html'] } }, (r: { responseHeaders: Record<string, unknown> }) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    const download = { preventDefault: vi.fn() };
    for (const fn of fx.ses.handlers.get('will-download') ?? []) fn(download);
    expect(download.preventDefault).toHaveBeenCalled();
  });

  it('serves the renderer over app:// with the CSP, and nothing outside it', async () => {
    const handler = fx.protocol.handlers.get('app')!;
    const get = (url: string, method = 'GET') => handler({ url, method }) as Promise<Response>;
    const index = await get('app://winnow/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await index.text()).toContain('<title>Winnow</title>');
    expect((await get('app://winnow/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const secret = `${path.basename(rendererDir)}-secret.txt`;
    for (const url of [`app://winnow/..%2f${secret}`, `app://winnow/%2e%2e%2f${secret}`, 'app://evil/index.html', `app://winnow/..%5c${secret}`]) {
      const res = await get(url);
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(await res.text(), url).not.toContain('secret');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
    expect((await get('app://winnow/missing.js')).status).toBe(404);
    expect((await get('app://winnow/index.html', 'POST')).status).toBe(405);
  });

  it('answers IPC only from the app frame', async () => {
    fx.engine.dispatch.mockClear();
    for (const frame of [{ url: 'https://evil.example/' }, { url: 'file:///tmp/x.html' }, null]) {
      const outcome = await invoke({ senderFrame: frame, sender: win().webContents }, 'app.info', {});
      expect(outcome).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } });
    }
    expect(fx.engine.dispatch).not.toHaveBeenCalled();
  });

  it('routes engine methods to the engine and returns errors as data, never throwing', async () => {
    await expect(invoke(trusted(), 'app.info', {})).resolves.toEqual({ ok: true, value: { echoed: 'app.info' } });
    fx.engine.dispatch.mockRejectedValueOnce(new WinnowError('PROJECT_NOT_OPEN', 'That project is not open.'));
    await expect(invoke(trusted(), 'project.info', { projectId: 'x' })).resolves.toEqual({ ok: false, error: { code: 'PROJECT_NOT_OPEN', message: 'That project is not open.' } });
    fx.engine.dispatch.mockRejectedValueOnce(new TypeError('boom'));
    await expect(invoke(trusted(), 'project.info', { projectId: 'x' })).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    await expect(invoke(trusted(), 42, {})).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('remembers opened projects as recent documents', async () => {
    fx.engine.dispatch.mockResolvedValueOnce({ projectId: 'p1', name: 'Spring', location: '/home/a/Spring.winnow', schemaVersion: 1, lists: [] });
    await invoke(trusted(), 'project.open', { file: { fileId: 'f' } });
    expect(fx.app.recentDocuments).toContain('/home/a/Spring.winnow');
  });

  it('host.pickOpenFile shows the native dialog with the purpose filters and registers the chosen file for reading', async () => {
    const chosen = path.join(documents, 'bought.csv');
    fs.writeFileSync(chosen, 'a,b\n1,2\n');
    fx.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [chosen] });
    const outcome = await invoke(trusted(), 'host.pickOpenFile', { purpose: 'import' });
    expect(outcome).toEqual({ ok: true, value: { fileId: 'file-read', name: 'bought.csv', size: 8 } });
    const options = fx.dialog.showOpenDialog.mock.calls[0]!.at(-1) as { filters: unknown; properties: string[] };
    expect(options.filters).toEqual(OPEN_DIALOG_FILTERS.import);
    expect(options.properties).toEqual(['openFile']);
    expect(fx.engine.registerFile).toHaveBeenLastCalledWith(chosen, 'read');

    fx.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await expect(invoke(trusted(), 'host.pickOpenFile', { purpose: 'project' })).resolves.toEqual({ ok: true, value: null });
    await expect(invoke(trusted(), 'host.pickOpenFile', { purpose: 'import', defaultPath: '/etc' })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(fx.dialog.showOpenDialog).toHaveBeenCalledTimes(2);
  });

  it('host.pickSaveFile suggests a bare name and registers the target for writing', async () => {
    const target = path.join(documents, 'mailing');
    fx.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const outcome = await invoke(trusted(), 'host.pickSaveFile', { purpose: 'export', suggestedName: '../../mailing.csv' });
    expect(outcome).toEqual({ ok: true, value: { fileId: 'file-write', name: 'mailing.csv' } });
    const options = fx.dialog.showSaveDialog.mock.calls[0]!.at(-1) as { defaultPath: string; filters: unknown };
    expect(path.basename(options.defaultPath)).toBe('mailing.csv');
    expect(path.dirname(options.defaultPath)).toBe(path.join(documents, 'Winnow'));
    expect(options.filters).toEqual(SAVE_DIALOG_FILTERS.export);
    expect(fx.engine.registerFile).toHaveBeenLastCalledWith(`${target}.csv`, 'write');
  });

  it('forwards every engine event to the windows', () => {
    fx.engine.anyListeners[0]!('job.progress', { jobId: 'j' });
    expect(win().webContents.sent.at(-1)).toEqual({ channel: IPC.event, args: [{ event: 'job.progress', payload: { jobId: 'j' } }] });
  });

  it('builds the menu and holds menu commands until the page listens', async () => {
    const template = fx.menu.current as { label?: string; role?: string; submenu?: { label?: string; click?: () => void }[] }[];
    const file = template.find((m) => m.label === 'File')!;
    const labels = file.submenu!.map((i) => i.label).filter(Boolean);
    expect(labels).toEqual(expect.arrayContaining(['New Project…', 'Open Project…', 'Open Recent', 'Import List…', 'Export…', 'Close Project']));
    expect(template.some((m) => m.label === 'Edit' || m.role === 'editMenu')).toBe(true);
    expect(template.some((m) => m.label === 'View')).toBe(true);
    expect(template.find((m) => m.role === 'help')?.submenu?.some((i) => (i as { role?: string }).role === 'about')).toBe(true);

    const wc = win().webContents;
    const before = wc.sent.length;
    file.submenu!.find((i) => i.label === 'New Project…')!.click!();
    expect(wc.sent.length).toBe(before);
    // An untrusted "ready" is ignored; the page's own flushes the queue.
    for (const fn of fx.ipcMainListeners.get(MENU_READY_CHANNEL) ?? []) fn({ senderFrame: { url: 'https://evil.example/' }, sender: wc });
    expect(wc.sent.length).toBe(before);
    for (const fn of fx.ipcMainListeners.get(MENU_READY_CHANNEL) ?? []) fn({ senderFrame: { url: APP_START_URL }, sender: wc });
    expect(wc.sent.at(-1)).toEqual({ channel: MENU_CHANNEL, args: [{ command: 'project.new' }] });
  });

  it('hands a .winnow file from the OS to the page as project.openFile', async () => {
    const openFile = { preventDefault: vi.fn() };
    fx.app.emit('open-file', openFile, '/home/a/Autumn.winnow');
    expect(openFile.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(win().webContents.sent.at(-1)).toEqual({ channel: MENU_CHANNEL, args: [{ command: 'project.openFile', file: { fileId: 'file-read', name: 'Autumn.winnow' } }] }));
  });

  it('shuts the engine down before quitting', async () => {
    const quit = { preventDefault: vi.fn() };
    fx.app.emit('will-quit', quit);
    expect(quit.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fx.app.quitCalls).toBeGreaterThan(0));
    expect(fx.engine.shutdown).toHaveBeenCalled();
    const again = { preventDefault: vi.fn() };
    fx.app.emit('will-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });
});

// ---------- menu template ----------

describe('menu template', () => {
  const base = { platform: 'linux' as NodeJS.Platform, isPackaged: true, appName: 'Winnow', hasProject: true };
  type Item = { label?: string; role?: string; enabled?: boolean; click?: () => void; submenu?: Item[] };
  const clickAll = (items: Item[], visit: (i: Item) => void) => {
    for (const i of items) {
      visit(i);
      if (i.submenu) clickAll(i.submenu, visit);
    }
  };

  it('sends only known commands', () => {
    const sent: MenuCommand[] = [];
    const template = buildMenuTemplate({ ...base, recent: [{ recentId: 'r1', name: 'Spring', location: '/a/Spring.winnow', openedAt: '', exists: true }] }, (c) => sent.push(c));
    clickAll(template as Item[], (i) => i.click?.());
    expect(sent.length).toBeGreaterThanOrEqual(MENU_COMMANDS.length - 1);
    for (const c of sent) expect(MENU_COMMANDS).toContain(c.command);
    expect(sent).toContainEqual({ command: 'project.openRecent', recentId: 'r1' });
  });

  it('disables project items without a project and hides developer tools when packaged', () => {
    const template = buildMenuTemplate({ ...base, hasProject: false, recent: [] }, () => undefined) as Item[];
    const file = template.find((m) => m.label === 'File')!.submenu!;
    for (const label of ['Import List…', 'Export…', 'Close Project']) expect(file.find((i) => i.label === label)?.enabled, label).toBe(false);
    const roles: string[] = [];
    clickAll(template, (i) => i.role && roles.push(i.role));
    expect(roles).not.toContain('toggleDevTools');
    const dev = buildMenuTemplate({ ...base, isPackaged: false, recent: [] }, () => undefined) as Item[];
    const devRoles: string[] = [];
    clickAll(dev, (i) => i.role && devRoles.push(i.role));
    expect(devRoles).toContain('toggleDevTools');
  });
});
