// The one API contract: every method's input schema and result type, and every event. All hosts carry exactly this.
import { z } from 'zod';

export const LIST_ROLES = ['prospects', 'customers', 'suppression', 'responses'] as const;
export type ListRole = (typeof LIST_ROLES)[number];

/** A file the host handed to the engine (from a dialog, an upload or a CLI argument); the renderer never sees paths. */
// Extra keys (name, size) that hosts attach for display are dropped, not refused.
export const fileRefSchema = z.object({ fileId: z.string().min(1).max(100) });
export type FileRef = z.infer<typeof fileRefSchema>;

const id = z.string().min(1).max(100);
const projectInput = z.object({ projectId: id }).strict();

export interface ColumnInfo {
  /** 0-based position in the source file. */
  index: number;
  /** Header text exactly as it appears in the file. */
  name: string;
}

export interface SourceFormat {
  encoding: string;
  bom: boolean;
  delimiter: string;
  newline: string;
  quoteChar: string;
}

export interface ListInfo {
  id: number;
  name: string;
  role: ListRole;
  sourceFile: string | null;
  sourceSize: number | null;
  importedAt: string;
  rowCount: number;
  columns: ColumnInfo[];
  format: SourceFormat | null;
}

export interface ProjectInfo {
  projectId: string;
  name: string;
  /** Where the project file lives, for display only. */
  location: string;
  schemaVersion: number;
  lists: ListInfo[];
}

export interface RecentProject {
  recentId: string;
  name: string;
  location: string;
  openedAt: string;
  exists: boolean;
}

export interface RowWindow {
  listId: number;
  total: number;
  rows: { rowNo: number; cells: string[] }[];
}

export type JobKind = 'import' | 'export';
export type JobStatus = 'running' | 'done' | 'cancelled' | 'failed' | 'interrupted';

export interface ImportResult {
  listId: number;
  listName: string;
  rowsRead: number;
  rowsImported: number;
  blankLines: number;
  encoding: string;
  delimiter: string;
  seconds: number;
}

export interface ExportResult {
  rowsWritten: number;
  file: FileRef;
  fileName: string;
  seconds: number;
}

export interface JobRecord {
  jobId: string;
  kind: JobKind;
  status: JobStatus;
  label: string;
  startedAt: string;
  finishedAt: string | null;
  result: ImportResult | ExportResult | null;
  error: WinnowErrorData | null;
}

export interface FilePreview {
  fileName: string;
  size: number;
  encoding: string;
  bom: boolean;
  delimiter: string;
  newline: string;
  header: string[];
  rows: string[][];
}

export interface WinnowErrorData {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'FILE_NOT_FOUND',
  'FILE_UNREADABLE',
  'FILE_EMPTY',
  'FILE_NOT_TEXT',
  'FILE_BAD_ENCODING',
  'PROJECT_UNREADABLE',
  'PROJECT_TOO_NEW',
  'PROJECT_NOT_OPEN',
  'LIST_EXISTS',
  'JOB_CANCELLED',
  'BUSY',
  'NOT_SUPPORTED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Errors travel as data; this class carries them inside a process. */
export class WinnowError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'WinnowError';
    this.code = code;
    this.details = details;
  }
  toData(): WinnowErrorData {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
  static from(data: WinnowErrorData): WinnowError {
    return new WinnowError(data.code, data.message, data.details);
  }
}

/** Method name → input schema. Results are typed by `MethodResults` below. */
export const methodInputs = {
  'app.info': z.object({}).strict(),
  'project.create': z.object({ file: fileRefSchema, name: z.string().min(1).max(200).optional() }).strict(),
  'project.open': z.object({ file: fileRefSchema }).strict(),
  'project.openRecent': z.object({ recentId: id }).strict(),
  'project.openSample': z.object({}).strict(),
  'project.recent': z.object({}).strict(),
  'project.info': projectInput,
  'project.close': projectInput,
  'lists.rows': z
    .object({ projectId: id, listId: z.number().int().positive(), fromRow: z.number().int().min(1), count: z.number().int().min(1).max(1000) })
    .strict(),
  'import.preview': z.object({ file: fileRefSchema }).strict(),
  'import.start': z
    .object({
      projectId: id,
      file: fileRefSchema,
      name: z.string().trim().min(1).max(200).optional(),
      role: z.enum(LIST_ROLES).default('prospects'),
    })
    .strict(),
  'export.start': z.object({ projectId: id, listId: z.number().int().positive(), file: fileRefSchema }).strict(),
  'jobs.cancel': z.object({ jobId: id }).strict(),
  'jobs.wait': z.object({ jobId: id }).strict(),
  'jobs.history': projectInput,
} as const;

