// Host side of the engine worker: the same WinnowApi as the service, plus the host-only file registration.
import { Worker } from 'node:worker_threads';
import { WinnowError, type EventName, type EventPayloads, type FileRef, type MethodInput, type MethodName, type MethodResult, type WinnowApi } from '../api/contract';
import type { FromWorker, ToWorker } from '../api/wire';
import type { ServiceOptions } from '../service';

export interface EngineWorker extends WinnowApi {
  /** Like invoke, for input that arrives unvalidated from a wire (IPC, HTTP); the engine validates it. */
  dispatch(method: string, input: unknown): Promise<unknown>;
  registerFile(filePath: string, mode: 'read' | 'write'): Promise<FileRef & { name: string }>;
  filePath(ref: FileRef): Promise<string>;
  /** Every event, for hosts that forward them all (IPC, WebSocket). */
  onAny(listener: (event: EventName, payload: EventPayloads[EventName]) => void): () => void;
  shutdown(): Promise<void>;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Starts the engine in a worker thread; `workerFile` is the bundled dist/worker.js (hosts know where they were built to). */
export async function startEngineWorker(options: ServiceOptions, workerFile: string): Promise<EngineWorker> {
  const worker = new Worker(workerFile, { workerData: options });
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: EventName, payload: EventPayloads[EventName]) => void>();
  let nextId = 1;
  let exited = false;

  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: FromWorker) => {
      if (m.type === 'ready') {
        worker.off('error', reject);
        resolve();
      }
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });

  worker.on('message', (m: FromWorker) => {
    if (m.type === 'result') {
      const p = pending.get(m.callId);
      if (!p) return;
      pending.delete(m.callId);
      if (m.outcome.ok) p.resolve(m.outcome.value);
      else p.reject(WinnowError.from(m.outcome.error));
    } else if (m.type === 'event') {
      for (const l of listeners) l(m.event, m.payload);
    }
  });
  worker.on('exit', (code) => {
    exited = true;
    for (const p of pending.values()) p.reject(new WinnowError('INTERNAL', `The engine stopped unexpectedly (exit code ${code}).`));
    pending.clear();
  });

  function call(msg: DistributiveOmit<ToWorker, 'callId'>): Promise<unknown> {
    if (exited) return Promise.reject(new WinnowError('INTERNAL', 'The engine is not running.'));
    const callId = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(callId, { resolve, reject });
      worker.postMessage({ ...msg, callId } as ToWorker);
    });
  }

  return {
    invoke: <M extends MethodName>(method: M, input: MethodInput<M>) => call({ type: 'invoke', method, input }) as Promise<MethodResult<M>>,
    dispatch: (method, input) => call({ type: 'invoke', method, input }),
    on: (event, listener) => {
      const wrapped = (e: EventName, p: EventPayloads[EventName]) => {
        if (e === event) (listener as (x: unknown) => void)(p);
      };
      listeners.add(wrapped);
      return () => listeners.delete(wrapped);
    },
    onAny: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    registerFile: (p, mode) => call({ type: 'registerFile', path: p, mode }) as Promise<FileRef & { name: string }>,
    filePath: (ref) => call({ type: 'filePath', fileId: ref.fileId }) as Promise<string>,
    async shutdown() {
      if (exited) return;
      await call({ type: 'shutdown' }).catch(() => undefined);
      await worker.terminate();
    },
  };
}
