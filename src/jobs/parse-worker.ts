// Worker thread that reads a table (delimited or xlsx) and hands batches to the importing thread, so parsing and SQLite writes use both cores.
import { parentPort, workerData } from 'node:worker_threads';
import { WinnowError, type WinnowErrorData } from '../api/contract';
import type { ParsedBatch, ParseSummary } from './parse-delimited';
import { readTableHere, type TableInfo } from './read-table';

/** A batch as it crosses threads: rows joined by newlines (JSON text has none) and line numbers in a transferred buffer. */
export type WireBatch = Omit<ParsedBatch, 'rows'> & { joined: string };

export type ParseWorkerMessage =
  | { type: 'batch'; batch: WireBatch }
  | { type: 'done'; summary: ParseSummary }
  | { type: 'error'; message: string; code?: string; winnow?: WinnowErrorData };

/** What the worker is asked to read: a whole table, as readTable would on the importing thread. */
export type ParseWorkerData = { job: { filePath: string; displayName: string; info: TableInfo; headerRow: number } };

const port = parentPort!;
const data = workerData as ParseWorkerData;

// Credits bound memory: the worker may run at most this many batches ahead of the writer.
let credits = 4;
let wake: (() => void) | null = null;
port.on('message', (m: { type: 'credit' }) => {
  if (m.type === 'credit') {
    credits++;
    wake?.();
    wake = null;
  }
});

try {
  const gen = readTableHere(data.job.filePath, data.job.displayName, data.job.info, data.job.headerRow);
  for (;;) {
    const next = await gen.next();
    if (next.done) {
      port.postMessage({ type: 'done', summary: next.value } satisfies ParseWorkerMessage);
      break;
    }
    while (credits <= 0) await new Promise<void>((r) => (wake = r));
    credits--;
    // One string and one buffer clone far faster than an array of many small strings.
    const { rows, ...rest } = next.value;
    const batch: WireBatch = { ...rest, joined: rows.join('\n') };
    port.postMessage({ type: 'batch', batch } satisfies ParseWorkerMessage, [batch.lineNos.buffer]);
  }
} catch (err) {
  const winnow = err instanceof WinnowError ? err.toData() : undefined;
  port.postMessage({ type: 'error', message: (err as Error).message, code: (err as NodeJS.ErrnoException).code, ...(winnow ? { winnow } : {}) } satisfies ParseWorkerMessage);
}
port.close();
