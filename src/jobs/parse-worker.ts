// Worker thread that parses a delimited file and hands batches to the importing thread, so parsing and SQLite writes use both cores.
import { parentPort, workerData } from 'node:worker_threads';
import { parseDelimitedFile, type ParsedBatch, type ParseSummary } from './parse-delimited';
import type { SourceCheck } from './source';

/** A batch as it crosses threads: rows joined by newlines (JSON text has none) and line numbers in a transferred buffer. */
export type WireBatch = Omit<ParsedBatch, 'rows'> & { joined: string };

export type ParseWorkerMessage =
  | { type: 'batch'; batch: WireBatch }
  | { type: 'done'; summary: ParseSummary }
  | { type: 'error'; message: string; code?: string };

const port = parentPort!;
const { filePath, src } = workerData as { filePath: string; src: SourceCheck };

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
  const gen = parseDelimitedFile(filePath, src);
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
  port.postMessage({ type: 'error', message: (err as Error).message, code: (err as NodeJS.ErrnoException).code } satisfies ParseWorkerMessage);
}
port.close();