export interface MethodResults {
  'app.info': { name: string; version: string; host: HostKind };
  'project.create': ProjectInfo;
  'project.open': ProjectInfo;
  'project.openRecent': ProjectInfo;
  'project.openSample': ProjectInfo;
  'project.recent': { items: RecentProject[] };
  'project.info': ProjectInfo;
  'project.close': { closed: boolean };
  'lists.rows': RowWindow;
  'import.preview': FilePreview;
  'import.start': { jobId: string };
  'export.start': { jobId: string };
  'jobs.cancel': { cancelled: boolean };
  'jobs.wait': JobRecord;
  'jobs.history': { jobs: JobRecord[] };
}

export type MethodName = keyof typeof methodInputs;
export type MethodInput<M extends MethodName> = z.input<(typeof methodInputs)[M]>;
export type MethodParsedInput<M extends MethodName> = z.output<(typeof methodInputs)[M]>;
export type MethodResult<M extends MethodName> = MethodResults[M];

export type HostKind = 'electron' | 'browser' | 'direct';

export interface JobProgress {
  jobId: string;
  kind: JobKind;
  projectId: string;
  phase: string;
  /** Rows handled so far. */
  rows: number;
  /** Progress through the work in its own unit (bytes of the source for an import, rows for an export). */
  done: number;
  total: number | null;
  /** Rows per second over the job so far. */
  rate: number;
  elapsedMs: number;
  /** Estimated time left, when the total is known. */
  etaMs: number | null;
}

export interface JobFinished {
  jobId: string;
  kind: JobKind;
  projectId: string;
  status: Exclude<JobStatus, 'running'>;
  result: ImportResult | ExportResult | null;
  error: WinnowErrorData | null;
}

export interface EventPayloads {
  'job.progress': JobProgress;
  'job.finished': JobFinished;
  'project.changed': { projectId: string };
}
export type EventName = keyof EventPayloads;

/** The wire form of a call's outcome, the same over IPC, the worker channel and HTTP. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: WinnowErrorData };

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methodInputs, name);
}

/** Validates a method call at a boundary; throws INVALID_INPUT / UNKNOWN_METHOD in words a user can read. */
export function parseInput<M extends MethodName>(method: string, input: unknown): { method: M; input: MethodParsedInput<M> } {
  if (!isMethodName(method)) throw new WinnowError('UNKNOWN_METHOD', `There is no API method called "${method}".`);
  const parsed = methodInputs[method].safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (field "${issue.path.join('.')}")` : '';
    throw new WinnowError('INVALID_INPUT', `Invalid input for ${method}${where}: ${issue?.message ?? 'not accepted'}.`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return { method: method as M, input: parsed.data as MethodParsedInput<M> };
}

/** What every host offers: the service itself, the worker channel, the IPC bridge and the HTTP client. */
export interface WinnowApi {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** Host-only capabilities the renderer needs besides the engine: choosing files and handing a written file to the user. */
export interface HostFiles {
  pickOpenFile(opts: { purpose: 'import' | 'project'; title?: string }): Promise<(FileRef & { name: string; size: number }) | null>;
  pickSaveFile(opts: { purpose: 'export' | 'project'; suggestedName: string }): Promise<(FileRef & { name: string }) | null>;
  /** Browser host: downloads the written file. Electron: the file is already where the user chose; reveals nothing. */
  deliverFile(file: FileRef & { name: string }): Promise<void>;
}

/** Methods the Electron preload carries to main (not to the engine): native dialogs. */
export const HOST_METHODS = ['host.pickOpenFile', 'host.pickSaveFile'] as const;
