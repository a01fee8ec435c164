// The engine in a worker thread: Electron main (and the browser host) talk to it by messages, so long jobs never block them.
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { EVENT_NAMES } from '../api/contract';
import type { FromWorker, ToWorker } from '../api/wire';
import { createService, toWinnowError, type ServiceOptions } from '../service';

const port = parentPort;
if (!port) throw new Error('worker-entry must run in a worker thread');

const options = workerData as ServiceOptions;
const service = createService({ parserWorkerFile: path.join(import.meta.dirname, 'parse-worker.js'), cleanWorkerFile: path.join(import.meta.dirname, 'clean-worker.js'), matchWorkerFile: path.join(import.meta.dirname, 'match-worker.js'), ...options });
const post = (m: FromWorker) => port.postMessage(m);

for (const event of EVENT_NAMES) service.on(event, (payload) => post({ type: 'event', event, payload }));

port.on('message', async (msg: ToWorker) => {
  try {
    let value: unknown;
    switch (msg.type) {
      case 'invoke':
        value = await service.dispatch(msg.method, msg.input);
        break;
      case 'registerFile':
        value = service.registerFile(msg.path, msg.mode);
        break;
      case 'filePath':
        value = service.filePath({ fileId: msg.fileId });
        break;
      case 'shutdown':
        await service.close();
        value = true;
        break;
    }
    post({ type: 'result', callId: msg.callId, outcome: { ok: true, value } });
    if (msg.type === 'shutdown') port.close();
  } catch (err) {
    post({ type: 'result', callId: msg.callId, outcome: { ok: false, error: toWinnowError(err).toData() } });
  }
});
post({ type: 'ready' });
