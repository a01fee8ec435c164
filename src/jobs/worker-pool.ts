// A small pool of worker threads for a job: requests go to the least-loaded worker and come back by sequence number;
// a worker that fails or stops fails every request still waiting. The worker side answers with serveRequests.
import { parentPort, Worker } from 'node:worker_threads';

export interface WorkerPool<Req, Res> {
  /** Sends one request; `transfer` lists buffers that move to the worker (the caller must not use them afterwards). */
  run(request: Req, transfer?: readonly ArrayBuffer[]): Promise<Res>;
  /** Requests sent and not yet answered. */
  pending(): number;
  size: number;
  close(): Promise<void>;
}

type Envelope<T> = { seq: number; body: T };
type Reply<T> = { seq: number; ok: true; body: T } | { seq: number; ok: false; message: string };

/** Starts `count` workers running `file` with `workerData`; `what` names them in errors ("a clean worker stopped"). */
export function workerPool<Req, Res>(file: string, count: number, workerData: unknown, what: string): WorkerPool<Req, Res> {
  const workers = Array.from({ length: Math.max(1, count) }, () => new Worker(file, { workerData }));
  const load = new Map<Worker, number>(workers.map((w) => [w, 0]));
  const waiting = new Map<number, { resolve: (r: Res) => void; reject: (e: Error) => void }>();
  let seq = 0;
  let failure: Error | null = null;
  const fail = (e: Error) => {
    failure ??= e;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  };
  for (const w of workers) {
    w.on('message', (m: Reply<Res>) => {
      const entry = waiting.get(m.seq);
      if (!entry) return;
      waiting.delete(m.seq);
      load.set(w, (load.get(w) ?? 1) - 1);
      if (m.ok) entry.resolve(m.body);
      else entry.reject(new Error(m.message));
    });
    w.on('error', fail);
    w.on('exit', (code) => {
      if (code !== 0) fail(new Error(`${what} stopped (exit code ${code})`));
    });
  }
  return {
    run(request, transfer = []) {
      if (failure) return Promise.reject(failure);
      const worker = workers.reduce((a, b) => ((load.get(b) ?? 0) < (load.get(a) ?? 0) ? b : a));
      load.set(worker, (load.get(worker) ?? 0) + 1);
      const s = seq++;
      return new Promise<Res>((resolve, reject) => {
        waiting.set(s, { resolve, reject });
        worker.postMessage({ seq: s, body: request } satisfies Envelope<Req>, [...transfer]);
      });
    },
    pending: () => waiting.size,
    size: workers.length,
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** The worker side: answers each request with `handle`'s result (and the buffers to move back), or its error. */
export function serveRequests<Req, Res>(handle: (request: Req) => { result: Res; transfer?: ArrayBuffer[] }): void {
  const port = parentPort;
  if (!port) throw new Error('serveRequests runs in a worker thread');
  port.on('message', (m: Envelope<Req>) => {
    try {
      const { result, transfer = [] } = handle(m.body);
      port.postMessage({ seq: m.seq, ok: true, body: result } satisfies Reply<Res>, transfer);
    } catch (err) {
      port.postMessage({ seq: m.seq, ok: false, message: (err as Error).message } satisfies Reply<Res>);
    }
  });
}
