// The application menu as a template built from plain state; items that need the page send a MenuCommand (see preload-api.ts).
import type { MenuItemConstructorOptions } from 'electron';
import type { RecentProject } from '../src/api/contract';
import type { MenuCommand } from './preload-api';

export interface MenuState {
  platform: NodeJS.Platform;
  /** Developer items (reload, developer tools) only when running from source. */
  isPackaged: boolean;
  appName: string;
  /** From the engine's project.recent. */
  recent: readonly RecentProject[];
  /** Whether the focused window has a project open (import, export and close need one). */
  hasProject: boolean;
}

const MAX_RECENT_ITEMS = 10;

export function buildMenuTemplate(state: MenuState, send: (command: MenuCommand) => void): MenuItemConstructorOptions[] {
  const isMac = state.platform === 'darwin';
  const recent = state.recent.slice(0, MAX_RECENT_ITEMS);
  const recentItems: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: 'No Recent Projects', enabled: false }]
      : recent.map((r) => ({
          label: r.exists ? r.name : `${r.name} (missing)`,
          toolTip: r.location,
          enabled: r.exists,
          click: () => send({ command: 'project.openRecent', recentId: r.recentId }),
        }));

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New Project…', accelerator: 'CmdOrCtrl+N', click: () => send({ command: 'project.new' }) },
      { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: () => send({ command: 'project.open' }) },
      { label: 'Open Recent', submenu: recentItems },
      { label: 'Recover Project…', click: () => send({ command: 'project.recover' }) },
      { type: 'separator' },
      { label: 'Import List…', accelerator: 'CmdOrCtrl+I', enabled: state.hasProject, click: () => send({ command: 'list.import' }) },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', enabled: state.hasProject, click: () => send({ command: 'list.export' }) },
      { type: 'separator' },
      { label: 'Close Project', accelerator: 'CmdOrCtrl+Shift+W', enabled: state.hasProject, click: () => send({ command: 'project.close' }) },
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(state.isPackaged ? [] : [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const]),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ role: 'about', label: `About ${state.appName}` }],
  };

  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    view,
    ...(isMac ? [{ role: 'windowMenu' } as const] : []),
    help,
  ];
}
