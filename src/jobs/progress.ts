// Progress reporting for jobs: callers report freely; listeners hear at most ~10 updates a second, plus the last one.
import type { JobKind, JobProgress } from '../api/contract';

export interface ProgressUpdate {
  phase: string;
  rows: number;
  done: number;
  total: number | null;
}

export type ProgressSink = (u: ProgressUpdate) => void;

export function throttledProgress(
  jobId: string,
  kind: JobKind,
  projectId: string,
  emit: (p: JobProgress) => void,
  minIntervalMs = 100,
  now: () => number = () => performance.now(),
): { sink: ProgressSink; flush: () => void } {
  const start = now();
  let lastEmit = -Infinity;
  let pending: ProgressUpdate | null = null;
  const send = (u: ProgressUpdate) => {
    const t = now();
    const elapsedMs = t - start;
    const rate = elapsedMs > 0 ? Math.round((u.rows * 1000) / elapsedMs) : 0;
    const fraction = u.total ? u.done / u.total : 0;
    const etaMs = u.total && fraction > 0.01 ? Math.max(0, Math.round(elapsedMs / fraction - elapsedMs)) : null;
    emit({ jobId, kind, projectId, phase: u.phase, rows: u.rows, done: u.done, total: u.total, rate, elapsedMs: Math.round(elapsedMs), etaMs });
    lastEmit = t;
    pending = null;
  };
  return {
    sink: (u) => {
      if (now() - lastEmit >= minIntervalMs) send(u);
      else pending = u;
    },
    flush: () => {
      if (pending) send(pending);
    },
  };
}
