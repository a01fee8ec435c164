// The Electron main process: one locked-down window on app://winnow, the engine in a worker thread, native dialogs, the menu and the IPC bridge.
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, type IpcMainEvent, type IpcMainInvokeEvent, type OpenDialogOptions, type SaveDialogOptions, type WebContents } from 'electron';
import { ERROR_CODES, WinnowError, type Outcome, type ProjectInfo, type RecentProject, type WinnowErrorData } from '../src/api/contract';
import { IPC, type WireEvent } from '../src/api/wire';
import { startEngineWorker, type EngineWorker } from '../src/host/worker-client';
import type { ServiceOptions } from '../src/service';
import { MENU_CHANNEL, MENU_READY_CHANNEL } from './channels';
import { buildMenuTemplate } from './menu';
import { projectPathsFromArgv, shellLayout } from './paths';
import type { HostMethodResults, MenuCommand } from './preload-api';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  APP_START_URL,
  isHostMethod,
  isNavigationAllowed,
  isRequestAllowed,
  isTrustedSender,
  OPEN_DIALOG_FILTERS,
  parseHostCall,
  PERMISSION_POLICY,
  resolveAppRequest,
  safeSuggestedName,
  saveDialogFilters,
  SECURITY_HEADERS,
  WINDOW_OPEN_POLICY,
  windowWebPreferences,
  withSaveExtension,
} from './security';

const APP_NAME = 'Winnow';
const ENGINE_SHUTDOWN_TIMEOUT_MS = 5000;
/** Methods whose result is the project just opened in the calling window. */
const PROJECT_OPENERS: ReadonlySet<string> = new Set(['project.create', 'project.open', 'project.openRecent', 'project.openSample']);

// Must happen before `ready`.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

const layout = shellLayout(__dirname, { isPackaged: app.isPackaged, resourcesPath: process.resourcesPath });
const workspaceDir = () => path.join(app.getPath('documents'), APP_NAME);

/** Per window: whether its page listens for menu commands yet, what waits for it, and which project it shows. */
interface WindowState {
  menuReady: boolean;
  queue: MenuCommand[];
  projectId: string | null;
}
const windowStates = new Map<number, WindowState>();

let engine: Promise<EngineWorker> | null = null;
let engineStopped = false;
let recent: RecentProject[] = [];
/** Project files the OS asked us to open before a window could take them. */
const pendingProjectFiles: string[] = [];
let windowsReady = false;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // macOS hands files over with open-file, possibly before ready.
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    openProjectFiles([filePath]);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const win = mainWindow() ?? createWindow();
    if (win.isMinimized()) win.restore();
    win.focus();
    openProjectFiles(projectPathsFromArgv(argv.slice(1), workingDirectory));
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('browser-window-focus', () => refreshMenu());
  app.on('will-quit', (event) => {
    if (engineStopped || engine === null) return;
    event.preventDefault();
    void stopEngine().finally(() => {
      engineStopped = true;
      app.quit();
    });
  });
  ipcMain.handle(IPC.invoke, handleInvoke);
  ipcMain.on(MENU_READY_CHANNEL, handleMenuReady);

  void app.whenReady().then(() => {
    hardenSession();
    serveRenderer();
    app.setAboutPanelOptions({
      applicationName: APP_NAME,
      applicationVersion: app.getVersion(),
      iconPath: path.join(layout.resourcesDir, 'icons', 'icon.png'),
      // The full notices (zipcodes BSD licence, nicknames Apache-2.0) are in the app's About dialog (app.notices).
      credits: 'USPS-style address standardization from public data — not CASS, DPV or NCOA certified. ZIP centroids: GeoNames, geonames.org (CC BY 4.0). ZIP table: zipcodes by Dav Glass (BSD).',
    });
    engine = startEngine();
    setMenu();
    createWindow();
    windowsReady = true;
    openProjectFiles(projectPathsFromArgv(process.argv.slice(1), process.cwd()));
  });
}

function startEngine(): Promise<EngineWorker> {
  const options: ServiceOptions = {
    host: 'electron',
    dataDir: app.getPath('userData'),
    workspaceDir: workspaceDir(),
    resourcesDir: layout.resourcesDir,
  };
  const started = startEngineWorker(options, layout.workerFile);
  started.then(
    (e) => {
      e.onAny((event, payload) => {
        const message: WireEvent = { event, payload };
        for (const win of BrowserWindow.getAllWindows()) if (!win.isDestroyed()) win.webContents.send(IPC.event, message);
      });
      refreshMenu();
    },
    (err: unknown) => {
      dialog.showErrorBox('Winnow could not start', `The engine did not start, so projects cannot be opened.\n\n${err instanceof Error ? err.message : String(err)}`);
    },
  );
  return started;
}

