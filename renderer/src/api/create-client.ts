// createClient(): the one way the renderer reaches the engine; Electron's preload bridge when present, else the browser host.
import { createBrowserClient } from './browser-client';
import type { RendererClient } from './client-types';
import { createElectronClient, type PreloadBridge } from './electron-client';

export function createClient(win: Window & typeof globalThis = window): RendererClient {
  const bridge = (win as unknown as { winnow?: PreloadBridge }).winnow;
  if (bridge && typeof bridge.invoke === 'function' && typeof bridge.on === 'function') return createElectronClient(bridge);
  return createBrowserClient({
    baseUrl: win.location.href,
    fetch: win.fetch.bind(win),
    WebSocket: win.WebSocket,
    document: win.document,
  });
}

// The client the running app uses; set once at startup (tests set a fake).
let current: RendererClient | null = null;

export function setApi(client: RendererClient): void {
  current = client;
}

export function api(): RendererClient {
  if (!current) throw new Error('The API client is not set; call setApi(createClient()) at startup.');
  return current;
}
