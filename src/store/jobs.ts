// Job log repository: every long job is recorded when it starts and when it ends (or found interrupted on open).
import type { JobKind, JobRecord, JobStatus } from '../api/contract';
import type { Db } from './db';

interface JobRow {
  id: string;
  kind: JobKind;
  label: string;
  status: JobStatus;
  result: string | null;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

function toRecord(r: JobRow): JobRecord {
  return {
    jobId: r.id,
    kind: r.kind,
    label: r.label,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    result: r.result ? JSON.parse(r.result) : null,
    error: r.error ? JSON.parse(r.error) : null,
  };
}

export function insertJob(db: Db, j: { id: string; kind: JobKind; label: string; params: unknown }): void {
  db.prepare(`INSERT INTO jobs (id, kind, label, status, params, started_at) VALUES (?, ?, ?, 'running', ?, ?)`).run(
    j.id,
    j.kind,
    j.label,
    JSON.stringify(j.params),
    new Date().toISOString(),
  );
}

export function finishJob(db: Db, id: string, status: Exclude<JobStatus, 'running'>, result: unknown, error: unknown): void {
  db.prepare(`UPDATE jobs SET status = ?, result = ?, error = ?, finished_at = ? WHERE id = ?`).run(
    status,
    result == null ? null : JSON.stringify(result),
    error == null ? null : JSON.stringify(error),
    new Date().toISOString(),
    id,
  );
}

/** What the job log says of a job whose process died: true whether it died before or just after its one commit. */
export const INTERRUPTED_MESSAGE =
  'Winnow stopped while this job was running (it was closed, crashed or the computer went off). A job saves its work all at once when it ends, so nothing half-done was kept; if its result is missing, run it again.';

/** Jobs left 'running' by a crash or kill are marked interrupted, with a sentence, when the project is next opened. */
export function markInterruptedJobs(db: Db): number {
  return db
    .prepare(`UPDATE jobs SET status = 'interrupted', finished_at = ?, error = ? WHERE status = 'running'`)
    .run(new Date().toISOString(), JSON.stringify({ code: 'INTERNAL', message: INTERRUPTED_MESSAGE })).changes;
}

export function getJob(db: Db, id: string): JobRecord | undefined {
  const r = db.prepare(`SELECT * FROM jobs WHERE id = ?`).get(id) as JobRow | undefined;
  return r && toRecord(r);
}

export function jobHistory(db: Db, limit = 200): JobRecord[] {
  return (db.prepare(`SELECT * FROM jobs ORDER BY started_at DESC, rowid DESC LIMIT ?`).all(limit) as JobRow[]).map(toRecord);
}
