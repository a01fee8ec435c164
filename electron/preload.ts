// The sandboxed preload: exposes window.winnow = { invoke, on } and nothing else (no ipcRenderer, no Node, no event objects).
import { contextBridge, ipcRenderer } from 'electron';
import type { Outcome } from '../src/api/contract';
import { IPC } from '../src/api/wire';
import { BRIDGE_EVENTS, MENU_CHANNEL, MENU_READY_CHANNEL } from './channels';
import type { BridgeEventName } from './preload-api';

type Listener = (payload: unknown) => void;

const knownEvents: ReadonlySet<string> = new Set(BRIDGE_EVENTS);
// One ipcRenderer listener per channel, fanned out here: page code never touches ipcRenderer or its event objects.
const listeners = new Map<string, Set<Listener>>();
let menuReadySent = false;

function deliver(name: string, payload: unknown): void {
  for (const listener of [...(listeners.get(name) ?? [])]) {
    try {
      listener(payload);
    } catch (err) {
      console.error(`A "${name}" listener failed:`, err);
    }
  }
}

ipcRenderer.on(IPC.event, (_event, message: unknown) => {
  if (typeof message !== 'object' || message === null) return;
  const { event, payload } = message as { event?: unknown; payload?: unknown };
  if (typeof event === 'string' && event !== 'menu' && knownEvents.has(event)) deliver(event, payload);
});
ipcRenderer.on(MENU_CHANNEL, (_event, command: unknown) => deliver('menu', command));

function failed(message: string): Outcome<never> {
  return { ok: false, error: { code: 'INVALID_INPUT', message } };
}

const bridge = {
  invoke(method: unknown, input: unknown): Promise<Outcome<unknown>> {
    if (typeof method !== 'string' || method.length === 0 || method.length > 100) {
      return Promise.resolve(failed('The method name must be a short text.'));
    }
    return (ipcRenderer.invoke(IPC.invoke, method, input) as Promise<Outcome<unknown>>).catch(
      (err: unknown): Outcome<never> => ({
        ok: false,
        error: { code: 'INTERNAL', message: 'Winnow could not reach its engine.', details: { cause: err instanceof Error ? err.message : String(err) } },
      }),
    );
  },
  on(event: unknown, listener: unknown): () => void {
    if (typeof event !== 'string' || !knownEvents.has(event)) {
      throw new TypeError(`Unknown event "${String(event)}"; expected one of ${BRIDGE_EVENTS.join(', ')}.`);
    }
    if (typeof listener !== 'function') throw new TypeError('on() needs a function to call.');
    const name = event as BridgeEventName;
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    const own: Listener = (payload) => (listener as Listener)(payload);
    set.add(own);
    if (name === 'menu' && !menuReadySent) {
      menuReadySent = true;
      ipcRenderer.send(MENU_READY_CHANNEL);
    }
    return () => {
      set.delete(own);
    };
  },
};

contextBridge.exposeInMainWorld('winnow', bridge);
