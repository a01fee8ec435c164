// The job bar under the grid: one line per running job (phase, rows, speed, time left, progress) with Cancel.
import { formatBytes, formatCount, formatDuration, formatRate } from '../format';
import { cancelJob, JOB_NOUNS, useJobsStore, type JobView, type UploadView } from '../state/jobs-store';

export function JobBar() {
  const jobs = useJobsStore((s) => s.jobs);
  const upload = useJobsStore((s) => s.upload);
  if (jobs.length === 0 && !upload) return null;
  return (
    <div className="job-bar" data-testid="job-bar" role="region" aria-label="Running jobs">
      {upload && <UploadLine upload={upload} />}
      {jobs.map((j) => (
        <JobLine key={j.jobId} job={j} />
      ))}
    </div>
  );
}

function ProgressBar({ fraction, label }: { fraction: number | null; label: string }) {
  const pct = fraction === null ? null : Math.max(0, Math.min(100, fraction * 100));
  return (
    <div
      className={pct === null ? 'progress is-indeterminate' : 'progress'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct === null ? undefined : Math.round(pct)}
      data-testid="job-progress"
    >
      <div className="progress-fill" style={pct === null ? undefined : { width: `${pct}%` }} />
    </div>
  );
}

function UploadLine({ upload }: { upload: UploadView }) {
  const fraction = upload.total > 0 ? upload.loaded / upload.total : null;
  return (
    <div className="job-line" data-testid="upload">
      <span className="job-label">Reading {upload.name}</span>
      <span className="job-phase">uploading</span>
      <span className="job-stat">
        {formatBytes(upload.loaded)} of {formatBytes(upload.total)}
      </span>
      <span className="job-stat" />
      <span className="job-stat" />
      <ProgressBar fraction={fraction} label={`Reading ${upload.name}`} />
      <span className="job-pct">{fraction === null ? '' : `${Math.floor(fraction * 100)}%`}</span>
    </div>
  );
}

function JobLine({ job }: { job: JobView }) {
  const p = job.progress;
  const fraction = p && p.total ? p.done / p.total : null;
  // An audit counts the records of the lists it reads (the bought list, the house file, earlier purchases…).
  const unit = job.kind === 'audit' ? 'records' : 'rows';
  const label = job.label || JOB_NOUNS[job.kind];
  return (
    <div className="job-line" data-testid="job" data-job-id={job.jobId} data-kind={job.kind}>
      <span className="job-label" title={`${JOB_NOUNS[job.kind]}: ${label}`}>
        {label}
      </span>
      <span className="job-phase" data-testid="job-phase">
        {job.cancelling ? 'cancelling…' : (p?.phase ?? 'starting…')}
      </span>
      <span className="job-stat" data-testid="job-rows">
        {formatCount(p?.rows ?? 0)} {unit}
      </span>
      <span className="job-stat" data-testid="job-rate">
        {p ? formatRate(p.rate) : '—'}
      </span>
      <span className="job-stat" data-testid="job-eta">
        {p?.etaMs != null ? `${formatDuration(p.etaMs)} left` : ''}
      </span>
      <ProgressBar fraction={fraction} label={label} />
      <span className="job-pct">{fraction === null ? '' : `${Math.floor(fraction * 100)}%`}</span>
      <button type="button" className="button button-small" data-testid="job-cancel" disabled={job.cancelling} onClick={() => void cancelJob(job.jobId)}>
        Cancel
      </button>
    </div>
  );
}
