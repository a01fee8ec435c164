// A second Winnow process for the project-file suite: opens a project through createService and holds it until stdin says "close".
import readline from 'node:readline';
import { createService } from '../../src/service';

const [projectPath, resourcesDir] = process.argv.slice(2) as [string, string];
const service = createService({ host: 'direct', resourcesDir });
try {
  const info = await service.invoke('project.open', { file: service.registerFile(projectPath, 'read') });
  process.stdout.write(`OPEN ${process.pid} ${info.projectId}\n`);
} catch (e) {
  const err = e as { code?: string; message: string; details?: unknown };
  process.stdout.write(`ERROR ${JSON.stringify({ code: err.code, message: err.message, details: err.details })}\n`);
  process.exit(3);
}
for await (const line of readline.createInterface({ input: process.stdin })) if (line.trim() === 'close') break;
await service.close();
process.stdout.write('CLOSED\n', () => process.exit(0));
