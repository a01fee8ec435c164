// The shape of `window.winnow`, the only thing the preload exposes to the page (types only; the renderer keeps its own
// PreloadBridge view of it and takes the menu commands from src/api/wire.ts, as it may not import electron/).
import type { EventName, EventPayloads, FileRef, HostFiles, MethodInput, MethodName, MethodResult, Outcome } from '../src/api/contract';
import type { MenuCommand, MenuCommandName } from '../src/api/wire';
import type { BRIDGE_EVENTS } from './channels';

/** Methods main answers itself (native dialogs) instead of passing them to the engine. */
export interface HostMethodInputs {
  'host.pickOpenFile': Parameters<HostFiles['pickOpenFile']>[0];
  'host.pickSaveFile': Parameters<HostFiles['pickSaveFile']>[0];
}
export interface HostMethodResults {
  'host.pickOpenFile': (FileRef & { name: string; size: number }) | null;
  'host.pickSaveFile': (FileRef & { name: string }) | null;
}
export type HostMethodName = keyof HostMethodInputs;

export type BridgeMethod = MethodName | HostMethodName;
export type BridgeInput<M extends BridgeMethod> = M extends MethodName ? MethodInput<M> : M extends HostMethodName ? HostMethodInputs[M] : never;
export type BridgeResult<M extends BridgeMethod> = M extends MethodName ? MethodResult<M> : M extends HostMethodName ? HostMethodResults[M] : never;

export type BridgeEventName = (typeof BRIDGE_EVENTS)[number];

export type { MenuCommand, MenuCommandName };

export interface BridgePayloads extends EventPayloads {
  menu: MenuCommand;
}

/**
 * `window.winnow`. invoke never rejects: failures arrive as `{ ok: false, error: { code, message, details? } }`.
 * on() returns the function that unsubscribes; it throws a TypeError for an unknown event name.
 */
export interface WinnowBridge {
  invoke<M extends BridgeMethod>(method: M, input: BridgeInput<M>): Promise<Outcome<BridgeResult<M>>>;
  on<E extends BridgeEventName>(event: E, listener: (payload: BridgePayloads[E]) => void): () => void;
}

// Compile-time checks: the bridge forwards exactly the contract's events (plus 'menu'), and every menu command has a payload type.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type EventsMatchContract = Assert<Exactly<Exclude<BridgeEventName, 'menu'>, EventName>>;
export type CommandsMatchPayloads = Assert<Exactly<MenuCommandName, MenuCommand['command']>>;
