// Entry of the bundled CLI (dist/cli.js): wires runCli to the process.
import path from 'node:path';
import { runCli } from './run';

const resourcesDir = path.resolve(import.meta.dirname, '..', 'resources');
const tty = process.stderr.isTTY;
// `winnow problems ... | head`: a reader that stops early is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  progress: tty ? (text) => process.stderr.write(`\r\x1b[2K${text}`) : undefined,
  resourcesDir,
  parserWorkerFile: path.join(import.meta.dirname, 'parse-worker.js'), cleanWorkerFile: path.join(import.meta.dirname, 'clean-worker.js'), matchWorkerFile: path.join(import.meta.dirname, 'match-worker.js'),
});
process.exitCode = code;
