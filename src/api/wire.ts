// Wire formats shared by the hosts and the renderer's clients: worker messages, IPC channels, browser-host routes.
import type { EventName, EventPayloads, FileRef, Outcome } from './contract';

/** Messages from a host thread into the engine worker. */
export type ToWorker =
  | { type: 'invoke'; callId: number; method: string; input: unknown }
  | { type: 'registerFile'; callId: number; path: string; mode: 'read' | 'write' }
  | { type: 'filePath'; callId: number; fileId: string }
  | { type: 'shutdown'; callId: number };

/** Messages from the engine worker back to its host. */
export type FromWorker =
  | { type: 'result'; callId: number; outcome: Outcome<unknown> }
  | { type: 'event'; event: EventName; payload: EventPayloads[EventName] }
  | { type: 'ready' };

/** Electron IPC channel names (preload ↔ main). */
export const IPC = {
  invoke: 'winnow:invoke',
  event: 'winnow:event',
} as const;

/**
 * Browser host routes. Every request needs the session token: as the `winnow_token` cookie (set by GET /?token=...)
 * or as `Authorization: Bearer <token>`. Host must be 127.0.0.1:<port> or localhost:<port>; a present Origin must match.
 */
export const ROUTES = {
  /** POST {method, input} → Outcome */
  invoke: '/api/invoke',
  /** WebSocket: server sends {event, payload} */
  events: '/api/events',
  /** POST raw body, ?name=FILE.csv → Outcome<FileRef & {name, size}> */
  upload: '/api/upload',
  /** POST {purpose, suggestedName} → Outcome<FileRef & {name}> (a file in the host's workspace) */
  saveTarget: '/api/save-target',
  /** GET /api/download/<fileId> → the file, as an attachment */
  download: '/api/download/',
} as const;

export const TOKEN_COOKIE = 'winnow_token';

export interface WireEvent<E extends EventName = EventName> {
  event: E;
  payload: EventPayloads[E];
}

/** Every `command` the desktop app's menu sends the page (main → preload → renderer, on the bridge's `menu` event). */
export const MENU_COMMANDS = [
  'project.new',
  'project.open',
  'project.openRecent',
  'project.openFile',
  'project.recover',
  'project.close',
  'list.import',
  'list.export',
] as const;
export type MenuCommandName = (typeof MENU_COMMANDS)[number];

/**
 * What main sends on the `menu` event. The renderer runs the same flow as its own buttons:
 * project.new → pickSaveFile({purpose:'project'}) → project.create; project.open → pickOpenFile({purpose:'project'}) → project.open;
 * project.openRecent → project.openRecent({recentId}); project.openFile → project.open({file}) (a .winnow file the OS opened with Winnow);
 * project.recover → pickOpenFile({purpose:'project'}), then pickSaveFile and project.recover({file, out});
 * project.close → project.close; list.import → the import flow; list.export → the export flow for the selected list.
 */
export type MenuCommand =
  | { command: 'project.new' }
  | { command: 'project.open' }
  | { command: 'project.openRecent'; recentId: string }
  | { command: 'project.openFile'; file: FileRef & { name: string } }
  | { command: 'project.recover' }
  | { command: 'project.close' }
  | { command: 'list.import' }
  | { command: 'list.export' };

/** Whether a `menu` payload is one of the commands above (the page checks what crosses the bridge). */
export function isMenuCommand(value: unknown): value is MenuCommand {
  const command = (value as { command?: unknown } | null)?.command;
  return typeof command === 'string' && (MENU_COMMANDS as readonly string[]).includes(command);
}
