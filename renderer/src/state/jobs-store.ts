// Running jobs and their progress, an upload in flight, what happens when a job ends (refresh, select, download, tell) and the last import's report.
import { create } from 'zustand';
import type { AuditResult, CleanResult, CrmLayout, ExportResult, ImportResult, JobFinished, JobKind, JobProgress, JobRecord, ListInfo, MailingRunResult, MergePurgeResult, MethodInput, PostalImportResult, ScoreRunResult, TargetRecipe } from '../../../src/api/contract';
import { api } from '../api/create-client';
import type { PickedFile, SaveTarget } from '../api/client-types';
import { formatCount, formatDuration, plural } from '../format';
import { refreshProject } from './app-store';
import { auditFinished } from './audit-store';
import { runFinished, type LevelChoice } from './duplicates-store';
import { mailingExported, mailingRunFinished } from './mailing-store';
import { rowsChanged } from './review-store';
import { scoreRunFinished } from './scoring-store';
import { pushToast, reportError } from './toast-store';

export interface JobView {
  jobId: string;
  kind: JobKind;
  label: string;
  projectId: string;
  /** The file being read or written, for the report. */
  fileName: string;
  progress: JobProgress | null;
  cancelling: boolean;
}

export interface UploadView {
  name: string;
  loaded: number;
  total: number;
}

/** The report of a finished import, shown until dismissed (or replaced by the next one). */
export interface ImportReportView {
  jobId: string;
  projectId: string;
  fileName: string;
  result: ImportResult;
}

interface JobsState {
  jobs: JobView[];
  upload: UploadView | null;
  report: ImportReportView | null;
}

/** What each kind of job is called, in the job bar and in the message when it ends. */
export const JOB_NOUNS: Record<JobKind, string> = {
  import: 'Import',
  export: 'Export',
  clean: 'Cleaning',
  dedupe: 'Finding duplicates',
  mailing: 'Building the mailing set',
  score: 'Scoring leads',
  audit: 'List audit',
  postal: 'Reading postal results',
};

export const useJobsStore = create<JobsState>()(() => ({ jobs: [], upload: null, report: null }));

export function dismissReport(): void {
  useJobsStore.setState({ report: null });
}

// Events can overtake the answer to import.start (they travel on another channel): keep them until the job is known.
const early = new Map<string, { progress?: JobProgress; finished?: JobFinished }>();
const finished = new Set<string>();
const EARLY_LIMIT = 50;

function remember(jobId: string, patch: { progress?: JobProgress; finished?: JobFinished }): void {
  early.set(jobId, { ...early.get(jobId), ...patch });
  while (early.size > EARLY_LIMIT) early.delete(early.keys().next().value as string);
}

const findJob = (jobId: string) => useJobsStore.getState().jobs.find((j) => j.jobId === jobId);

export function handleProgress(p: JobProgress): void {
  if (finished.has(p.jobId)) return;
  if (!findJob(p.jobId)) {
    remember(p.jobId, { progress: p });
    return;
  }
  useJobsStore.setState((s) => ({ jobs: s.jobs.map((j) => (j.jobId === p.jobId ? { ...j, progress: p } : j)) }));
}

export function handleFinished(f: JobFinished): void {
  if (finished.has(f.jobId)) return;
  const job = findJob(f.jobId);
  if (!job) {
    remember(f.jobId, { finished: f });
    // A score the engine started on its own (after an import, once leads were scored): nobody tracks it, so announce it
    // here — unless this window started it and is about to track it.
    if (f.kind === 'score' && f.status === 'done' && f.result) {
      setTimeout(() => {
        if (findJob(f.jobId) || finished.has(f.jobId)) return;
        finished.add(f.jobId);
        void refreshProject(f.projectId).then(() => scoreRunFinished(f.projectId, f.result as ScoreRunResult));
      }, 500);
    }
    return;
  }
  finished.add(f.jobId);
  useJobsStore.setState((s) => ({ jobs: s.jobs.filter((j) => j.jobId !== f.jobId) }));
  void afterJob(job, f);
}

