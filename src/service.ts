// createService: the engine behind the contract. Every host (worker for Electron, browser host, CLI, tests) serves this object.
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import {
  parseInput,
  WinnowError,
  type EventName,
  type EventPayloads,
  type ExportResult,
  type FilePreview,
  type FileRef,
  type HostKind,
  type ImportResult,
  type JobKind,
  type JobRecord,
  type MethodName,
  type MethodParsedInput,
  type MethodResult,
  type ProjectInfo,
  type RecentProject,
  type WinnowApi,
  type WinnowErrorData,
  type MethodInput,
  type CleanResult,
  type MergePurgeResult,
  type MailingRunResult,
  type ScoreRunResult,
  type ListInfo,
  type AuditResult,
  type PostalImportResult,
} from './api/contract';
import type { CleanTables } from './domain/clean-record';
import { cleanLists, issueKinds } from './jobs/clean-list';
import { dedupeLists, defaultLevel, defaultPriority } from './jobs/dedupe-lists';
import { exportClusters } from './jobs/export-clusters';
import { latestRun } from './store/matches';
import { clusterReview, decide, decisions, pairReview, pick, reviewQueue, runFor, runsInfo, undo, type ReviewContext } from './records/match-review';
import { loadEmailLists, loadNicknameTable, loadUsMap, loadZipTable } from './jobs/reference-data';
import { listCleanStats } from './store/clean';
import { facetCounts, GridCache, viewRows } from './records/grid-view';
import { editCell, editCells, editsState, gridWindow, historyOf, recordDetail, stepHistory } from './records/record-views';
import { openProjectDb, openReadConnection, quickCheck, type Db } from './store/db';
import { acquireProjectLock, type ProjectLock } from './store/project-lock';
import { diskFullError, isCorruptionError, isDiskFullError, damaged } from './store/project-file';
import { recoverProject } from './store/recover';
import { SCHEMA_VERSION } from './store/migrations';
import { allLists, getList, setListDetails } from './store/lists';
import { listProblems, problemCount } from './store/problems';
import { finishJob, getJob, insertJob, jobHistory, markInterruptedJobs } from './store/jobs';
import { checkNoSharedField } from './domain/mapping';
import { earlierImports, importList, mappingFor, readSetup } from './jobs/import-list';
import { allPresets, deletePreset } from './store/presets';
import { exportDelimited } from './jobs/export-delimited';
import { buildMailing } from './jobs/build-mailing';
import { scoreFile, trainFile } from './jobs/train-model';
import { buildProfile, exportHandoff, scoreLeads } from './jobs/score-leads';
import { leadRows } from './records/score-views';
import { lastScoredAt, saveScoreSettings, scoreSettings } from './store/scoring';
import { exportMailing } from './jobs/export-mailing';
import { currentMatchRun, entitiesOf, exportSet } from './jobs/export-set';
import { ExportFieldError, resolveExportFields, type ExportField } from './domain/export/export-fields';
import { resolveCenter } from './domain/target/geography';
import { bestCustomerAreas, geoSummary, removedRecords, targetRunFor, zipReference } from './records/target-views';
import { allRecipes, deleteRecipe, findMailing, getTargetRun, insertMailing, insertMailingExport, latestTargetRun, mailingRecipientIds, mailings, saveRecipe, targetRuns } from './store/targeting';
import { throttledProgress, type ProgressSink } from './jobs/progress';
import { auditLists, writeAuditHtml } from './jobs/list-audit';
import { isGeoStep, type GeoStep } from './domain/audit/audit';
import { renderAuditHtml } from './domain/audit/report-html';
import { auditCosts, saveAuditCosts } from './store/audit';
import { postalImport, recordPostal } from './jobs/postal-import';
import { currentCellsOf } from './jobs/postal-verdicts';
import { postalFor } from './store/postal';
import { recordId } from './store/records';

export const APP_NAME = 'Winnow';
export const APP_VERSION = '0.1.0';
export const PROJECT_EXTENSION = '.winnow';

export interface ServiceOptions {
  host: HostKind;
  /** Where the service keeps its own small state (recent projects). Omit for none (CLI, tests). */
  dataDir?: string;
  /** Where the sample project is created. */
  workspaceDir?: string;
  /** The app's resources/ folder (sample lists, reference data). */
  resourcesDir: string;
  /** The bundled parse-worker.js, so imports parse on a second core; omit to parse on the engine's thread. */
  parserWorkerFile?: string;
  /** The bundled clean-worker.js, so cleaning runs on every core; omit to clean on the engine's thread. */
  cleanWorkerFile?: string;
  /** The bundled match-worker.js (merge/purge compares pairs on worker threads when given). */
  matchWorkerFile?: string;
}

interface FileEntry {
  path: string;
  mode: 'read' | 'write';
  name: string;
}

interface OpenProject {
  id: string;
  path: string;
  db: Db;
  readDb: Db;
  /** `P.winnow.lock`: this process has the project open (a second Winnow gets PROJECT_LOCKED). */
  lock: ProjectLock;
  /** The one write job running on this project, if any: jobs that write are serialized per project. */
  writer: string | null;
  /** Grid views (filtered, searched, sorted: row numbers in order) and facet values, worked out once; cleared by jobs that change records. */
  views: GridCache;
}

interface RunningJob {
  projectId: string;
  kind: JobKind;
  abort: AbortController;
  done: Promise<void>;
}

export interface WinnowService extends WinnowApi {
  /** Host-only: hands the engine a file the user chose (dialog, upload, CLI argument). Never exposed to the renderer. */
  registerFile(filePath: string, mode: 'read' | 'write'): FileRef & { name: string };
  /** Host-only: the path behind a file reference (for the browser host's download). */
  filePath(ref: FileRef): string;
  /** Calls a method with input that has not been validated yet (from a wire); returns the wire outcome. */
  dispatch(method: string, input: unknown): Promise<unknown>;
  close(): Promise<void>;
}

type Handlers = { [M in MethodName]: (input: MethodParsedInput<M>) => Promise<MethodResult<M>> | MethodResult<M> };

