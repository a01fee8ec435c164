// Wire formats shared by the hosts and the renderer's clients: worker messages, IPC channels, browser-host routes.
import type { EventName, EventPayloads, Outcome } from './contract';

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
