// Entry for `npm run start:browser`: starts the engine worker and the loopback browser host, prints the link to open.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEngineWorker } from './worker-client';
import { startBrowserHost } from './browser-host';

const here = import.meta.dirname;
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    workspace: { type: 'string' },
    'data-dir': { type: 'string' },
  },
});

const workspaceDir = path.resolve(values.workspace ?? process.env.WINNOW_WORKSPACE ?? path.join(os.homedir(), 'Winnow'));
const engine = await startEngineWorker(
  {
    host: 'browser',
    dataDir: path.resolve(values['data-dir'] ?? path.join(workspaceDir, '.winnow-host')),
    workspaceDir,
    resourcesDir: path.resolve(here, '..', 'resources'),
  },
  path.join(here, 'worker.js'),
);
const host = await startBrowserHost({
  engine,
  staticDir: path.resolve(here, 'renderer'),
  workspaceDir,
  port: Number(values.port),
  token: process.env.WINNOW_TOKEN,
});
console.log(`Winnow is running at ${host.url}`);
console.log(`Projects and exports are kept in ${workspaceDir}. Press Ctrl+C to stop.`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await host.close();
  await engine.shutdown();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