export function createService(opts: ServiceOptions): WinnowService {
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const files = new Map<string, FileEntry>();
  const projects = new Map<string, OpenProject>();
  const jobs = new Map<string, RunningJob>();

  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => events.emit(event, payload);

  function registerFile(filePath: string, mode: 'read' | 'write'): FileRef & { name: string } {
    const fileId = crypto.randomUUID();
    const entry: FileEntry = { path: path.resolve(filePath), mode, name: path.basename(filePath) };
    files.set(fileId, entry);
    return { fileId, name: entry.name };
  }

  function fileEntry(ref: FileRef, mode: 'read' | 'write'): FileEntry {
    const f = files.get(ref.fileId);
    if (!f) throw new WinnowError('NOT_FOUND', 'That file is no longer available; choose it again.', { fileId: ref.fileId });
    if (mode === 'write' && f.mode !== 'write') throw new WinnowError('INVALID_INPUT', `${f.name} was chosen for reading, not for writing.`);
    return f;
  }

  function project(projectId: string): OpenProject {
    const p = projects.get(projectId);
    if (!p) throw new WinnowError('PROJECT_NOT_OPEN', 'That project is not open (it may have been closed); open it again.', { projectId });
    return p;
  }

  /** A project no job is writing to: edits wait for an import or a clean to finish. */
  function writable(projectId: string): OpenProject {
    const p = project(projectId);
    if (p.writer) throw new WinnowError('BUSY', 'Another job is changing this project; wait for it to finish or cancel it first.', { jobId: p.writer });
    return p;
  }

  function listOf(p: OpenProject, listId: number): ListInfo {
    const list = getList(p.readDb, listId);
    if (!list) throw new WinnowError('NOT_FOUND', `There is no list ${listId} in this project.`, { listId });
    return list;
  }

  /** The reference tables for cleaning on this thread, loaded on first use. */
  const reviewContext = (db: Db): ReviewContext => {
    const email = loadEmailLists(opts.resourcesDir);
    return { lists: new Map(allLists(db).map((l) => [l.id, l])), nicknames: loadNicknameTable(opts.resourcesDir), freeMail: (d) => email.freeMail.has(d) };
  };
  const cleanTables = (): CleanTables => ({ zips: loadZipTable(opts.resourcesDir), email: loadEmailLists(opts.resourcesDir), defaultCountry: 'US' });
  const matchContext = () => {
    const email = loadEmailLists(opts.resourcesDir);
    return { nicknames: loadNicknameTable(opts.resourcesDir), freeMail: (d: string) => email.freeMail.has(d) };
  };
  let zipReferenceCache: ReturnType<typeof zipReference> | null = null;
  /** Cleans the lists never cleaned (a job's first phase when it reads cleaned records). */
  const cleanFirst = async (p: OpenProject, lists: readonly ListInfo[], signal: AbortSignal, progress: ProgressSink) => {
    const uncleaned = lists.filter((l) => !l.clean);
    if (uncleaned.length > 0) await cleanLists(p.db, { lists: uncleaned, signal, progress, tables: cleanTables, cleanWorkerFile: opts.cleanWorkerFile, resourcesDir: opts.resourcesDir });
  };

  function projectInfo(p: OpenProject): ProjectInfo {
    return {
      projectId: p.id,
      name: path.basename(p.path, PROJECT_EXTENSION),
      location: p.path,
      schemaVersion: SCHEMA_VERSION,
      lists: allLists(p.readDb),
    };
  }

  function openProject(filePath: string, create: boolean): ProjectInfo {
    const resolved = path.resolve(filePath);
    for (const p of projects.values()) if (p.path === resolved) return projectInfo(p);
    if (create && fs.existsSync(resolved)) {
      throw new WinnowError('INVALID_INPUT', `${path.basename(resolved)} already exists; open it instead, or choose another name.`, { path: resolved });
    }
    // The lock first: a second Winnow never reads or migrates a file another one is writing. A lock left by a dead
    // process means the last session ended uncleanly, so the file gets the full quick_check whatever its size.
    const lock = acquireProjectLock(resolved, APP_NAME);
    let db: Db;
    let readDb: Db;
    try {
      db = openProjectDb(resolved, { create, check: lock.tookOverStale ? 'full' : 'auto' });
      try {
        markInterruptedJobs(db);
        readDb = openReadConnection(resolved);
      } catch (err) {
        db.close();
        throw err;
      }
    } catch (err) {
      lock.release();
      throw toWinnowError(err, resolved);
    }
    const p: OpenProject = { id: crypto.randomUUID(), path: resolved, db, readDb, lock, writer: null, views: new GridCache() };
    projects.set(p.id, p);
    rememberRecent(resolved);
    return projectInfo(p);
  }

  // Recent projects: a small JSON file in the host's data folder.
  const recentFile = opts.dataDir ? path.join(opts.dataDir, 'recent-projects.json') : null;
  function readRecent(): { path: string; openedAt: string }[] {
    if (!recentFile || !fs.existsSync(recentFile)) return [];
    try {
      const parsed = JSON.parse(fs.readFileSync(recentFile, 'utf8')) as unknown;
      return Array.isArray(parsed) ? (parsed as { path: string; openedAt: string }[]).filter((r) => typeof r?.path === 'string') : [];
    } catch {
      return [];
    }
  }
  function rememberRecent(filePath: string): void {
    if (!recentFile || !opts.dataDir) return;
    const items = [{ path: filePath, openedAt: new Date().toISOString() }, ...readRecent().filter((r) => r.path !== filePath)].slice(0, 12);
    fs.mkdirSync(opts.dataDir, { recursive: true });
    fs.writeFileSync(recentFile, JSON.stringify(items, null, 2));
  }
  /** The project file behind a recent-list entry. */
  function recentPath(id: string): string {
    const hit = recentAndWorkspace().find((r) => recentId(r.path) === id);
    if (!hit) throw new WinnowError('NOT_FOUND', 'That project is no longer in the recent list.');
    return hit.path;
  }

  /** Recent projects, then project files sitting in the workspace folder that were never opened here (newest first). */
  function recentAndWorkspace(): { path: string; openedAt: string }[] {
    const recent = readRecent();
    if (!opts.workspaceDir || !fs.existsSync(opts.workspaceDir)) return recent;
    const known = new Set(recent.map((r) => r.path));
    const found = fs
      .readdirSync(opts.workspaceDir)
      .filter((f) => f.toLowerCase().endsWith(PROJECT_EXTENSION))
      .map((f) => path.join(opts.workspaceDir!, f))
      .filter((p) => !known.has(p))
      .map((p) => ({ path: p, openedAt: fs.statSync(p).mtime.toISOString() }))
      .sort((a, b) => b.openedAt.localeCompare(a.openedAt));
    return [...recent, ...found];
  }
  const recentId = (p: string) => crypto.createHash('sha256').update(p).digest('hex').slice(0, 16);

  /** Runs a job in the background: recorded in the project's job log, progress throttled, cancel through AbortSignal. */
  function startJob<R extends ImportResult | ExportResult | CleanResult | MergePurgeResult | MailingRunResult | ScoreRunResult | AuditResult | PostalImportResult>(
    p: OpenProject,
    kind: JobKind,
    label: string,
    params: unknown,
    writes: boolean,
    work: (signal: AbortSignal, progress: ProgressSink) => Promise<R>,
  ): string {
    if (writes && p.writer) {
      throw new WinnowError('BUSY', 'Another job is changing this project; wait for it to finish or cancel it first.', { jobId: p.writer });
    }
    const jobId = crypto.randomUUID();
    insertJob(p.db, { id: jobId, kind, label, params });
    if (writes) p.writer = jobId;
    const abort = new AbortController();
    const { sink, flush } = throttledProgress(jobId, kind, p.id, (prog) => emit('job.progress', prog));
    const done = (async () => {
      // Let the caller receive the job id before the first progress event.
      await new Promise((r) => setImmediate(r));
      let status: 'done' | 'cancelled' | 'failed' = 'done';
      let result: R | null = null;
      let error: WinnowErrorData | null = null;
      try {
        result = await work(abort.signal, sink);
        flush();
      } catch (err) {
        const we = toWinnowError(err);
        status = we.code === 'JOB_CANCELLED' ? 'cancelled' : 'failed';
        error = we.toData();
      } finally {
        if (writes) p.writer = null;
        jobs.delete(jobId);
      }
      if (projects.get(p.id) === p) finishJob(p.db, jobId, status, result, error);
      emit('job.finished', { jobId, kind, projectId: p.id, status, result, error });
      if (status === 'done' && (kind === 'import' || kind === 'clean' || kind === 'dedupe' || kind === 'mailing' || kind === 'score' || kind === 'postal')) {
        // An import only adds a list (list ids are never reused: lists are not deleted), so the views of the others stay
        // good; dropping them made the grid rebuild its view just as the import finished.
        if (kind !== 'import') p.views.clear();
        emit('project.changed', { projectId: p.id });
      }
      // Once leads have been scored, a new list is scored at once, so sales hears of new sales-ready leads.
      if (status === 'done' && kind === 'import' && projects.get(p.id) === p && lastScoredAt(p.db) !== null && !p.writer) startScore(p, 'Score leads again (new list)');
    })();
    jobs.set(jobId, { projectId: p.id, kind, abort, done });
    return jobId;
  }

  /** export.set: a list or a ledger mailing to CSV/.xlsx, forming (and recording) a mailing set when asked to. */
  function startExportSet(p: OpenProject, i: MethodParsedInput<'export.set'>): { jobId: string } {
    const f = fileEntry(i.file, 'write');
    const found = i.mailing === undefined ? null : findMailing(p.readDb, i.mailing);
    if (i.mailing !== undefined && !found) {
      const known = mailings(p.readDb).map((m) => `"${m.name}"`).slice(0, 20).join(', ') || 'none';
      throw new WinnowError('NOT_FOUND', `There is no mailing "${i.mailing}" in the ledger (mailings: ${known}).`, { mailing: i.mailing });
    }
    const only = found ? new Set(mailingRecipientIds(p.readDb, found.mailingId)) : null;
    // A record id is list id × 2³² + row number; a mailing without recipients names its list only by name.
    const first = only && only.size > 0 ? only.values().next().value! : null;
    const listId = !found ? i.listId! : first !== null ? Math.floor(first / 2 ** 32) : (allLists(p.readDb).find((l) => l.name === found.fromListName)?.id ?? 0);
    const list = getList(p.readDb, listId);
    if (!list) throw new WinnowError('NOT_FOUND', found ? `The list mailing "${found.name}" was drawn from is no longer in this project.` : `There is no list ${listId} in this project.`, { listId });
    let fields: ExportField[];
    try {
      fields = resolveExportFields(i.fields, list);
    } catch (e) {
      if (e instanceof ExportFieldError) throw new WinnowError('INVALID_INPUT', e.message, { fields: i.fields });
      throw e;
    }
    const formsSet = !found && (i.onePer !== undefined || i.limit !== undefined);
    const writes = formsSet || found !== null || i.onePer !== undefined;
    const today = new Date().toISOString().slice(0, 10);
    const mailingName = found?.name ?? i.name ?? `${list.name} ${today}`;
    const options = { fields: i.fields, onePer: i.onePer ?? null, sort: i.sort ?? null, splitBy: i.splitBy ?? null, limit: i.limit ?? null, bom: i.bom, neutralize: i.neutralize };
    const label = `Export ${found ? `the mailing "${found.name}"` : list.name} to ${f.name}`;
    const jobId = startJob(p, 'export', label, { listId: list.id, mailing: found?.mailingId ?? null, file: f.name, ...options }, writes, async (signal, progress) => {
      let matching: ExportResult['matching'];
      let entities: Map<number, { cluster: number; survivor: boolean }> | null = null;
      if (i.onePer) {
        let runId = currentMatchRun(p.db, list, i.onePer);
        const ranNow = runId === null;
        if (runId === null) {
          await cleanFirst(p, [list], signal, progress);
          const fresh = listOf(p, list.id);
          const email = loadEmailLists(opts.resourcesDir);
          runId = (await dedupeLists(p.db, { lists: [fresh], level: i.onePer, signal, progress, nicknames: loadNicknameTable(opts.resourcesDir), freeMail: (d) => email.freeMail.has(d), matchWorkerFile: opts.matchWorkerFile })).runId;
        }
        entities = entitiesOf(p.db, runId, list.id);
        matching = { runId, level: i.onePer, ranNow };
      }
      const current = listOf(p, list.id);
      const recording = formsSet || found !== null;
      // A job that records nothing reads through the read connection, so it never waits on a writer.
      const r = await exportSet(writes ? p.db : p.readDb, {
        list: current,
        outPath: f.path,
        fields,
        bom: i.bom,
        neutralize: i.neutralize,
        only,
        entities,
        limit: i.limit ?? null,
        sort: i.sort ?? null,
        splitBy: i.splitBy ?? null,
        recipients: formsSet,
        tables: cleanTables,
        signal,
        progress,
        ...matchContext(),
      });
      let mailing: ExportResult['mailing'];
      if (recording) {
        // Files first, then the ledger, in one transaction: the ledger never names a set whose files were not written.
        p.db.exec('BEGIN IMMEDIATE');
        try {
          const mailingId = formsSet
            ? insertMailing(p.db, { name: mailingName, channel: i.channel, mailedAt: today, runId: null, fromListName: list.name, fileName: r.files.map((x) => x.fileName).join(', ') }, r.recipients)
            : found!.mailingId;
          for (const file of r.files) insertMailingExport(p.db, { mailingId, fileName: file.fileName, rows: file.rows, options });
          p.db.exec('COMMIT');
          mailing = { mailingId, name: mailingName, isNew: formsSet };
        } catch (e) {
          if (p.db.inTransaction) p.db.exec('ROLLBACK');
          throw e;
        }
      }
      return {
        rowsWritten: r.rowsWritten,
        seconds: r.seconds,
        file: { fileId: i.file.fileId },
        fileName: f.name,
        files: r.files.map((x) => ({ key: x.key, fileName: x.fileName, rows: x.rows })),
        considered: r.considered,
        onePerDropped: r.onePerDropped,
        limitDropped: r.limitDropped,
        ...(mailing ? { mailing } : {}),
        ...(matching ? { matching } : {}),
      };
    });
    return { jobId };
  }

  /** Scores every prospect (cleaning what is not cleaned yet) as a job. */
  function startScore(p: OpenProject, label: string): string {
    return startJob(p, 'score', label, {}, true, async (signal, progress) => {
      const lists = allLists(p.db).filter((l) => l.role !== 'suppression');
      await cleanFirst(p, lists, signal, progress);
      return scoreLeads(p.db, { lists: allLists(p.db), settings: scoreSettings(p.db), signal, progress, tables: cleanTables, ...matchContext() });
    });
  }

  async function runSample(): Promise<ProjectInfo> {
    const workspace = opts.workspaceDir ?? opts.dataDir;
    if (!workspace) throw new WinnowError('NOT_SUPPORTED', 'This host has no folder for the sample project.');
    const sampleDir = path.join(opts.resourcesDir, 'sample');
    const target = path.join(workspace, 'Samples', `Sample project${PROJECT_EXTENSION}`);
    const existing = [...projects.values()].find((p) => p.path === target);
    if (existing) return projectInfo(existing);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
    const info = openProject(target, true);
    const p = project(info.projectId);
    const lists: { file: string; name: string; role: 'customers' | 'prospects' }[] = [
      { file: 'house-file.csv', name: 'House file', role: 'customers' },
      { file: 'bought-list.csv', name: 'Bought list (Acme Data, March)', role: 'prospects' },
    ];
    for (const l of lists) {
      const jobId = startJob(p, 'import', `Import ${l.file}`, { file: l.file }, true, (signal, progress) =>
        importList(p.db, { filePath: path.join(sampleDir, l.file), displayName: l.file, listName: l.name, role: l.role, signal, progress, parserWorkerFile: opts.parserWorkerFile }),
      );
      await jobs.get(jobId)?.done;
      const rec = getJob(p.db, jobId);
      if (rec?.status !== 'done') {
        // Never leave a half-made sample open: close it, remove it, and say what went wrong.
        await handlers['project.close']({ projectId: p.id });
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
        throw new WinnowError('INTERNAL', `The sample project could not be made: ${rec?.error?.message ?? 'its import did not finish'}`);
      }
    }
    return projectInfo(p);
  }

  const handlers: Handlers = {
    'app.info': () => ({ name: APP_NAME, version: APP_VERSION, host: opts.host }),
    'app.notices': () => ({ text: fs.readFileSync(path.join(opts.resourcesDir, 'NOTICES.md'), 'utf8') }),
    'project.create': (i) => openProject(ensureExtension(fileEntry(i.file, 'write').path), true),
    'project.open': (i) => openProject(fileEntry(i.file, 'read').path, false),
    'project.openRecent': (i) => openProject(recentPath(i.recentId), false),
    'project.openSample': () => runSample(),
    'project.recent': () => ({
      items: recentAndWorkspace().map<RecentProject>((r) => ({
        recentId: recentId(r.path),
        name: path.basename(r.path, PROJECT_EXTENSION),
        location: r.path,
        openedAt: r.openedAt,
        exists: fs.existsSync(r.path),
      })),
    }),
    'project.info': (i) => projectInfo(project(i.projectId)),
    'project.close': async (i) => {
      const p = projects.get(i.projectId);
      if (!p) return { closed: false };
      await cancelProjectJobs(p.id);
      projects.delete(p.id);
      p.readDb.close();
      p.db.close();
      p.lock.release();
      return { closed: true };
    },
    'project.check': (i) => {
      const p = project(i.projectId);
      const t0 = performance.now();
      try {
        if (i.integrity) {
          const rows = (p.readDb.pragma('integrity_check(20)') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((x) => x !== 'ok');
          return { ok: rows.length === 0, problems: rows, seconds: (performance.now() - t0) / 1000 };
        }
        quickCheck(p.readDb, p.path);
        return { ok: true, problems: [], seconds: (performance.now() - t0) / 1000 };
      } catch (err) {
        const we = toWinnowError(err, p.path);
        if (we.code !== 'PROJECT_DAMAGED') throw we;
        const found = we.details?.problems;
        return { ok: false, problems: Array.isArray(found) ? (found as string[]) : [we.message], seconds: (performance.now() - t0) / 1000 };
      }
    },
    'project.recover': (i) => {
      const source = i.file ? fileEntry(i.file, 'read').path : recentPath(i.recentId!);
      const out = ensureExtension(fileEntry(i.out, 'write').path);
      if ([...projects.values()].some((p) => p.path === path.resolve(source))) {
        throw new WinnowError('BUSY', `${path.basename(source)} is open in this window; close it before recovering it.`, { path: source });
      }
      const result = recoverProject(source, out);
      const { fileId } = registerFile(out, 'read');
      return { ...result, file: { fileId } };
    },
    'lists.rows': async (i) => {
      const p = project(i.projectId);
      const list = listOf(p, i.listId);
      if (i.issue === undefined && i.view === undefined) return { listId: list.id, total: list.rowCount, rows: gridWindow(p.readDb, list, i.fromRow, i.count, null) };
      const { rows, state } = await viewRows(p.readDb, list, p.views, i.view, i.issue, { refresh: i.refresh, supersede: true });
      project(i.projectId);
      const total = rows === null ? list.rowCount : rows.length;
      const window = { listId: list.id, total, rows: gridWindow(p.readDb, list, i.fromRow, i.count, rows) };
      return i.view === undefined ? window : { ...window, view: state };
    },
    'lists.rowPosition': async (i) => {
      const p = project(i.projectId);
      const list = listOf(p, i.listId);
      const { rows } = await viewRows(p.readDb, list, p.views, i.view, undefined);
      if (rows === null) return { pos: i.rowNo <= list.rowCount ? i.rowNo : null, total: list.rowCount };
      const at = rows.indexOf(i.rowNo);
      return { pos: at < 0 ? null : at + 1, total: rows.length };
    },
    'lists.facets': async (i) => {
      const p = project(i.projectId);
      const t0 = performance.now();
      const result = await facetCounts(p.readDb, listOf(p, i.listId), p.views, i.view, i.facets);
      return { ...result, ms: Math.round((performance.now() - t0) * 10) / 10 };
    },
    'lists.issues': (i) => {
      const p = project(i.projectId);
      listOf(p, i.listId);
      const saved = listCleanStats(p.readDb, i.listId);
      // Notes (info) are in the record drawer; the filter offers what the grid marks: warnings and errors.
      return { cleaned: saved !== null, kinds: saved ? issueKinds(saved.stats).filter((k) => k.severity !== 'info') : [] };
    },
    'clean.start': (i) => {
      const p = project(i.projectId);
      const lists = i.listId === undefined ? allLists(p.readDb) : [listOf(p, i.listId)];
      if (lists.length === 0) throw new WinnowError('NOT_FOUND', 'This project has no lists to clean; import one first.');
      const label = lists.length === 1 ? `Clean ${lists[0]!.name}` : `Clean ${lists.length} lists`;
      const jobId = startJob(p, 'clean', label, { listIds: lists.map((l) => l.id) }, true, (signal, progress) =>
        cleanLists(p.db, { lists, signal, progress, tables: cleanTables, cleanWorkerFile: opts.cleanWorkerFile, resourcesDir: opts.resourcesDir }),
      );
      return { jobId };
    },
    'dedupe.start': (i) => {
      const p = project(i.projectId);
      const chosen = i.listIds === undefined ? defaultPriority(allLists(p.readDb)) : i.listIds.map((id) => listOf(p, id));
      if (chosen.length === 0) throw new WinnowError('NOT_FOUND', 'This project has no lists to deduplicate; import one first.');
      const label = `Merge/purge ${chosen.length === 1 ? chosen[0]!.name : `${chosen.length} lists`}${i.level ? ` (${i.level})` : ''}`;
      const jobId = startJob(p, 'dedupe', label, { listIds: chosen.map((l) => l.id), level: i.level ?? 'auto' }, true, async (signal, progress) => {
        const startedAt = performance.now();
        const uncleaned = chosen.filter((l) => !l.clean);
        if (uncleaned.length > 0) {
          await cleanLists(p.db, { lists: uncleaned, signal, progress, tables: cleanTables, cleanWorkerFile: opts.cleanWorkerFile, resourcesDir: opts.resourcesDir });
        }
        const lists = chosen.map((l) => getList(p.db, l.id)!);
        // The clean says how many "names" were not people (businesses, single words): a Name column of restaurants
        // is a list of sites.
        const level =
          i.level ??
          defaultLevel(lists, (l) => {
            const s = listCleanStats(p.db, l.id)?.stats;
            if (!s || s.rows === 0) return 0;
            const n = (code: string) => s.codes[code]?.[1] ?? 0;
            return Math.min(s.rows, Math.max(n('name.company_in_person_field'), n('company.taken_from_name')) + n('name.single_name')) / s.rows;
          });
        const email = loadEmailLists(opts.resourcesDir);
        return dedupeLists(p.db, {
          lists,
          level,
          signal,
          progress,
          nicknames: loadNicknameTable(opts.resourcesDir),
          freeMail: (d) => email.freeMail.has(d),
          matchWorkerFile: opts.matchWorkerFile,
          startedAt,
          ...(i.survivorship ? { survivorship: i.survivorship } : {}),
        });
      });
      return { jobId };
    },
    'dedupe.exportClusters': (i) => {
      const p = project(i.projectId);
      const run = runFor(p.readDb, i.runId);
      const f = fileEntry(i.file, 'write');
      const lists = new Map(allLists(p.readDb).map((l) => [l.id, l]));
      const jobId = startJob(p, 'export', `Export the clusters of run ${run.id} to ${f.name}`, { runId: run.id, file: f.name }, false, async (signal, progress) => {
        const r = await exportClusters(p.readDb, { runId: run.id, lists, outPath: f.path, signal, progress });
        return { ...r, file: { fileId: i.file.fileId }, fileName: f.name };
      });
      return { jobId };
    },
    'dedupe.runs': (i) => {
      const p = project(i.projectId);
      return { runs: runsInfo(p.readDb, reviewContext(p.readDb)) };
    },
    'review.queue': (i) => {
      const p = project(i.projectId);
      const run = runFor(p.readDb, i.runId);
      return { runId: run.id, ...reviewQueue(p.readDb, run, reviewContext(p.readDb), i.offset, i.limit) };
    },
    'review.pair': (i) => {
      const p = project(i.projectId);
      const run = runFor(p.readDb, i.runId);
      return pairReview(p.readDb, run, reviewContext(p.readDb), i.a, i.b);
    },
    'review.decide': (i) => {
      const p = writable(i.projectId);
      const run = runFor(p.db, i.runId);
      return decide(p.db, run, reviewContext(p.db), i.a, i.b, i.decision);
    },
    'review.undo': (i) => {
      const p = writable(i.projectId);
      return undo(p.db, i.seq, reviewContext(p.db), (level) => latestRun(p.db, level));
    },
    'review.cluster': (i) => {
      const p = project(i.projectId);
      const run = runFor(p.readDb, i.runId);
      return clusterReview(p.readDb, run, reviewContext(p.readDb), i.record);
    },
    'review.pick': (i) => {
      const p = writable(i.projectId);
      const run = runFor(p.db, i.runId);
      return pick(p.db, run, reviewContext(p.db), i.field, i.from);
    },
    'review.decisions': (i) => {
      const p = project(i.projectId);
      return { decisions: decisions(p.readDb, reviewContext(p.readDb), i.limit) };
    },
    'mailing.run': (i) => {
      const p = project(i.projectId);
      const from = listOf(p, i.recipe.fromListId);
      if (i.name) saveRecipe(writable(i.projectId).db, i.name, i.recipe);
      const label = `Build a mailing set from ${from.name}${i.name ? ` (${i.name})` : ''}`;
      const jobId = startJob(p, 'mailing', label, { recipe: i.recipe, name: i.name ?? null }, true, async (signal, progress) => {
        await cleanFirst(p, allLists(p.db), signal, progress);
        return buildMailing(p.db, { recipe: i.recipe, recipeName: i.name ?? null, lists: allLists(p.db), signal, progress, zips: loadZipTable(opts.resourcesDir), ...matchContext() });
      });
      return { jobId };
    },
    'mailing.runs': (i) => ({ runs: targetRuns(project(i.projectId).readDb, i.limit).map((r) => ({ ...r.result, recipe: r.recipe })) }),
    'mailing.removed': (i) => {
      const p = project(i.projectId);
      const run = targetRunFor(p.readDb, i.runId);
      return { runId: run.id, ...removedRecords(p.readDb, run, new Map(allLists(p.readDb).map((l) => [l.id, l])), i.step ?? null, i.offset, i.limit) };
    },
    'mailing.export': (i) => {
      const p = project(i.projectId);
      const run = targetRunFor(p.readDb, i.runId);
      const list = listOf(p, run.fromList);
      const f = fileEntry(i.file, 'write');
      const mailedAt = i.mailedAt ?? new Date().toISOString().slice(0, 10);
      const params = { runId: run.id, file: f.name, name: i.name, channel: i.channel, mailedAt, fields: i.fields };
      const jobId = startJob(p, 'export', `Export the mailing set "${i.name}" to ${f.name}`, params, true, async (signal, progress) => {
        const r = await exportMailing(p.db, { run, list, outPath: f.path, name: i.name, channel: i.channel, mailedAt, fields: i.fields, tables: cleanTables, signal, progress, ...matchContext() });
        return { rowsWritten: r.rowsWritten, seconds: r.seconds, file: { fileId: i.file.fileId }, fileName: f.name };
      });
      return { jobId };
    },
    'mailing.ledger': (i) => ({ mailings: mailings(project(i.projectId).readDb) }),
    'mailing.recipes': (i) => ({ recipes: allRecipes(project(i.projectId).readDb) }),
    'mailing.saveRecipe': (i) => {
      const p = writable(i.projectId);
      listOf(p, i.recipe.fromListId);
      return saveRecipe(p.db, i.name, i.recipe);
    },
    'mailing.deleteRecipe': (i) => ({ deleted: deleteRecipe(writable(i.projectId).db, i.name) }),
    'geo.summary': (i) => {
      const p = project(i.projectId);
      const run = i.runId === undefined ? (latestTargetRun(p.readDb) ?? null) : (getTargetRun(p.readDb, i.runId) ?? null);
      if (i.runId !== undefined && !run) throw new WinnowError('NOT_FOUND', `There is no mailing run ${i.runId} (only the newest runs are kept).`, { runId: i.runId });
      return { runId: run?.id ?? null, ...geoSummary(p.readDb, run, allLists(p.readDb), loadZipTable(opts.resourcesDir)) };
    },
    'geo.reference': () => (zipReferenceCache ??= zipReference(loadZipTable(opts.resourcesDir))),
    'geo.bestAreas': (i) => {
      const p = project(i.projectId);
      const lists = i.listIds ? i.listIds.map((id) => listOf(p, id)) : allLists(p.readDb).filter((l) => l.role === 'customers');
      return bestCustomerAreas(p.readDb, lists, i.by, i.percent, loadZipTable(opts.resourcesDir));
    },
    'geo.resolve': (i) => {
      try {
        const c = resolveCenter(i.center, loadZipTable(opts.resourcesDir));
        return { lat: c.lat, lon: c.lon, zip: c.zip, label: c.label };
      } catch (e) {
        throw new WinnowError('INVALID_INPUT', (e as Error).message, { center: i.center });
      }
    },
    'model.train': (i) => {
      const f = fileEntry(i.file, 'read');
      return trainFile({
        filePath: f.path,
        displayName: f.name,
        outcome: i.outcome,
        positive: i.positive,
        ignore: i.ignore,
        folds: i.folds,
        savePath: i.save ? fileEntry(i.save, 'write').path : undefined,
        options: i.options,
      });
    },
    'model.scoreFile': (i) => {
      const f = fileEntry(i.file, 'read');
      return scoreFile({ filePath: f.path, displayName: f.name, modelPath: fileEntry(i.model, 'read').path, outPath: fileEntry(i.out, 'write').path, options: i.options, signal: new AbortController().signal });
    },
    'score.settings': (i) => scoreSettings(project(i.projectId).readDb),
    'score.saveSettings': (i) => {
      const p = writable(i.projectId);
      const next = { ...scoreSettings(p.db), ...i.settings };
      saveScoreSettings(p.db, next);
      return next;
    },
    'score.profile': (i) => {
      const p = project(i.projectId);
      const email = loadEmailLists(opts.resourcesDir);
      return buildProfile(p.readDb, { lists: allLists(p.readDb), settings: scoreSettings(p.readDb), freeMail: (d) => email.freeMail.has(d), withProspects: true, tables: cleanTables }).profile;
    },
    'score.run': (i) => ({ jobId: startScore(project(i.projectId), 'Score leads') }),
    'score.leads': (i) => {
      const p = project(i.projectId);
      return leadRows(p.readDb, new Map(allLists(p.readDb).map((l) => [l.id, l])), { salesReadyOnly: i.salesReadyOnly, grade: i.grade }, i.offset, i.limit);
    },
    'score.exportHandoff': (i) => {
      const p = project(i.projectId);
      const f = fileEntry(i.file, 'write');
      const jobId = startJob(p, 'export', `Export the sales-ready leads to ${f.name}`, { file: f.name }, false, async (signal, progress) => {
        const r = await exportHandoff(p.readDb, { lists: new Map(allLists(p.readDb).map((l) => [l.id, l])), outPath: f.path, crm: i.crm, signal, progress });
        return { ...r, file: { fileId: i.file.fileId }, fileName: f.name };
      });
      return { jobId };
    },
    'records.get': (i) => {
      const p = project(i.projectId);
      const list = listOf(p, i.listId);
      const detail = recordDetail(p.readDb, list, i.rowNo);
      const id = recordId(list.id, i.rowNo);
      const postal = postalFor(p.readDb, id);
      return { ...detail, postal: postal ? recordPostal(p.readDb, list, postal, currentCellsOf(p.readDb, list, [id]).get(id) ?? []) : null };
    },
    'postal.import': (i) => {
      const p = project(i.projectId);
      const list = listOf(p, i.listId);
      const f = fileEntry(i.file, 'read');
      const jobId = startJob(p, 'postal', `Import postal results ${f.name} into ${list.name}`, { listId: list.id, file: f.name }, true, async (signal, progress) => {
        // The results go into the records' clean, so a list never cleaned is cleaned first (once the file is known to be good).
        const beforeWrite = () => cleanFirst(p, [listOf(p, list.id)], signal, progress);
        return postalImport(p.db, { list, filePath: f.path, displayName: f.name, tables: cleanTables, signal, progress, beforeWrite });
      });
      return { jobId };
    },
    'records.edit': (i) => {
      const p = writable(i.projectId);
      const result = editCell(p.db, listOf(p, i.listId), i.rowNo, i.column, i.value, cleanTables);
      p.views.noteEdit(i.listId);
      emit('project.changed', { projectId: p.id });
      return result;
    },
    'records.editMany': (i) => {
      const p = writable(i.projectId);
      const result = editCells(p.db, listOf(p, i.listId), i.cells, i.label, cleanTables);
      if (result.changed > 0) {
        p.views.noteEdit(i.listId);
        emit('project.changed', { projectId: p.id });
      }
      return result;
    },
    'edits.undo': (i) => {
      const p = writable(i.projectId);
      const result = stepHistory(p.db, 'undo', cleanTables);
      if (result.edit) p.views.noteEdit(result.edit.listId);
      if (result.edit) emit('project.changed', { projectId: p.id });
      return result;
    },
    'edits.redo': (i) => {
      const p = writable(i.projectId);
      const result = stepHistory(p.db, 'redo', cleanTables);
      if (result.edit) p.views.noteEdit(result.edit.listId);
      if (result.edit) emit('project.changed', { projectId: p.id });
      return result;
    },
    'edits.state': (i) => editsState(project(i.projectId).readDb),
    'edits.history': (i) => {
      const p = project(i.projectId);
      if (i.listId !== undefined) listOf(p, i.listId);
      return { edits: historyOf(p.readDb, i.limit, i.listId) };
    },
    'lists.problems': (i) => {
      const p = project(i.projectId);
      if (!getList(p.readDb, i.listId)) throw new WinnowError('NOT_FOUND', `There is no list ${i.listId} in this project.`, { listId: i.listId });
      return {
        total: problemCount(p.readDb, i.listId),
        problems: listProblems(p.readDb, i.listId, i.offset, i.count).map((r) => ({ lineNo: r.lineNo, rowNo: r.rowNo, reason: r.reason, cells: r.raw })),
      };
    },
    'mapping.presets': (i) => ({ presets: allPresets(project(i.projectId).readDb) }),
    'mapping.deletePreset': (i) => {
      return { deleted: deletePreset(writable(i.projectId).db, i.name) };
    },
    'import.preview': (i) => preview(fileEntry(i.file, 'read'), i.projectId === undefined ? null : project(i.projectId), i.options ?? {}),
    'import.start': (i) => {
      const p = project(i.projectId);
      const f = fileEntry(i.file, 'read');
      // Two columns on one field is refused before any job starts; column numbers past the file's are checked once it is read.
      if (i.mapping) checkNoSharedField(i.mapping);
      const listName = i.name ?? f.name.replace(/\.[^.]+$/, '');
      const params = { file: f.name, name: listName, role: i.role, options: i.options ?? {}, ...(i.savePreset ? { savePreset: i.savePreset } : {}), ifAlreadyImported: i.ifAlreadyImported };
      const jobId = startJob(p, 'import', `Import ${f.name}`, params, true, (signal, progress) =>
        importList(p.db, {
          filePath: f.path,
          displayName: f.name,
          listName,
          role: i.role,
          signal,
          progress,
          parserWorkerFile: opts.parserWorkerFile,
          options: i.options,
          mapping: i.mapping,
          savePreset: i.savePreset,
          details: i.details,
          ifAlreadyImported: i.ifAlreadyImported,
        }),
      );
      return { jobId };
    },
    'export.start': (i) => {
      const p = project(i.projectId);
      const list = getList(p.readDb, i.listId);
      if (!list) throw new WinnowError('NOT_FOUND', `There is no list ${i.listId} in this project.`, { listId: i.listId });
      const f = fileEntry(i.file, 'write');
      const label = i.what === 'problems' ? `Export the problems of ${list.name} to ${f.name}` : `Export ${list.name} to ${f.name}`;
      const jobId = startJob(p, 'export', label, { listId: list.id, file: f.name, what: i.what, fields: i.fields }, false, async (signal, progress) => {
        const r = await exportDelimited(p.readDb, { list, outPath: f.path, what: i.what, fields: i.fields, neutralize: i.neutralize, tables: cleanTables, signal, progress });
        return { ...r, file: { fileId: i.file.fileId }, fileName: f.name };
      });
      return { jobId };
    },
    'export.set': (i) => startExportSet(project(i.projectId), i),
    'jobs.cancel': (i) => {
      const j = jobs.get(i.jobId);
      if (!j) return { cancelled: false };
      j.abort.abort();
      return { cancelled: true };
    },
    'jobs.wait': async (i) => {
      const running = jobs.get(i.jobId);
      const projectId = running?.projectId;
      if (running) await running.done;
      const candidates = projectId ? [project(projectId)] : [...projects.values()];
      for (const p of candidates) {
        const rec: JobRecord | undefined = getJob(p.db, i.jobId);
        if (rec) return rec;
      }
      throw new WinnowError('NOT_FOUND', `There is no job ${i.jobId} in the open projects.`, { jobId: i.jobId });
    },
    'jobs.history': (i) => ({ jobs: jobHistory(project(i.projectId).db) }),
    'audit.run': (i) => {
      const p = project(i.projectId);
      const all = allLists(p.readDb);
      const find = (listId: number) => {
        const l = all.find((x) => x.id === listId);
        if (!l) throw new WinnowError('NOT_FOUND', `There is no list ${listId} in this project (lists: ${all.map((x) => `${x.id} "${x.name}"`).join(', ') || 'none'}).`, { listId });
        return l;
      };
      const list = find(i.listId);
      const other = i.compareListId === undefined ? null : find(i.compareListId);
      if (other && other.id === list.id) throw new WinnowError('INVALID_INPUT', `"${list.name}" cannot be compared with itself; pick another list.`, { listId: list.id });
      // The target area: the given geography, else the newest saved recipe that has one.
      let target: { steps: GeoStep[]; source: 'options' | 'recipe'; recipeName: string | null } | null = null;
      if (i.target) {
        const bad = i.target.find((s) => !isGeoStep(s));
        if (bad) throw new WinnowError('INVALID_INPUT', `The target area takes states, ZIP3 areas, ZIP codes or a radius, not a "${bad.kind}" step.`, { kind: bad.kind });
        target = { steps: i.target.filter(isGeoStep), source: 'options', recipeName: null };
      } else {
        const recipe = allRecipes(p.readDb)
          .filter((r) => r.recipe.steps.some(isGeoStep))
          .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
        if (recipe) target = { steps: recipe.recipe.steps.filter(isGeoStep), source: 'recipe', recipeName: recipe.name };
      }
      const costs = { ...auditCosts(p.readDb), ...i.costs };
      const staleMonths = scoreSettings(p.readDb).staleMonths;
      const label = `Audit ${list.name}${other ? ` beside ${other.name}` : ''}`;
      const params = { listIds: [list.id, ...(other ? [other.id] : [])], price: i.price ?? null, cpm: i.cpm ?? null, target, costs };
      const jobId = startJob(p, 'audit', label, params, true, async (signal, progress) => {
        await cleanFirst(p, allLists(p.db).filter((l) => l.role !== 'responses'), signal, progress);
        return auditLists(p.db, {
          listIds: params.listIds,
          lists: allLists(p.db),
          price: i.price,
          cpm: i.cpm,
          target,
          costs,
          staleMonths,
          signal,
          progress,
          zips: loadZipTable(opts.resourcesDir),
          matchWorkerFile: opts.matchWorkerFile,
          ...matchContext(),
        });
      });
      return { jobId };
    },
    'audit.exportHtml': (i) => {
      const p = project(i.projectId);
      const job = getJob(p.readDb, i.jobId);
      if (!job || job.kind !== 'audit') throw new WinnowError('NOT_FOUND', `There is no audit ${i.jobId} in this project; run the audit first.`, { jobId: i.jobId });
      if (job.status !== 'done' || !job.result) throw new WinnowError('INVALID_INPUT', `That audit did not finish (${job.status}); run it again.`, { jobId: i.jobId });
      const f = fileEntry(i.file, 'write');
      const bytes = writeAuditHtml(renderAuditHtml(job.result as AuditResult, { projectName: path.basename(p.path, PROJECT_EXTENSION), map: loadUsMap(opts.resourcesDir) }), f.path);
      return { fileName: f.name, bytes };
    },
    'audit.settings': (i) => auditCosts(project(i.projectId).readDb),
    'lists.setDetails': (i) => {
      const p = writable(i.projectId);
      listOf(p, i.listId);
      setListDetails(p.db, i.listId, i.details);
      emit('project.changed', { projectId: p.id });
      return getList(p.db, i.listId)!;
    },
    'audit.saveSettings': (i) => {
      const p = writable(i.projectId);
      const next = { ...auditCosts(p.db), ...i.costs };
      saveAuditCosts(p.db, next);
      return next;
    },
  };

  /** What Winnow understood of a file, with the mapping it would use; with a project, also its presets and earlier imports. */
  async function preview(f: FileEntry, p: OpenProject | null, options: MethodParsedInput<'import.preview'>['options'] & object): Promise<FilePreview> {
    const setup = await readSetup(f.path, f.name, options);
    if (setup.header.length === 0) throw new WinnowError('FILE_EMPTY', `${f.name} holds only blank lines: there is nothing to import.`, { file: f.name });
    const { mapped, preset } = mappingFor(p?.readDb ?? null, setup);
    const { info } = setup;
    return {
      fileName: f.name,
      size: info.size,
      kind: info.kind,
      encoding: info.encoding.encoding,
      encodingReason: info.encoding.reason,
      bom: info.encoding.bomLength > 0,
      delimiter: info.delimiter,
      newline: info.newline,
      sheets: info.sheets,
      sheet: info.sheet,
      headerRow: setup.headerRow,
      preamble: setup.preamble,
      columns: setup.columns.map((c) => {
        const m = mapped[c.index]!;
        return { ...c, field: m.field, confidence: m.confidence, reason: m.reason };
      }),
      rows: setup.rows.slice(0, 20),
      preset,
      alreadyImported: p ? await earlierImports(p.readDb, f.path, info.size) : [],
    };
  }

  async function cancelProjectJobs(projectId: string): Promise<void> {
    const mine = [...jobs.values()].filter((j) => j.projectId === projectId);
    for (const j of mine) j.abort.abort();
    await Promise.all(mine.map((j) => j.done));
  }

  async function invokeParsed(method: string, input: unknown): Promise<unknown> {
    const parsed = parseInput(method, input);
    const handler = handlers[parsed.method] as (i: unknown) => unknown;
    return await handler(parsed.input);
  }

  return {
    invoke: <M extends MethodName>(method: M, input: MethodInput<M>) => invokeParsed(method, input) as Promise<MethodResult<M>>,
    on: (event, listener) => {
      events.on(event, listener as (p: unknown) => void);
      return () => events.off(event, listener as (p: unknown) => void);
    },
    dispatch: (method, input) => invokeParsed(method, input),
    registerFile,
    filePath: (ref) => fileEntry(ref, 'read').path,
    async close() {
      for (const id of [...projects.keys()]) await handlers['project.close']({ projectId: id });
    },
  };
}

function ensureExtension(p: string): string {
  return p.toLowerCase().endsWith(PROJECT_EXTENSION) ? p : p + PROJECT_EXTENSION;
}

export function toWinnowError(err: unknown, projectPath?: string): WinnowError {
  if (err instanceof WinnowError) return err;
  const e = err as Error & { code?: string };
  if (isDiskFullError(e)) return diskFullError(`Winnow could not write ${e.code === 'SQLITE_FULL' ? 'to the project' : 'the file'}.`, { cause: e.code });
  if (isCorruptionError(e)) {
    return projectPath
      ? damaged(projectPath, `SQLite reports "${e.message}"`)
      : new WinnowError('PROJECT_DAMAGED', `The project file is damaged (SQLite reports "${e.message}"). Close it and use Recover project (winnow recover) to copy what can still be read into a new project.`);
  }
  return new WinnowError('INTERNAL', `Unexpected error: ${e?.message ?? String(err)}`);
}