async function afterJob(job: JobView, f: JobFinished): Promise<void> {
  const noun = JOB_NOUNS[job.kind];
  if (f.status === 'cancelled') {
    pushToast({ tone: 'info', title: `${noun} cancelled`, message: job.kind === 'export' ? 'No file was written.' : 'The project is unchanged.' });
    return;
  }
  if (f.status !== 'done' || !f.result) {
    pushToast({ tone: 'error', title: `${noun} failed`, message: f.error?.message ?? 'The job stopped before it finished.' });
    return;
  }
  if (job.kind === 'import') {
    const r = f.result as ImportResult;
    useJobsStore.setState({ report: { jobId: job.jobId, projectId: f.projectId, fileName: job.fileName, result: r } });
    await refreshProject(f.projectId, r.listId);
  } else if (job.kind === 'clean') {
    const r = f.result as CleanResult;
    const rows = r.lists.reduce((n, l) => n + l.rows, 0);
    const withIssues = r.lists.reduce((n, l) => n + l.withIssues, 0);
    await refreshProject(f.projectId);
    rowsChanged();
    pushToast({
      tone: 'success',
      title: `Cleaned ${plural(rows, 'record')}`,
      message: `${plural(withIssues, 'record')} with issues to review; took ${formatDuration(r.seconds * 1000)}.`,
    });
  } else if (job.kind === 'dedupe') {
    const r = f.result as MergePurgeResult;
    // Lists not cleaned yet were cleaned first: their summaries and rows changed too.
    await refreshProject(f.projectId);
    rowsChanged();
    await runFinished(f.projectId);
    pushToast({
      tone: 'success',
      title: `${plural(r.rowsBefore - r.rowsAfter, 'duplicate')} found`,
      message: `${formatCount(r.rowsBefore)} rows → ${formatCount(r.rowsAfter)}; ${plural(r.reviewPairs, 'doubtful pair')} to review; took ${formatDuration(r.seconds * 1000)}.`,
    });
  } else if (job.kind === 'mailing') {
    const r = f.result as MailingRunResult;
    // Lists the run read were cleaned first when they were not yet.
    await refreshProject(f.projectId);
    await mailingRunFinished(f.projectId, r.runId);
    pushToast({
      tone: 'success',
      title: `Mailing set: ${plural(r.kept, 'record')}`,
      message: `${formatCount(r.input)} in “${r.fromListName}” → ${formatCount(r.kept)} kept after ${plural(r.steps.length - 1, 'step')}; took ${formatDuration(r.seconds * 1000)}.`,
    });
  } else if (job.kind === 'score') {
    const r = f.result as ScoreRunResult;
    // Prospect lists not cleaned yet were cleaned first.
    await refreshProject(f.projectId);
    pushToast({
      tone: 'success',
      title: `Scored ${plural(r.prospects, 'lead')}`,
      message: `${formatCount(r.salesReady)} sales-ready${r.newlySalesReady > 0 ? ` (${formatCount(r.newlySalesReady)} new)` : ''}; profile of ${plural(r.best, 'best customer')}; took ${formatDuration(r.seconds * 1000)}.`,
    });
    await scoreRunFinished(f.projectId, r);
  } else if (job.kind === 'audit') {
    const r = f.result as AuditResult;
    // Lists not cleaned yet were cleaned first.
    await refreshProject(f.projectId);
    auditFinished(f.projectId, job.jobId, r);
    const first = r.lists[0];
    if (first) {
      pushToast({
        tone: 'success',
        title: `Audit: ${plural(first.netNew, 'net-new mailable record')}`,
        message: `${formatCount(first.rows)} rows in “${first.listName}” → ${formatCount(first.netNew)} net-new${r.lists[1] ? `; “${r.lists[1].listName}”: ${formatCount(r.lists[1].netNew)}` : ''}; took ${formatDuration(r.seconds * 1000)}.`,
      });
    }
  } else if (job.kind === 'postal') {
    const r = f.result as PostalImportResult;
    // Verdicts changed: the list's counts, the grid's badges and every view of the list follow.
    await refreshProject(f.projectId);
    rowsChanged();
    pushToast({ tone: r.unmatched.count + r.noKey.count > 0 ? 'info' : 'success', title: `Postal results: ${plural(r.matched, 'record')} matched`, message: postalSummary(r) });
  } else {
    const r = f.result as ExportResult;
    const next = followUps.get(job.jobId);
    if (next) {
      // The file is written again by the export that follows (the mailing set had to be recorded in the ledger first).
      followUps.delete(job.jobId);
      mailingExports.delete(job.jobId);
      await next();
      return;
    }
    const split = r.files?.some((x) => x.key !== null) ?? false;
    try {
      // Split files are written beside the chosen name (the Electron save dialog's folder; the browser host's workspace).
      if (!split) await api().deliverFile({ fileId: r.file.fileId, name: r.fileName });
      const files = split && r.files ? ` as ${plural(r.files.length, 'file')} beside it: ${r.files.map((x) => x.fileName).join(', ')}` : '';
      const left = (r.onePerDropped ?? 0) + (r.limitDropped ?? 0);
      const kept = left > 0 ? ` ${plural(left, 'record')} left out (${[r.onePerDropped ? `${formatCount(r.onePerDropped)} same ${r.matching?.level ?? 'household'}` : '', r.limitDropped ? `${formatCount(r.limitDropped)} over the cap` : ''].filter(Boolean).join(', ')}).` : '';
      const ledger = r.mailing ? ` ${r.mailing.isNew ? 'Recorded in the ledger' : 'Filed under'} as “${r.mailing.name}”.` : '';
      pushToast({ tone: 'success', title: `Exported ${plural(r.rowsWritten, 'row')}`, message: `To ${r.fileName}${files} in ${formatDuration(r.seconds * 1000)}.${kept}${ledger}` });
    } catch (err) {
      reportError(`Could not hand over ${r.fileName}`, err);
    }
    if (mailingExports.delete(job.jobId) || r.mailing?.isNew) await mailingExported(f.projectId);
    // One piece per household/company found the duplicates first: the Duplicates view has a new run.
    if (r.matching?.ranNow) await runFinished(f.projectId);
  }
}

