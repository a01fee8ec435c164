// A file written under a temporary name beside its target and renamed over it only when complete, so a crash, a kill or
// a cancel never leaves a partial file under the final name.
import fs from 'node:fs';
import path from 'node:path';
import { WinnowError } from '../api/contract';
import { processAlive } from '../store/project-lock';

export interface AtomicFile {
  readonly finalPath: string;
  readonly tmpPath: string;
  /** Writes a chunk, waiting when the disk is behind (bounded memory). */
  write: (chunk: string | Buffer) => Promise<void>;
  /** Bytes written so far. */
  bytes: () => number;
  /** Flushes and closes the temporary file (commit renames it). */
  close: () => Promise<void>;
  /** Closes (if open) and renames the temporary file over the final name. */
  commit: () => Promise<void>;
  /** Removes the temporary file (safe to call after a failure, or twice). */
  abort: () => Promise<void>;
}

/** The temporary name: hidden, beside the target (same file system, so the rename is atomic), never the final name. */
export function partialName(outPath: string): string {
  return path.join(path.dirname(outPath), `.${path.basename(outPath)}.${process.pid}.${Date.now()}.partial`);
}

/** Removes temporary files an earlier write of the same target left when its process was killed (its pid is gone). */
export function removeStalePartials(outPath: string): string[] {
  const dir = path.dirname(outPath);
  const prefix = `.${path.basename(outPath)}.`;
  const removed: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith('.partial')) continue;
    const m = /^(\d+)\.\d+\.partial$/.exec(name.slice(prefix.length));
    if (!m || Number(m[1]) === process.pid || processAlive(Number(m[1]))) continue;
    fs.rmSync(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Writes a whole text at once the same way (a report): returns its size in bytes. */
export function writeTextAtomically(outPath: string, text: string): number {
  const dir = path.dirname(outPath);
  if (!fs.existsSync(dir)) throw new WinnowError('FILE_NOT_FOUND', `Cannot write ${outPath}: the folder ${dir} does not exist.`, { file: outPath });
  removeStalePartials(outPath);
  const tmpPath = partialName(outPath);
  try {
    fs.writeFileSync(tmpPath, text, { encoding: 'utf8', flag: 'wx' });
    fs.renameSync(tmpPath, outPath);
  } catch (e) {
    fs.rmSync(tmpPath, { force: true });
    throw new WinnowError('FILE_UNREADABLE', `Cannot write ${path.basename(outPath)}: ${(e as Error).message}`, { file: outPath });
  }
  return Buffer.byteLength(text, 'utf8');
}

export function openAtomicFile(outPath: string): AtomicFile {
  const dir = path.dirname(outPath);
  if (!fs.existsSync(dir)) throw new WinnowError('FILE_NOT_FOUND', `Cannot write ${outPath}: the folder ${dir} does not exist.`, { file: outPath });
  removeStalePartials(outPath);
  const tmpPath = partialName(outPath);
  const out = fs.createWriteStream(tmpPath, { flags: 'wx' });
  let error: Error | null = null;
  let written = 0;
  let closed = false;
  out.on('error', (e) => (error = e));
  const fail = (e: Error) => new WinnowError('FILE_UNREADABLE', `Cannot write ${path.basename(outPath)}: ${e.message}`, { file: outPath });
  const close = async () => {
    if (closed) return;
    closed = true;
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(fail(err)) : resolve())));
    if (error) throw fail(error);
  };
  return {
    finalPath: outPath,
    tmpPath,
    bytes: () => written,
    write: async (chunk) => {
      if (error) throw fail(error);
      written += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (!out.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            out.off('drain', done).off('close', done);
            resolve();
          };
          out.on('drain', done).on('close', done);
        });
      }
      if (error) throw fail(error);
    },
    close,
    commit: async () => {
      await close();
      await fs.promises.rename(tmpPath, outPath);
    },
    abort: async () => {
      if (!closed) {
        closed = true;
        out.destroy();
      }
      await fs.promises.rm(tmpPath, { force: true });
    },
  };
}
