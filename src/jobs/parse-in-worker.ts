// Drives parse-worker.ts from the importing thread as the same async generator readTable returns.
import { Worker } from 'node:worker_threads';
import { WinnowError } from '../api/contract';
import type { ParsedBatch, ParseSummary } from './parse-delimited';
import type { ParseWorkerData, ParseWorkerMessage } from './parse-worker';
import type { TableInfo } from './read-table';

/** readTable on the parse worker. */
export function readInWorker(workerFile: string, job: { filePath: string; displayName: string; info: TableInfo; headerRow: number }): AsyncGenerator<ParsedBatch, ParseSummary> {
  return runWorker(workerFile, { job });
}

async function* runWorker(workerFile: string, workerData: ParseWorkerData): AsyncGenerator<ParsedBatch, ParseSummary> {
  const worker = new Worker(workerFile, { workerData });
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
      if (m.type === 'error') throw m.winnow ? WinnowError.from(m.winnow) : Object.assign(new Error(m.message), { code: m.code });
      worker.postMessage({ type: 'credit' });
      const { joined, ...rest } = m.batch;
      yield { ...rest, rows: joined.length === 0 ? [] : joined.split('\n') };
    }
  } finally {
    // Also reached when the consumer stops early (cancel): the worker must not outlive the import.
    await worker.terminate();
  }
}