function fromRecord(rec: JobRecord, projectId: string): JobFinished {
  return {
    jobId: rec.jobId,
    kind: rec.kind,
    projectId,
    status: rec.status === 'running' || rec.status === 'interrupted' ? 'failed' : rec.status,
    result: rec.result,
    error: rec.error ?? (rec.status === 'interrupted' ? { code: 'INTERNAL', message: 'The job was interrupted.' } : null),
  };
}

function track(jobId: string, kind: JobKind, label: string, projectId: string, fileName: string): void {
  useJobsStore.setState((s) => ({ jobs: [...s.jobs, { jobId, kind, label, projectId, fileName, progress: null, cancelling: false }] }));
  const seen = early.get(jobId);
  early.delete(jobId);
  if (seen?.progress) handleProgress(seen.progress);
  if (seen?.finished) {
    handleFinished(seen.finished);
    return;
  }
  // If the event channel drops while the job runs, jobs.wait still tells us how it ended.
  api()
    .invoke('jobs.wait', { jobId })
    .then(
      (rec) => {
        if (rec.status !== 'running') handleFinished(fromRecord(rec, projectId));
      },
      () => {},
    );
}

export function setUpload(upload: UploadView | null): void {
  useJobsStore.setState({ upload });
}

export type ImportRequest = Omit<MethodInput<'import.start'>, 'file'> & { file: PickedFile };

/** Starts an import; throws (for the import wizard to show, e.g. ALREADY_IMPORTED) when the engine refuses it. */
export async function startImport(opts: ImportRequest): Promise<void> {
  const { file, ...rest } = opts;
  const { jobId } = await api().invoke('import.start', { ...rest, file: { fileId: file.fileId } });
  track(jobId, 'import', `Importing ${file.name}`, opts.projectId, file.name);
}

export type ExportFields = 'original' | 'canonical' | 'all';

export async function startExport(opts: { projectId: string; list: ListInfo; target: SaveTarget; what?: 'rows' | 'problems'; fields?: ExportFields }): Promise<void> {
  const what = opts.what ?? 'rows';
  try {
    const input: MethodInput<'export.start'> = { projectId: opts.projectId, listId: opts.list.id, file: { fileId: opts.target.fileId }, what };
    if (what === 'rows' && opts.fields) input.fields = opts.fields;
    const { jobId } = await api().invoke('export.start', input);
    const label =
      what === 'problems'
        ? `Exporting the problems of “${opts.list.name}” to ${opts.target.name}`
        : opts.fields === 'canonical' || opts.fields === 'all'
          ? `Exporting cleaned “${opts.list.name}” to ${opts.target.name}`
          : `Exporting “${opts.list.name}” to ${opts.target.name}`;
    track(jobId, 'export', label, opts.projectId, opts.target.name);
  } catch (err) {
    reportError(`Could not export “${opts.list.name}”`, err);
  }
}

