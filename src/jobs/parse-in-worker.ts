// Drives parse-worker.ts from the importing thread as the same async generator parseDelimitedFile returns.
import { Worker } from 'node:worker_threads';
import type { ParsedBatch, ParseSummary } from './parse-delimited';
import type { ParseWorkerMessage } from './parse-worker';
import type { SourceCheck } from './source';

export async function* parseInWorker(workerFile: string, filePath: string, src: SourceCheck): AsyncGenerator<ParsedBatch, ParseSummary> {
  const worker = new Worker(workerFile, { workerData: { filePath, src } });
  const queue: ParseWorkerMessage[] = [];
  let wake: (() => void) | null = null;
  let exitError: Error | null = null;
  let exited = false;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: ParseWorkerMessage) => {
    queue.push(m);
    notify();
  });
  worker.on('error', (e) => {
    exitError = e;
    notify();
  });
  worker.on('exit', (code) => {
    exited = true;
    if (code !== 0 && !exitError) exitError = new Error(`the parser stopped (exit code ${code})`);
    notify();
  });
  try {
    for (;;) {
      while (queue.length === 0) {
        if (exitError) throw exitError;
        if (exited) throw new Error('the parser stopped before the end of the file');
        await new Promise<void>((r) => (wake = r));
      }
      const m = queue.shift()!;
      if (m.type === 'done') return m.summary;
      if (m.type === 'error') throw Object.assign(new Error(m.message), { code: m.code });
      worker.postMessage({ type: 'credit' });
      const { joined, ...rest } = m.batch;
      yield { ...rest, rows: joined.length === 0 ? [] : joined.split('\n') };
    }
  } finally {
    // Also reached when the consumer stops early (cancel): the worker must not outlive the import.
    await worker.terminate();
  }
}
