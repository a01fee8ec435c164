// The client over the Electron preload bridge: window.winnow.invoke/on, with native dialogs behind host.* methods.
import { WinnowError, type EventName, type EventPayloads, type MethodInput, type MethodName, type MethodResult, type Outcome } from '../../../src/api/contract';
import type { ConnectionState, PickedFile, PickOpenOptions, RendererClient, SaveTarget } from './client-types';
import { toWinnowError, unwrapOutcome } from './outcome';
import { isMenuCommand } from '../../../src/api/wire';

/** Exactly what the preload exposes; nothing else crosses the bridge. */
export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<Outcome<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export function createElectronClient(bridge: PreloadBridge): RendererClient {
  async function call<T>(method: string, input: unknown): Promise<T> {
    let outcome: unknown;
    try {
      outcome = await bridge.invoke(method, input);
    } catch (err) {
      throw toWinnowError(err);
    }
    return unwrapOutcome<T>(outcome);
  }

  return {
    host: 'electron',
    invoke: <M extends MethodName>(method: M, input: MethodInput<M>) => call<MethodResult<M>>(method, input),
    on: <E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) =>
      bridge.on(event, (payload) => listener(payload as EventPayloads[E])),
    pickOpenFile: ({ purpose, title }: PickOpenOptions) =>
      call<PickedFile | null>('host.pickOpenFile', title === undefined ? { purpose } : { purpose, title }),
    // A dropped File carries no path the main process could vouch for; paths reach the engine only from its own dialog.
    acceptsDroppedFiles: false,
    openDroppedFile: () =>
      Promise.reject(new WinnowError('NOT_SUPPORTED', 'Dropping a file on the window is not available in the desktop app yet. Use Import list… (Ctrl+I) to choose it.')),
    pickSaveFile: ({ purpose, suggestedName }) => call<SaveTarget | null>('host.pickSaveFile', { purpose, suggestedName }),
    // The engine already wrote the file where the user chose in the native dialog.
    deliverFile: async () => {},
    onConnection: (listener: (state: ConnectionState) => void) => {
      listener('open');
      return () => {};
    },
    onMenuCommand: (listener) =>
      bridge.on('menu', (payload) => {
        if (isMenuCommand(payload)) listener(payload);
      }),
  };
}