/** Cleans one list (standardizes and checks every record); the grid shows the findings when it is done. */
export async function startClean(opts: { projectId: string; list: ListInfo }): Promise<void> {
  try {
    const { jobId } = await api().invoke('clean.start', { projectId: opts.projectId, listId: opts.list.id });
    track(jobId, 'clean', `Cleaning “${opts.list.name}”`, opts.projectId, opts.list.name);
  } catch (err) {
    reportError(`Could not clean “${opts.list.name}”`, err);
  }
}

/** Finds duplicates within and across the project's lists (the engine picks the lists' priority, and the level unless given). */
export async function startDedupe(opts: { projectId: string; level: LevelChoice }): Promise<void> {
  try {
    const { jobId } = await api().invoke('dedupe.start', opts.level === 'auto' ? { projectId: opts.projectId } : { projectId: opts.projectId, level: opts.level });
    track(jobId, 'dedupe', opts.level === 'auto' ? 'Finding duplicates' : `Finding duplicates (${opts.level})`, opts.projectId, '');
  } catch (err) {
    reportError('Could not find duplicates', err);
  }
}

/** Runs a targeting waterfall; the Mailing view shows its waterfall and map when it is done. */
export async function startMailing(opts: { projectId: string; recipe: TargetRecipe; fromListName: string; name?: string }): Promise<void> {
  try {
    const { jobId } = await api().invoke('mailing.run', { projectId: opts.projectId, recipe: opts.recipe, ...(opts.name ? { name: opts.name } : {}) });
    track(jobId, 'mailing', `Building the mailing set from “${opts.fromListName}”${opts.name ? ` (${opts.name})` : ''}`, opts.projectId, '');
  } catch (err) {
    reportError('Could not build the mailing set', err);
  }
}

// Exports of a mailing set: when they finish, the ledger that recorded them is read again.
const mailingExports = new Set<string>();
// An export that a finished job hands on to (instead of handing its file over): recording a run, then writing it as chosen.
const followUps = new Map<string, () => Promise<void>>();

/** The export.set options (everything but what is exported and where). */
export type ExportSetOptions = Omit<MethodInput<'export.set'>, 'projectId' | 'listId' | 'mailing' | 'file'>;

/**
 * Writes a run's mailing set and records it in the mailing ledger. With `then`, the recorded mailing is written again
 * to the same file by export.set with those options (mail-merge fields, .xlsx, ZIP order…, which mailing.export does not do).
 */
export async function startMailingExport(opts: Omit<MethodInput<'mailing.export'>, 'file'> & { target: SaveTarget; then?: ExportSetOptions }): Promise<void> {
  const { target, then, ...rest } = opts;
  try {
    const { jobId } = await api().invoke('mailing.export', { ...rest, file: { fileId: target.fileId } });
    mailingExports.add(jobId);
    if (then) {
      followUps.set(jobId, async () => {
        try {
          const { mailings } = await api().invoke('mailing.ledger', { projectId: opts.projectId });
          const recorded = mailings.filter((m) => m.runId === (opts.runId ?? null) || (opts.runId === undefined && m.name === opts.name)).sort((a, b) => b.mailingId - a.mailingId)[0];
          if (!recorded) throw new Error(`The mailing “${opts.name}” is not in the ledger.`);
          await mailingExported(opts.projectId);
          await startExportSet({ projectId: opts.projectId, mailing: { id: recorded.mailingId, name: recorded.name }, target, options: then });
        } catch (err) {
          reportError(`Could not export the mailing “${opts.name}”`, err);
        }
      });
    }
    track(jobId, 'export', `Exporting the mailing “${opts.name}” to ${target.name}`, opts.projectId, target.name);
  } catch (err) {
    reportError(`Could not export the mailing “${opts.name}”`, err);
  }
}

/** Exports a list, or a mailing of the ledger, with the export dialog's choices (export.set). */
export async function startExportSet(opts: { projectId: string; list?: ListInfo; mailing?: { id: number; name: string }; target: SaveTarget; options: ExportSetOptions }): Promise<void> {
  const what = opts.mailing ? `the mailing “${opts.mailing.name}”` : `“${opts.list?.name ?? ''}”`;
  try {
    const source = opts.mailing ? { mailing: String(opts.mailing.id) } : { listId: opts.list!.id };
    const { jobId } = await api().invoke('export.set', { projectId: opts.projectId, ...source, file: { fileId: opts.target.fileId }, ...opts.options });
    if (opts.mailing) mailingExports.add(jobId);
    track(jobId, 'export', `Exporting ${what} to ${opts.target.name}`, opts.projectId, opts.target.name);
  } catch (err) {
    reportError(`Could not export ${what}`, err);
  }
}

