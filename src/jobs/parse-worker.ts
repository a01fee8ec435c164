// Worker thread that parses a delimited file and hands batches to the importing thread, so parsing and SQLite writes use both cores.
import { parentPort, workerData } from 'node:worker_threads';
import { parseDelimitedFile, type ParsedBatch, type ParseSummary } from './parse-delimited';
import type { SourceCheck } from './source';

export type ParseWorkerMessage =
  | { type: 'batch'; batch: ParsedBatch }
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
    port.postMessage({ type: 'batch', batch: next.value } satisfies ParseWorkerMessage);
  }
} catch (err) {
  port.postMessage({ type: 'error', message: (err as Error).message, code: (err as NodeJS.ErrnoException).code } satisfies ParseWorkerMessage);
}
port.close();
