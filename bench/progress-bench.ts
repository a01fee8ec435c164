// progress: imports the benchmark file in process through the service and measures how often progress events arrive.
import path from 'node:path';
import type { JobProgress } from '../src/api/contract';
import { createService } from '../src/service';

export interface ProgressResult {
  events: number;
  seconds: number;
  perSecond: number;
  /** The longest wait between two progress events while rows were streaming, in ms. */
  maxGapMs: number;
  /** From the call to the first event (inspection, encoding check, worker start), and from the last event to done (commit). */
  leadMs: number;
  tailMs: number;
}

/** The rate a user sees in the job bar: the import runs as in the app, with its parse worker, and every event is timed. */
export async function progressBench(opts: { file: string; project: string; resourcesDir: string; parserWorkerFile: string }): Promise<ProgressResult> {
  const service = createService({ host: 'direct', resourcesDir: opts.resourcesDir, parserWorkerFile: opts.parserWorkerFile });
  try {
    const info = await service.invoke('project.create', { file: service.registerFile(opts.project, 'write') });
    const times: number[] = [];
    const off = service.on('job.progress', (_p: JobProgress) => times.push(performance.now()));
    const t0 = performance.now();
    const { jobId } = await service.invoke('import.start', { projectId: info.projectId, file: service.registerFile(opts.file, 'read'), name: path.basename(opts.file) });
    const job = await service.invoke('jobs.wait', { jobId });
    const t1 = performance.now();
    off();
    if (job.status !== 'done') throw new Error(`import ${job.status}: ${job.error?.message ?? ''}`);
    let maxGapMs = 0;
    for (let i = 1; i < times.length; i++) maxGapMs = Math.max(maxGapMs, times[i]! - times[i - 1]!);
    const seconds = (t1 - t0) / 1000;
    const leadMs = (times[0] ?? t1) - t0;
    const tailMs = t1 - (times[times.length - 1] ?? t0);
    return { events: times.length, seconds, perSecond: times.length / seconds, maxGapMs, leadMs, tailMs };
  } finally {
    await service.close();
  }
}