/** Audits a bought list (and a second one beside it); the List audit view shows the result when it is done. */
export async function startAudit(opts: MethodInput<'audit.run'> & { listName: string; compareName?: string }): Promise<void> {
  const { listName, compareName, ...input } = opts;
  try {
    const { jobId } = await api().invoke('audit.run', input);
    track(jobId, 'audit', `Auditing “${listName}”${compareName ? ` beside “${compareName}”` : ''}`, opts.projectId, '');
  } catch (err) {
    reportError(`Could not audit “${listName}”`, err);
  }
}

/** Reads back a licensed CASS/DPV/NCOA service's results for a list (sent with the "For a CASS/NCOA service" export). */
export async function startPostalImport(opts: { projectId: string; list: ListInfo; file: PickedFile }): Promise<void> {
  try {
    const { jobId } = await api().invoke('postal.import', { projectId: opts.projectId, listId: opts.list.id, file: { fileId: opts.file.fileId } });
    track(jobId, 'postal', `Reading postal results ${opts.file.name} into “${opts.list.name}”`, opts.projectId, opts.file.name);
  } catch (err) {
    reportError(`Could not read the postal results ${opts.file.name}`, err);
  }
}

/** What a postal results file did, in one paragraph: verdicts first, then the rows it could not use and where they are. */
export function postalSummary(r: PostalImportResult): string {
  const parts = [
    `${formatCount(r.dpv.confirmed)} DPV confirmed, ${formatCount(r.dpv.notConfirmed)} not`,
    `${formatCount(r.vacant)} vacant`,
    `${formatCount(r.moved.total)} moved`,
    `${formatCount(r.nowNotMailable)} now not mailable${r.nowMailable > 0 ? `, ${formatCount(r.nowMailable)} mailable again` : ''}.`,
  ];
  const lines = (x: { count: number; lines: number[] }) => (x.lines.length > 0 ? ` (line${x.lines.length > 1 ? 's' : ''} ${x.lines.slice(0, 5).join(', ')}${x.count > 5 ? '…' : ''})` : '');
  const skipped = [
    r.unmatched.count > 0 ? `${plural(r.unmatched.count, 'row')} with a key of no record of this list${lines(r.unmatched)}` : '',
    r.noKey.count > 0 ? `${plural(r.noKey.count, 'row')} without a key${lines(r.noKey)}` : '',
    r.duplicates.count > 0 ? `${plural(r.duplicates.count, 'repeated key')}${lines(r.duplicates)}` : '',
  ].filter(Boolean);
  return `${parts.join('; ')}${skipped.length > 0 ? ` Not used: ${skipped.join('; ')}.` : ''}`;
}

/** Scores every prospect against the best-customer profile; the Scoring view reads the grades and leads when it is done. */
export async function startScore(opts: { projectId: string }): Promise<void> {
  try {
    const { jobId } = await api().invoke('score.run', { projectId: opts.projectId });
    track(jobId, 'score', 'Scoring leads', opts.projectId, '');
  } catch (err) {
    reportError('Could not score the leads', err);
  }
}

/** Writes the sales-ready leads with CRM column names, for sales to import. */
export async function startHandoffExport(opts: { projectId: string; target: SaveTarget; crm: CrmLayout }): Promise<void> {
  try {
    const { jobId } = await api().invoke('score.exportHandoff', { projectId: opts.projectId, file: { fileId: opts.target.fileId }, crm: opts.crm });
    track(jobId, 'export', `Exporting the sales-ready hand-off to ${opts.target.name}`, opts.projectId, opts.target.name);
  } catch (err) {
    reportError('Could not export the hand-off file', err);
  }
}

export async function cancelJob(jobId: string): Promise<void> {
  useJobsStore.setState((s) => ({ jobs: s.jobs.map((j) => (j.jobId === jobId ? { ...j, cancelling: true } : j)) }));
  try {
    await api().invoke('jobs.cancel', { jobId });
  } catch (err) {
    useJobsStore.setState((s) => ({ jobs: s.jobs.map((j) => (j.jobId === jobId ? { ...j, cancelling: false } : j)) }));
    reportError('Could not cancel the job', err);
  }
}

/** For tests: forget everything. */
export function resetJobs(): void {
  early.clear();
  finished.clear();
  mailingExports.clear();
  followUps.clear();
  useJobsStore.setState({ jobs: [], upload: null, report: null });
}