async function getEngine(): Promise<EngineWorker> {
  if (engine === null) throw new WinnowError('INTERNAL', 'Winnow is still starting; try again in a moment.');
  try {
    return await engine;
  } catch (err) {
    throw new WinnowError('INTERNAL', `The engine did not start: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function stopEngine(): Promise<void> {
  try {
    const e = await engine;
    await Promise.race([e?.shutdown(), new Promise((resolve) => setTimeout(resolve, ENGINE_SHUTDOWN_TIMEOUT_MS))]);
  } catch {
    // The engine never started or already stopped: nothing to close.
  }
}

// ---------- window ----------

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    title: APP_NAME,
    show: false,
    backgroundColor: '#f6f5f1',
    ...(process.platform === 'linux' ? { icon: path.join(layout.resourcesDir, 'icons', 'icon.png') } : {}),
    webPreferences: windowWebPreferences(layout.preloadFile),
  });
  const id = win.webContents.id;
  windowStates.set(id, { menuReady: false, queue: [], projectId: null });
  win.once('ready-to-show', () => win.show());
  // A reload starts a new page: it must say it is listening again before menu commands flow.
  win.webContents.on('did-start-navigation', (event) => {
    const state = windowStates.get(id);
    if (state && event.isMainFrame && !event.isSameDocument) state.menuReady = false;
  });
  win.on('closed', () => {
    windowStates.delete(id);
    refreshMenu();
  });
  void win.loadURL(APP_START_URL);
  return win;
}

function mainWindow(): BrowserWindow | null {
  const focused = BrowserWindow.getFocusedWindow();
  if (focused && !focused.isDestroyed()) return focused;
  return BrowserWindow.getAllWindows().find((w) => !w.isDestroyed()) ?? null;
}

/** Navigation, new windows and webviews are refused for every web contents, including any the app did not create itself. */
function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isNavigationAllowed(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isNavigationAllowed(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isNavigationAllowed(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => WINDOW_OPEN_POLICY);
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(PERMISSION_POLICY.request(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => PERMISSION_POLICY.check(permission));
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isRequestAllowed(details.url) }));
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = { ...details.responseHeaders };
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers[name] = [value];
    callback({ responseHeaders: headers });
  });
}

/** app://winnow/… → dist/renderer/…, with the CSP on every response. */
function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const plain = (status: number, text: string) =>
      new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS } });
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const resolved = resolveAppRequest(request.url, layout.rendererDir);
    if (!resolved.ok) return plain(resolved.status, resolved.status === 404 ? 'Not found' : 'Refused');
    try {
      const body = await fs.promises.readFile(resolved.filePath);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
        status: 200,
        headers: { 'Content-Type': resolved.mimeType, 'Cache-Control': 'no-cache', ...SECURITY_HEADERS },
      });
    } catch {
      return plain(404, 'Not found');
    }
  });
}

// ---------- IPC ----------

function errorData(err: unknown): WinnowErrorData {
  if (err instanceof WinnowError) return err.toData();
  const e = err as { code?: unknown; message?: unknown } | null;
  if (e && typeof e.code === 'string' && (ERROR_CODES as readonly string[]).includes(e.code) && typeof e.message === 'string') {
    return WinnowError.from(e as WinnowErrorData).toData();
  }
  return { code: 'INTERNAL', message: `Something went wrong inside Winnow: ${err instanceof Error ? err.message : String(err)}` };
}

function senderUrl(event: IpcMainInvokeEvent | IpcMainEvent): string | null {
  try {
    return event.senderFrame?.url ?? null;
  } catch {
    return null;
  }
}

/** The one IPC entry point: host.* methods open native dialogs here; everything else goes to the engine. Never throws. */
async function handleInvoke(event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<Outcome<unknown>> {
  if (!isTrustedSender(senderUrl(event))) {
    return { ok: false, error: { code: 'NOT_SUPPORTED', message: 'Only Winnow’s own window may call the engine.' } };
  }
  if (typeof method !== 'string') return { ok: false, error: { code: 'INVALID_INPUT', message: 'The method name must be a text.' } };
  try {
    if (isHostMethod(method)) return { ok: true, value: await runHostMethod(event.sender, method, input) };
    const value = await (await getEngine()).dispatch(method, input);
    afterEngineCall(event.sender, method, input, value);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: errorData(err) };
  }
}

function afterEngineCall(sender: WebContents, method: string, input: unknown, value: unknown): void {
  const state = windowStates.get(sender.id);
  if (PROJECT_OPENERS.has(method)) {
    const info = value as ProjectInfo;
    if (state) state.projectId = info.projectId;
    app.addRecentDocument(info.location);
    if (process.platform === 'darwin') BrowserWindow.fromWebContents(sender)?.setRepresentedFilename(info.location);
    refreshMenu();
  } else if (method === 'project.close') {
    const closedId = (input as { projectId?: unknown } | null)?.projectId;
    if (state && state.projectId === closedId) state.projectId = null;
    if (process.platform === 'darwin') BrowserWindow.fromWebContents(sender)?.setRepresentedFilename('');
    refreshMenu();
  }
}

const lastSaveDir: Partial<Record<'export' | 'project', string>> = {};

async function runHostMethod(sender: WebContents, method: 'host.pickOpenFile' | 'host.pickSaveFile', input: unknown): Promise<HostMethodResults[typeof method]> {
  const parsed = parseHostCall(method, input);
  if (!parsed.ok) throw new WinnowError('INVALID_INPUT', parsed.message);
  const win = BrowserWindow.fromWebContents(sender);
  const call = parsed.call;

  if (call.method === 'host.pickOpenFile') {
    const { purpose, title } = call.input;
    const options: OpenDialogOptions = {
      title: title ?? (purpose === 'import' ? 'Import a list' : 'Open a project'),
      filters: [...OPEN_DIALOG_FILTERS[purpose]],
      properties: ['openFile'],
    };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const chosen = result.canceled ? undefined : result.filePaths[0];
    if (!chosen) return null;
    const stat = await fs.promises.stat(chosen);
    const ref = await (await getEngine()).registerFile(chosen, 'read');
    return { fileId: ref.fileId, name: ref.name, size: stat.size };
  }

  const { purpose, suggestedName } = call.input;
  const dir = lastSaveDir[purpose] ?? workspaceDir();
  fs.mkdirSync(dir, { recursive: true });
  const options: SaveDialogOptions = {
    title: purpose === 'export' ? 'Export the list' : 'Create a project',
    defaultPath: path.join(dir, safeSuggestedName(suggestedName, purpose)),
    filters: saveDialogFilters(purpose, suggestedName),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;
  const target = withSaveExtension(result.filePath, purpose, suggestedName);
  // The dialog confirmed overwriting the name as typed; a file under the extended name needs its own confirmation.
  if (target !== result.filePath && fs.existsSync(target)) {
    const confirm = {
      type: 'warning' as const,
      buttons: ['Replace', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: `“${path.basename(target)}” already exists. Replace it?`,
    };
    const answer = win ? await dialog.showMessageBox(win, confirm) : await dialog.showMessageBox(confirm);
    if (answer.response !== 0) return null;
  }
  lastSaveDir[purpose] = path.dirname(target);
  const ref = await (await getEngine()).registerFile(target, 'write');
  return { fileId: ref.fileId, name: ref.name };
}

// ---------- menu ----------

function handleMenuReady(event: IpcMainEvent): void {
  if (!isTrustedSender(senderUrl(event))) return;
  const state = windowStates.get(event.sender.id);
  if (!state) return;
  state.menuReady = true;
  for (const command of state.queue.splice(0)) event.sender.send(MENU_CHANNEL, command);
}

/** Sends a command to the window's page, or keeps it until the page listens (a file opened at launch arrives before React mounts). */
function sendMenuCommand(command: MenuCommand): void {
  const win = mainWindow() ?? createWindow();
  const state = windowStates.get(win.webContents.id);
  if (!state) return;
  if (state.menuReady) win.webContents.send(MENU_CHANNEL, command);
  else state.queue.push(command);
}

function setMenu(): void {
  const focused = mainWindow();
  const state = focused ? windowStates.get(focused.webContents.id) : undefined;
  const template = buildMenuTemplate(
    { platform: process.platform, isPackaged: app.isPackaged, appName: APP_NAME, recent, hasProject: Boolean(state?.projectId) },
    sendMenuCommand,
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Rebuilds the menu with the engine's recent projects (after a project opens or closes, and when focus moves). */
function refreshMenu(): void {
  if (!app.isReady()) return;
  if (engine === null) return setMenu();
  void getEngine()
    .then((e) => e.dispatch('project.recent', {}))
    .then((value) => {
      recent = (value as { items: RecentProject[] }).items;
    })
    .catch(() => undefined)
    .finally(setMenu);
}

// ---------- files from the OS ----------

function openProjectFiles(paths: string[]): void {
  pendingProjectFiles.push(...paths);
  if (!windowsReady) return;
  for (const filePath of pendingProjectFiles.splice(0)) {
    void getEngine()
      .then((e) => e.registerFile(filePath, 'read'))
      .then((file) => sendMenuCommand({ command: 'project.openFile', file: { fileId: file.fileId, name: file.name } }))
      .catch((err: unknown) => dialog.showErrorBox('Winnow could not open that project', `${filePath}\n\n${errorData(err).message}`));
  }
}
