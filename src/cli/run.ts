// The `winnow` command line over the same service the app uses. runCli is pure of process globals so tests call it directly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import Papa from 'papaparse';
import {
  CANONICAL_FIELDS,
  columnMappingSchema,
  LIST_ROLES,
  MATCH_LEVELS,
  MAILING_CHANNELS,
  SUPPRESS_LEVELS,
  WinnowError,
  type MailingChannel,
  type MailingRunResult,
  type ScoreRunResult,
  type SuppressLevel,
  type TargetStepInput,
  type CanonicalField,
  type CleanResult,
  type ColumnMapping,
  type ExportResult,
  type FilePreview,
  type ImportResult,
  type JobProgress,
  type ListInfo,
  type ListRole,
  type MatchLevel,
  type MergePurgeResult,
  type ProjectInfo,
  type ReadOptions,
  type AuditResult,
  type TargetStep,
  type PostalImportResult,
} from '../api/contract';
import { formatDollars, formatUnitCost } from '../domain/audit/audit';
import { CANONICAL_EXPORT_COLUMNS } from '../domain/clean-record';
import { checkNoSharedField } from '../domain/mapping';
import { APP_VERSION, createService, toWinnowError, type WinnowService } from '../service';
import { problemRecord, problemsHeader } from '../jobs/export-delimited';
import { ONE_PER, SPLIT_BY, type OnePer, type SplitBy } from '../jobs/export-set';
import { CASS_LAYOUT, ExportFieldError, MAIL_MERGE_FIELDS, resolveExportFields } from '../domain/export/export-fields';
import { cmdCheck, cmdRecover, PROJECT_FILE_COMMANDS, PROJECT_FILE_HELP } from './project-file-commands';

export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Transient progress (a terminal line rewritten in place); omitted when not a terminal. */
  progress?: (text: string) => void;
  resourcesDir: string;
  /** The bundled parse-worker.js (see ServiceOptions). */
  parserWorkerFile?: string;
  /** The bundled clean-worker.js (see ServiceOptions). */
  cleanWorkerFile?: string;
  /** The bundled match-worker.js (see ServiceOptions). */
  matchWorkerFile?: string;
}

const HELP = `winnow — clean, deduplicate and score mailing lists (offline)

Usage:
  winnow preview FILE [--encoding E] [--delimiter D] [--sheet S] [--header-row N] [--project P.winnow]
      Show how Winnow reads a file: encoding, delimiter, sheets, header row, each column's field and why, first rows.
      With --project, also the project's mapping preset for this header and earlier imports of the same file.
  winnow import FILE --project P.winnow [--name NAME] [--role ROLE] [--encoding E] [--delimiter D] [--sheet S]
                [--header-row N] [--mapping auto|PRESET|FILE.json] [--save-preset NAME] [--again]
      Import a list (CSV/TSV/text or Excel) into a project (created if missing) and print the import report.
      ROLE: ${LIST_ROLES.join('|')} (default prospects). --mapping FILE.json holds {"columns": {"Header": "field" or null}}
      or a list of {"index", "field"}; a file imported before is refused unless --again is given.
  winnow clean --project P.winnow [--list NAME]
      Normalize and check names, companies, e-mails, phones and US addresses of one list (default: every list), and
      print how many records are mailable, emailable and callable, the quality score and the kinds of issues found.
      USPS-style standardization from public data: not CASS, DPV or NCOA certified.
  winnow export --project P.winnow --list N|--mailing M --out F.csv|F.xlsx [--fields ...] [--one-per household|company]
                [--sort zip] [--split-by state|segment|band] [--limit N] [--bom] [--raw] [--name MAILING] [--channel C]
      Write a list (or the recipients of ledger mailing M) to CSV or .xlsx, in its original row order. --fields original
      (default): its original header and values (with edits made in the app). canonical: the cleaned columns
      ${CANONICAL_EXPORT_COLUMNS.join(',')}.
      all: the canonical columns, then the original ones. mail-merge: ${MAIL_MERGE_FIELDS.join(',')}. cass: the layout for
      a CASS/NCOA service bureau, ${CASS_LAYOUT.map(([h]) => h).join(',')} (winnow_id = W<list>-<row>, read back by
      winnow postal-import). Or names in
      the order to write them, comma-separated: the canonical names, addressee, company, delivery_line, last_line
      ("CITY ST 12345-6789"), zip (ZIP+4), score, grade, band, or the list's own column headers.
      --one-per keeps one record per household or company (matching the list first when it has no current merge/purge
      at that level); --limit N keeps the N best-scored; --sort zip orders by ZIP, ZIP+4, delivery line; --split-by
      writes F-KEY.csv per state, segment (lead grade A1-D3) or band (fit A-D). A set formed with --one-per or --limit,
      and every --mailing export, is recorded in the mailing ledger. Cells starting with = + - @ (also after spaces),
      tab or CR get a leading ' (phone numbers like +1 212 555 0100 are kept) unless --raw; --bom starts a CSV with a
      UTF-8 byte-order mark for Excel. Files are written under a temporary name and renamed when complete.
  winnow dedupe FILE [--level person|household|company|address] --clusters OUT.csv
      Find the duplicates in a raw file (read, mapped, cleaned and matched in a temporary project) and write OUT.csv with
      header row,cluster: one line per data row in file order, row = 1-based data row, cluster = an id shared by the rows
      that are the same entity (the smallest row number among them). Without --level: person when person names are
      mapped, otherwise company.
  winnow dedupe --project P.winnow [--lists A,B] [--level L] [--clusters OUT.csv]
      Merge/purge lists of a project (default: all; --lists in source-priority order, first wins; default order: house
      customers, then earlier lists before newer). Prints duplicates within and between lists and multi-buyers per list.
  winnow mailing --project P.winnow --from LIST [--suppress LIST,...] [--exclude-customers] [--states CA,NV]
                 [--zip3 891,890] [--radius ZIP:MILES] [--not-mailed-days N] [--name MAILING] --out OUT.csv
                 [--report OUT.json] [--level L] [--channel C] [--fields original|canonical|all]
      Build a mailing set from a list by a waterfall, in this order: each suppression list (matched at the most
      specific level each entry allows, or --level ${SUPPRESS_LEVELS.filter((l) => l !== 'auto').join('|')}), existing customers
      (every customers list), states, 3-digit ZIP areas, a radius in miles around a ZIP (ZIP-centroid great-circle
      distance), and records mailed in the last N days (the mailing ledger). Writes the set to OUT.csv (the list's own
      columns by default), records it in the ledger as MAILING (default "LIST yyyy-mm-dd"; --channel
      ${MAILING_CHANNELS.join('|')}, default direct-mail) and prints each step's in and removed. --report writes
      {"input", "steps": [{"step", "kind", "in", "removed"}...], "kept", ...} as JSON: one step per rule, in order.
  winnow model train FILE --outcome COLUMN --positive VALUE [--ignore COL,...] [--folds 5] [--save MODEL.json]
      Learn who responds from a file with an outcome column (rows where COLUMN = VALUE are responders): a regularized
      logistic regression and gradient-boosted trees, compared by stratified k-fold cross-validation; the better one is
      kept (trees only when they beat the logistic model). Prints both AUCs, the gains by decile, the columns read and
      left out, warnings about columns that may leak the outcome, and as its last line the kept model's
      cross-validated AUC as auc=0.812.
  winnow score FILE --model MODEL.json --out SCORED.csv
      Score a file with a saved model: SCORED.csv is the file's columns plus score (0-100, the chance of responding in
      percent) and reasons (the values that raise the score most, with their log-odds).
  winnow score --project P.winnow [--handoff SALES-READY.csv [--crm salesforce|hubspot]]
      Score a project's prospects: the best-customer profile from its customer lists (RFM), each prospect's fit to it
      (0-100), tire-kicker flags, grade (fit A-D × engagement 1-3) and the sales-ready verdict (rules from the app).
      Prints the profile, the grade matrix and the sales-ready count; --handoff writes the sales-ready leads with
      the column names of the CRM's lead import (--crm salesforce, the default, or hubspot).
  winnow audit --project P.winnow --list N --out REPORT.html [--compare LIST2] [--price DOLLARS | --cpm DOLLARS]
               [--states CA,NV] [--zip3 891,890] [--radius ZIP:MILES] [--print-cost D] [--postage-cost D] [--recent-days N]
      Audit a bought list: duplicates within it, overlap with the house file and each earlier purchase, suppressed,
      undeliverable-looking, outside the target area (the options, else the newest saved recipe with a geography
      step), stale or recently mailed; net-new mailable records, cost per net-new record (with a price: --price, --cpm
      or the list's details) and the print and postage each step saves (unit costs from the project, or the options).
      Prints one line per figure and writes a self-contained HTML report (inline CSS and SVG, prints well);
      --compare puts a second list beside it (priced from its own details). N and LIST2 are list names (or numbers).
  winnow postal-import --project P.winnow --list N --file RESULTS.csv
      Read back what a licensed CASS/DPV/NCOA service bureau returned for a list sent out with export --fields cass:
      records are found by the winnow_id column; the standardized address, ZIP+4, DPV match code, vacant flag and
      NCOA move are found by their header names (delivery_line_1, AddressLine1, Plus4, DPVMatchCode, dpv_vacant,
      NCOA Return Code, Move Type, New Address...) and kept beside each record (a record's earlier result is
      replaced). DPV N, vacant and moved without a forwarding address make a record not mailable. Prints matched,
      unmatched, DPV confirmed / not confirmed, vacant, moved and how many records are now not mailable.
  winnow lists --project P.winnow
      Show each list in a project with its role and row count.
  winnow problems --project P.winnow --list NAME [--out PROBLEMS.csv]
      The rows an import kept but flagged, as CSV: line, row, reason, then the row's cells.
${PROJECT_FILE_HELP}

Fields: ${CANONICAL_FIELDS.join(', ')}.

Options:
  -h, --help     Show this help (also: winnow COMMAND --help)
  -v, --version  Show the version

Exit status: 0 on success, 1 on an error (one line on stderr says what), 2 on a usage error.`;

class UsageError extends Error {}

const READ_OPTIONS = { encoding: { type: 'string' }, delimiter: { type: 'string' }, sheet: { type: 'string' }, 'header-row': { type: 'string' } } as const;

const COMMANDS: Record<string, { options: NonNullable<ParseArgsConfig['options']>; positionals: number | readonly number[]; help: string }> = {
  import: {
    options: {
      project: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      ...READ_OPTIONS,
      mapping: { type: 'string' },
      'save-preset': { type: 'string' },
      again: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    positionals: 1,
    help:
      'winnow import FILE --project P.winnow [--name NAME] [--role prospects|customers|suppression|responses] [--encoding E] [--delimiter D] [--sheet S] [--header-row N] [--mapping auto|PRESET|FILE.json] [--save-preset NAME] [--again]',
  },
  preview: {
    options: { ...READ_OPTIONS, project: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    positionals: 1,
    help: 'winnow preview FILE [--encoding E] [--delimiter D] [--sheet S] [--header-row N] [--project P.winnow]',
  },
  problems: {
    options: { project: { type: 'string' }, list: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    positionals: 0,
    help: 'winnow problems --project P.winnow --list NAME [--out PROBLEMS.csv]',
  },
  export: {
    options: {
      project: { type: 'string' },
      list: { type: 'string' },
      mailing: { type: 'string' },
      out: { type: 'string' },
      fields: { type: 'string' },
      'one-per': { type: 'string' },
      sort: { type: 'string' },
      'split-by': { type: 'string' },
      limit: { type: 'string' },
      bom: { type: 'boolean' },
      raw: { type: 'boolean' },
      name: { type: 'string' },
      channel: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    positionals: 0,
    help:
      'winnow export --project P.winnow --list N|--mailing M --out F.csv|F.xlsx [--fields ...] [--one-per household|company] [--sort zip] [--split-by state|segment|band] [--limit N] [--bom] [--raw] [--name MAILING] [--channel C]',
  },
  clean: {
    options: { project: { type: 'string' }, list: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    positionals: 0,
    help: 'winnow clean --project P.winnow [--list NAME]',
  },
  dedupe: {
    options: { project: { type: 'string' }, lists: { type: 'string' }, level: { type: 'string' }, clusters: { type: 'string' }, ...READ_OPTIONS, help: { type: 'boolean', short: 'h' } },
    positionals: [0, 1],
    help: 'winnow dedupe FILE [--level person|household|company|address] --clusters OUT.csv [--encoding E] [--delimiter D] [--sheet S] [--header-row N]\n       winnow dedupe --project P.winnow [--lists A,B] [--level L] [--clusters OUT.csv]',
  },
  mailing: {
    options: {
      project: { type: 'string' },
      from: { type: 'string' },
      suppress: { type: 'string' },
      'exclude-customers': { type: 'boolean' },
      states: { type: 'string' },
      zip3: { type: 'string' },
      radius: { type: 'string' },
      'not-mailed-days': { type: 'string' },
      name: { type: 'string' },
      out: { type: 'string' },
      report: { type: 'string' },
      level: { type: 'string' },
      channel: { type: 'string' },
      fields: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    positionals: 0,
    help:
      'winnow mailing --project P.winnow --from LIST [--suppress LIST,...] [--exclude-customers] [--states CA,NV] [--zip3 891,890] [--radius ZIP:MILES] [--not-mailed-days N] [--name MAILING] --out OUT.csv [--report OUT.json] [--level L] [--channel C] [--fields original|canonical|all]',
  },
  model: {
    options: {
      outcome: { type: 'string' },
      positive: { type: 'string' },
      ignore: { type: 'string' },
      folds: { type: 'string' },
      save: { type: 'string' },
      ...READ_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
    positionals: 2,
    help: 'winnow model train FILE --outcome COLUMN --positive VALUE [--ignore COL,...] [--folds 5] [--save MODEL.json]',
  },
  score: {
    options: { model: { type: 'string' }, out: { type: 'string' }, project: { type: 'string' }, handoff: { type: 'string' }, crm: { type: 'string' }, ...READ_OPTIONS, help: { type: 'boolean', short: 'h' } },
    positionals: [0, 1],
    help: 'winnow score FILE --model MODEL.json --out SCORED.csv\n       winnow score --project P.winnow [--handoff SALES-READY.csv [--crm salesforce|hubspot]]',
  },
  audit: {
    options: {
      project: { type: 'string' },
      list: { type: 'string' },
      out: { type: 'string' },
      compare: { type: 'string' },
      price: { type: 'string' },
      cpm: { type: 'string' },
      states: { type: 'string' },
      zip3: { type: 'string' },
      radius: { type: 'string' },
      'print-cost': { type: 'string' },
      'postage-cost': { type: 'string' },
      'recent-days': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    positionals: 0,
    help:
      'winnow audit --project P.winnow --list N --out REPORT.html [--compare LIST2] [--price DOLLARS | --cpm DOLLARS] [--states CA,NV] [--zip3 891,890] [--radius ZIP:MILES] [--print-cost D] [--postage-cost D] [--recent-days N]',
  },
  lists: {
    options: { project: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    positionals: 0,
    help: 'winnow lists --project P.winnow',
  },
  'postal-import': {
    options: { project: { type: 'string' }, list: { type: 'string' }, file: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    positionals: 0,
    help: 'winnow postal-import --project P.winnow --list N --file RESULTS.csv',
  },
  ...PROJECT_FILE_COMMANDS,
};

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.out(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    io.out(`winnow ${APP_VERSION}`);
    return 0;
  }
  const spec = COMMANDS[command];
  if (!spec) {
    io.err(`winnow: unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')}. See winnow --help.`);
    return 2;
  }
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: rest, options: spec.options, allowPositionals: true, strict: true }) as {
      values: Record<string, string | boolean | undefined>;
      positionals: string[];
    });
    if (values.help) {
      io.out(`Usage: ${spec.help}`);
      return 0;
    }
    const allowed = typeof spec.positionals === 'number' ? [spec.positionals] : spec.positionals;
    if (!allowed.includes(positionals.length)) {
      throw new UsageError(Math.max(...allowed) < positionals.length ? `unexpected argument "${positionals[Math.max(...allowed)]}"` : `expected ${spec.positionals} file argument`);
    }
  } catch (e) {
    io.err(`winnow ${command}: ${(e as Error).message}. Usage: ${spec.help}`);
    return 2;
  }

  const service = createService({
    host: 'direct',
    resourcesDir: io.resourcesDir,
    ...(io.parserWorkerFile ? { parserWorkerFile: io.parserWorkerFile } : {}),
    ...(io.cleanWorkerFile ? { cleanWorkerFile: io.cleanWorkerFile } : {}),
    ...(io.matchWorkerFile ? { matchWorkerFile: io.matchWorkerFile } : {}),
  });
  try {
    switch (command) {
      case 'import':
        return await cmdImport(service, positionals[0]!, values, io);
      case 'export':
        return await cmdExport(service, values, io);
      case 'clean':
        return await cmdClean(service, values, io);
      case 'lists':
        return await cmdLists(service, values, io);
      case 'dedupe':
        return await cmdDedupe(service, positionals[0], values, io);
      case 'mailing':
        return await cmdMailing(service, values, io);
      case 'model':
        return await cmdModel(service, positionals, values, io);
      case 'score':
        return positionals.length === 0 ? await cmdScoreProject(service, values, io) : await cmdScore(service, positionals[0]!, values, io);
      case 'preview':
        return await cmdPreview(service, positionals[0]!, values, io);
      case 'audit':
        return await cmdAudit(service, values, io);
      case 'problems':
        return await cmdProblems(service, values, io);
      case 'postal-import':
        return await cmdPostalImport(service, values, io);
      case 'check':
        return await cmdCheck(service, values, io);
      case 'recover':
        return await cmdRecover(service, values, io);
    }
    return 2;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`winnow ${command}: ${e.message}. Usage: ${spec.help}`);
      return 2;
    }
    io.err(`winnow: ${toWinnowError(e).message}`);
    return 1;
  } finally {
    await service.close();
  }
}

function need(values: Record<string, string | boolean | undefined>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.length === 0) throw new UsageError(`--${name} is required`);
  return v;
}

function openExisting(service: WinnowService, projectPath: string): Promise<ProjectInfo> {
  if (!fs.existsSync(projectPath)) throw new WinnowError('FILE_NOT_FOUND', `project ${projectPath} does not exist.`);
  return service.invoke('project.open', { file: service.registerFile(projectPath, 'read') });
}

function showProgress(service: WinnowService, io: CliIO): () => void {
  if (!io.progress) return () => undefined;
  const report = io.progress;
  return service.on('job.progress', (p: JobProgress) => {
    const pct = p.total ? ` ${Math.floor((100 * p.done) / p.total)}%` : '';
    if (p.rows === 0) return report(`${p.phase}…`);
    report(`${p.phase}${pct} — ${p.rows.toLocaleString('en-US')} rows, ${p.rate.toLocaleString('en-US')} rows/s`);
  });
}

/** --encoding, --delimiter, --sheet, --header-row as read options. */
function readOptions(values: Record<string, string | boolean | undefined>): ReadOptions {
  const o: ReadOptions = {};
  if (typeof values.encoding === 'string') o.encoding = values.encoding;
  if (typeof values.delimiter === 'string') o.delimiter = values.delimiter;
  if (typeof values.sheet === 'string') o.sheet = values.sheet;
  if (typeof values['header-row'] === 'string') {
    const n = Number(values['header-row']);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError(`--header-row must be a whole number from 1 to 1000 (got "${values['header-row']}")`);
    o.headerRow = n;
  }
  return o;
}

const IS_FIELD = (f: unknown): f is CanonicalField => typeof f === 'string' && (CANONICAL_FIELDS as readonly string[]).includes(f);

/** Reads a --mapping FILE.json against the previewed columns: {"columns": {"Header": field|null}} or [{index, field}]. */
export function readMappingFile(file: string, preview: FilePreview): ColumnMapping[] {
  const shown = path.basename(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WinnowError('FILE_NOT_FOUND', `mapping file ${shown}: no such file.`, { file: shown });
    throw new WinnowError('FILE_UNREADABLE', `mapping file ${shown}: cannot read it (${code ?? (e as Error).message}).`, { file: shown });
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new WinnowError('INVALID_INPUT', `mapping file ${shown} is not valid JSON (${(e as Error).message}).`, { file: shown });
  }
  const shape = `it must hold {"columns": {"Header name": "field" or null, ...}} or a list of {"index": N, "field": "field" or null}`;
  const fields = `fields: ${CANONICAL_FIELDS.join(', ')}`;
  if (Array.isArray(data)) {
    return data.map((entry, i) => {
      const parsed = columnMappingSchema.safeParse(entry);
      if (!parsed.success) {
        const bad = entry && typeof entry === 'object' && 'field' in entry && !IS_FIELD((entry as { field: unknown }).field) && (entry as { field: unknown }).field !== null;
        throw new WinnowError('INVALID_INPUT', `mapping file ${shown}, entry ${i + 1}: ${bad ? `"${String((entry as { field: unknown }).field)}" is not a field Winnow knows (${fields})` : shape}.`, { file: shown });
      }
      return parsed.data;
    });
  }
  const columns = data && typeof data === 'object' ? (data as { columns?: unknown }).columns : undefined;
  if (!columns || typeof columns !== 'object' || Array.isArray(columns)) throw new WinnowError('INVALID_INPUT', `mapping file ${shown}: ${shape}.`, { file: shown });
  const out: ColumnMapping[] = [];
  for (const [header, field] of Object.entries(columns as Record<string, unknown>)) {
    const want = header.trim().toLowerCase();
    const col =
      preview.columns.find((c) => c.name === header || c.original === header) ??
      preview.columns.find((c) => c.name.toLowerCase() === want || (c.original ?? '').trim().toLowerCase() === want);
    if (!col) {
      throw new WinnowError('INVALID_INPUT', `mapping file ${shown} names column "${header}", which ${preview.fileName} does not have (columns: ${preview.columns.map((c) => `"${c.name}"`).join(', ')}).`, {
        file: shown,
        column: header,
      });
    }
    if (field !== null && !IS_FIELD(field)) {
      throw new WinnowError('INVALID_INPUT', `mapping file ${shown} maps "${header}" to ${JSON.stringify(field)}, which is not a field Winnow knows (${fields}; or null for a custom field).`, {
        file: shown,
        column: header,
      });
    }
    out.push({ index: col.index, field });
  }
  checkNoSharedField(out, preview.columns.map((c) => c.name));
  return out;
}

async function cmdImport(service: WinnowService, file: string, values: Record<string, string | boolean | undefined>, io: CliIO): Promise<number> {
  const projectPath = path.resolve(need(values, 'project'));
  const role = (values.role as string | undefined) ?? 'prospects';
  if (!(LIST_ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${LIST_ROLES.join(', ')} (got "${role}")`);
  const options = readOptions(values);
  const source = path.resolve(file);
  // Check the source (and a mapping file) before touching the project, so a bad file never creates or changes one.
  const preview = await service.invoke('import.preview', { file: service.registerFile(source, 'read'), options });
  const mappingArg = typeof values.mapping === 'string' ? values.mapping : 'auto';
  const mappingIsFile = mappingArg !== 'auto' && (/\.json$/i.test(mappingArg) || fs.existsSync(mappingArg));
  const mapping: ColumnMapping[] | undefined = mappingIsFile ? readMappingFile(path.resolve(mappingArg), preview) : undefined;
  const created = !fs.existsSync(projectPath);
  if (created && mappingArg !== 'auto' && !mappingIsFile) {
    throw new WinnowError('NOT_FOUND', `no mapping preset named "${mappingArg}": ${path.basename(projectPath)} does not exist yet, so it has no presets.`);
  }
  const info = created
    ? await service.invoke('project.create', { file: service.registerFile(projectPath, 'write') })
    : await service.invoke('project.open', { file: service.registerFile(projectPath, 'read') });
  try {
    return await importInto(service, info, { source, projectPath, role: role as ListRole, options, mappingArg, mapping, values, preview }, io);
  } catch (e) {
    // A project this command created for an import that did not happen is removed again.
    if (created) {
      await service.invoke('project.close', { projectId: info.projectId });
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(projectPath + suffix, { force: true });
    }
    throw e;
  }
}

async function importInto(
  service: WinnowService,
  info: ProjectInfo,
  a: { source: string; projectPath: string; role: ListRole; options: ReadOptions; mappingArg: string; mapping: ColumnMapping[] | undefined; values: Record<string, string | boolean | undefined>; preview: FilePreview },
  io: CliIO,
): Promise<number> {
  const { source, projectPath, role, options, mappingArg, values, preview } = a;
  let mapping = a.mapping;
  if (mappingArg !== 'auto' && !mapping) {
    const { presets } = await service.invoke('mapping.presets', { projectId: info.projectId });
    const preset = presets.find((p) => p.name.toLowerCase() === mappingArg.toLowerCase());
    if (!preset) {
      throw new WinnowError('NOT_FOUND', `no mapping preset named "${mappingArg}" in ${path.basename(projectPath)} (presets: ${presets.map((p) => `"${p.name}"`).join(', ') || 'none'}).`);
    }
    if (preset.header.length !== preview.columns.length) {
      throw new WinnowError('INVALID_INPUT', `mapping preset "${preset.name}" was made for ${preset.header.length} columns; ${path.basename(source)} has ${preview.columns.length}.`);
    }
    mapping = preset.mapping;
  }
  const stop = showProgress(service, io);
  try {
    const { jobId } = await service.invoke('import.start', {
      projectId: info.projectId,
      file: service.registerFile(source, 'read'),
      role,
      options,
      ...(typeof values.name === 'string' ? { name: values.name } : {}),
      ...(mapping ? { mapping } : {}),
      ...(typeof values['save-preset'] === 'string' ? { savePreset: values['save-preset'] } : {}),
      ifAlreadyImported: values.again ? 'import' : 'refuse',
    });
    const job = await service.invoke('jobs.wait', { jobId });
    if (job.status !== 'done' || !job.result) {
      const again = job.error?.code === 'ALREADY_IMPORTED' ? ' Pass --again to import it once more.' : '';
      throw new WinnowError(job.error?.code ?? 'INTERNAL', (job.error?.message ?? `import ${job.status}`) + again);
    }
    const r = job.result as ImportResult;
    io.progress?.('');
    io.out(
      `Imported ${r.rowsImported.toLocaleString('en-US')} rows from ${path.basename(source)} into list "${r.listName}" (${role}) of ${path.basename(projectPath)} in ${r.seconds.toFixed(2)} s` +
        ` [${r.kind === 'xlsx' ? `xlsx, sheet "${r.sheet ?? ''}"` : `${r.encoding}, ${r.delimiter}`}${r.blankLines ? `, ${r.blankLines} blank lines skipped` : ''}].`,
    );
    const list = (await service.invoke('project.info', { projectId: info.projectId })).lists.find((l) => l.id === r.listId);
    for (const line of importReport(r, list, path.basename(projectPath), preview)) io.out(line);
    return 0;
  } finally {
    stop();
  }
}

/** The lines of the import report after the summary line. */
function importReport(r: ImportResult, list: ListInfo | undefined, projectFile: string, preview: FilePreview): string[] {
  const lines: string[] = [];
  const read = r.kind === 'xlsx' ? `Excel workbook, sheet "${r.sheet ?? ''}"` : `${r.encoding} (${preview.encodingReason}), ${r.delimiter}-separated`;
  lines.push(`  read as:            ${read}; header on row ${r.headerRow}${r.skippedAboveHeader ? ` (${r.skippedAboveHeader} row${r.skippedAboveHeader === 1 ? '' : 's'} above it kept aside)` : ''}`);
  lines.push(
    `  rows with problems: ${r.rowsWithProblems.toLocaleString('en-US')}${r.rowsWithProblems ? ` (kept whole; list them with: winnow problems --project ${projectFile} --list "${r.listName}")` : ''}`,
  );
  lines.push(`  blank lines:        ${r.blankLines.toLocaleString('en-US')} skipped`);
  lines.push(`  columns:            ${r.mappedColumns} mapped to fields, ${r.customColumns} kept as custom fields`);
  const mapped = (list?.columns ?? []).filter((c) => c.field);
  if (mapped.length > 0) lines.push(`  mapped:             ${mapped.map((c) => `${c.name} → ${c.field}`).join(', ')}`);
  const custom = (list?.columns ?? []).filter((c) => !c.field);
  if (custom.length > 0) lines.push(`  custom:             ${custom.map((c) => c.name).join(', ')}`);
  return lines;
}

async function cmdPreview(service: WinnowService, file: string, values: Record<string, string | boolean | undefined>, io: CliIO): Promise<number> {
  const options = readOptions(values);
  const source = service.registerFile(path.resolve(file), 'read');
  const project = typeof values.project === 'string' ? await openExisting(service, path.resolve(values.project)) : null;
  const p = await service.invoke('import.preview', { file: source, options, ...(project ? { projectId: project.projectId } : {}) });
  io.out(`${p.fileName}: ${formatSize(p.size)}, ${p.kind === 'xlsx' ? 'Excel workbook' : 'delimited text'}`);
  for (const a of p.alreadyImported) io.out(`  already imported as list "${a.listName}" on ${a.importedAt.slice(0, 10)}`);
  if (p.kind === 'xlsx') {
    io.out(`  sheets:     ${p.sheets.map((s) => `"${s}"`).join(', ')}; showing "${p.sheet ?? ''}"`);
  } else {
    io.out(`  encoding:   ${p.encoding} (${p.encodingReason})${p.bom ? ', with a byte-order mark' : ''}`);
    io.out(`  delimiter:  ${delimiterWord(p.delimiter)}`);
  }
  io.out(`  header row: ${p.headerRow}${p.preamble.length ? ` (${p.preamble.length} row${p.preamble.length === 1 ? '' : 's'} above it kept aside)` : ''}`);
  io.out(`  columns:    ${p.columns.length} (${p.columns.filter((c) => c.field).length} mapped to fields)${p.preset ? ` from preset "${p.preset}"` : ''}`);
  const width = Math.min(40, Math.max(...p.columns.map((c) => c.name.length), 4));
  const numWidth = String(p.columns.length).length;
  for (const c of p.columns) {
    const name = c.name.replace(/[\r\n]+/g, ' ');
    io.out(`  ${String(c.index + 1).padStart(numWidth + 1)}  ${name.padEnd(width)}  → ${c.field ?? '(custom)'}  (${c.confidence.toFixed(2)}: ${c.reason})`);
  }
  const rows = p.rows.slice(0, 5);
  io.out(rows.length ? `  first ${rows.length} row${rows.length === 1 ? '' : 's'}:` : '  no data rows in the first part of the file');
  for (const r of rows) io.out(`    ${Papa.unparse([r], { newline: '\n', escapeFormulae: false }).replace(/[\r\n]+/g, ' ')}`);
  return 0;
}

function delimiterWord(d: string): string {
  return d === ',' ? 'comma' : d === '\t' ? 'tab' : d === ';' ? 'semicolon' : d === '|' ? 'pipe' : JSON.stringify(d);
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

async function findList(info: ProjectInfo, listName: string, projectPath: string): Promise<ListInfo> {
  const list = info.lists.find((l) => l.name === listName) ?? info.lists.find((l) => l.name.toLowerCase() === listName.toLowerCase());
  if (!list) {
    const names = info.lists.map((l) => `"${l.name}"`).join(', ') || 'none';
    throw new WinnowError('NOT_FOUND', `no list named "${listName}" in ${path.basename(projectPath)} (lists: ${names}).`);
  }
  return list;
}

async function cmdProblems(service: WinnowService, values: Record<string, string | boolean | undefined>, io: CliIO): Promise<number> {
  const projectPath = path.resolve(need(values, 'project'));
  const listName = need(values, 'list');
  const outPath = typeof values.out === 'string' ? path.resolve(values.out) : null;
  const info = await openExisting(service, projectPath);
  const list = await findList(info, listName, projectPath);
  if (outPath) {
    // The same export job the app runs: written under a temporary name, renamed when complete.
    const { jobId } = await service.invoke('export.start', { projectId: info.projectId, listId: list.id, file: service.registerFile(outPath, 'write'), what: 'problems' });
    const job = await service.invoke('jobs.wait', { jobId });
    if (job.status !== 'done' || !job.result) throw new WinnowError(job.error?.code ?? 'INTERNAL', job.error?.message ?? `export ${job.status}`);
    const n = (job.result as ExportResult).rowsWritten;
    io.out(`Wrote ${n.toLocaleString('en-US')} problem${n === 1 ? '' : 's'} of list "${list.name}" to ${path.basename(outPath)}.`);
    return 0;
  }
  const table: string[][] = [problemsHeader(list)];
  for (let offset = 0; ; offset += 1000) {
    const page = await service.invoke('lists.problems', { projectId: info.projectId, listId: list.id, offset, count: 1000 });
    for (const p of page.problems) table.push(problemRecord(p));
    if (page.problems.length < 1000) break;
  }
  for (const line of Papa.unparse(table, { newline: '\r\n', escapeFormulae: false }).split('\r\n')) io.out(line);
  return 0;
}

async function cmdExport(service: WinnowService, values: Record<string, string | boolean | undefined>, io: CliIO): Promise<number> {
  const projectPath = path.resolve(need(values, 'project'));
  const listName = typeof values.list === 'string' ? values.list : undefined;
  const mailingName = typeof values.mailing === 'string' ? values.mailing : undefined;
  if ((listName === undefined) === (mailingName === undefined)) throw new UsageError(listName === undefined ? '--list or --mailing is required' : 'give --list or --mailing, not both');
  const out = path.resolve(need(values, 'out'));
  if (!/\.(csv|tsv|tab|txt|xlsx)$/i.test(out)) throw new UsageError(`--out must end in .csv (or .tsv, .txt) or .xlsx (got "${path.basename(out)}")`);
  const fields = (values.fields as string | undefined) ?? 'original';
  const onePer = values['one-per'] as string | undefined;
  if (onePer !== undefined && !(ONE_PER as readonly string[]).includes(onePer)) throw new UsageError(`--one-per must be ${ONE_PER.join(' or ')} (got "${onePer}")`);
  const sort = values.sort as string | undefined;
  if (sort !== undefined && sort !== 'zip') throw new UsageError(`--sort must be zip (got "${sort}")`);
  const splitBy = values['split-by'] as string | undefined;
  if (splitBy !== undefined && !(SPLIT_BY as readonly string[]).includes(splitBy)) throw new UsageError(`--split-by must be one of ${SPLIT_BY.join(', ')} (got "${splitBy}")`);
  let limit: number | undefined;
  if (typeof values.limit === 'string') {
    limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number of pieces, 1 or more (got "${values.limit}")`);
  }
  if (mailingName !== undefined && (onePer !== undefined || limit !== undefined)) {
    throw new UsageError('--one-per and --limit form a new mailing set from a --list; a recorded --mailing is exported with the recipients it went to');
  }
  const channel = (values.channel as string | undefined) ?? 'direct-mail';
  if (!(MAILING_CHANNELS as readonly string[]).includes(channel)) throw new UsageError(`--channel must be one of ${MAILING_CHANNELS.join(', ')} (got "${channel}")`);
  const neutralize = values.raw !== true;
  const info = await openExisting(service, projectPath);
  const list = listName === undefined ? null : await findList(info, listName, projectPath);
  if (list) {
    try {
      resolveExportFields(fields, list);
    } catch (e) {
      if (e instanceof ExportFieldError) throw new UsageError(`--fields must be original, canonical or all, or field names in order: ${e.message}`);
      throw e;
    }
  }
  const plain = list && (fields === 'original' || fields === 'canonical' || fields === 'all') && !onePer && !sort && !splitBy && limit === undefined && !values.bom && !/\.xlsx$/i.test(out);
  const stop = showProgress(service, io);
  try {
    const file = service.registerFile(out, 'write');
    let jobId: string;
    if (plain) {
      ({ jobId } = await service.invoke('export.start', { projectId: info.projectId, listId: list.id, file, fields: fields as 'original' | 'canonical' | 'all', neutralize }));
    } else {
      try {
        ({ jobId } = await service.invoke('export.set', {
          projectId: info.projectId,
          ...(list ? { listId: list.id } : { mailing: mailingName! }),
          file,
          fields,
          ...(onePer ? { onePer: onePer as OnePer } : {}),
          ...(sort ? { sort: 'zip' as const } : {}),
          ...(splitBy ? { splitBy: splitBy as SplitBy } : {}),
          ...(limit !== undefined ? { limit } : {}),
          bom: values.bom === true,
          neutralize,
          ...(typeof values.name === 'string' && values.name.trim() !== '' ? { name: values.name.trim() } : {}),
          channel: channel as MailingChannel,
        }));
      } catch (e) {
        const we = toWinnowError(e);
        if (we.code === 'INVALID_INPUT' && we.details && 'fields' in we.details) throw new UsageError(`--fields must be original, canonical or all, or field names in order: ${we.message}`);
        throw e;
      }
    }
    const r = await waitFor<ExportResult>(service, jobId, 'export');
    io.progress?.('');
    const n = (x: number) => x.toLocaleString('en-US');
    const what = list ? `list "${list.name}"` : `mailing "${r.mailing?.name ?? mailingName}"`;
    const records = (x: number, what: string) => `${n(x)} ${what}${x === 1 ? '' : 's'}`;
    if (r.matching) io.out(`One piece per ${r.matching.level}: ${r.matching.ranNow ? `matched the list at ${r.matching.level} level now (merge/purge run ${r.matching.runId})` : `the current ${r.matching.level}-level merge/purge (run ${r.matching.runId})`}; ${records(r.onePerDropped ?? 0, 'record')} left out as the same ${r.matching.level}.`);
    if (limit !== undefined) io.out(`Best-scored ${n(limit)}: ${n(r.limitDropped ?? 0)} lower-scored record${r.limitDropped === 1 ? '' : 's'} left out.`);
    const files = r.files ?? [{ key: null, fileName: path.basename(out), rows: r.rowsWritten }];
    if (splitBy) {
      io.out(`Exported ${n(r.rowsWritten)} rows of ${what} to ${files.length} file${files.length === 1 ? '' : 's'} by ${splitBy} in ${r.seconds.toFixed(2)} s:`);
      for (const f of files) io.out(`  ${f.fileName}  ${records(f.rows, 'row')}  (${splitBy} ${f.key})`);
    } else {
      io.out(`Exported ${n(r.rowsWritten)} rows of ${what} to ${path.basename(out)} in ${r.seconds.toFixed(2)} s.`);
    }
    if (r.mailing) io.out(r.mailing.isNew ? `Recorded in the mailing ledger as "${r.mailing.name}" (${channel}, ${n(r.rowsWritten)} pieces).` : `Recorded in the mailing ledger: mailing "${r.mailing.name}" exported again (no new pieces).`);
    return 0;
  } finally {
    stop();
  }
}

async function cmdClean(service: WinnowService, values: Record<string, string | boolean | undefined>, io: CliIO): Promise<number> {
  const projectPath = path.resolve(need(values, 'project'));
  const info = await openExisting(service, projectPath);
  const list = typeof values.list === 'string' ? await findList(info, values.list, projectPath) : null;
  const stop = showProgress(service, io);
  try {
    const { jobId } = await service.invoke('clean.start', { projectId: info.projectId, ...(list ? { listId: list.id } : {}) });
    const job = await service.invoke('jobs.wait', { jobId });
    if (job.status !== 'done' || !job.result) throw new WinnowError(job.error?.code ?? 'INTERNAL', job.error?.message ?? `clean ${job.status}`);
    const r = job.result as CleanResult;
    io.progress?.('');
    const n = (x: number) => x.toLocaleString('en-US');
    const pct = (x: number, of: number) => (of === 0 ? '0%' : `${Math.round((x * 100) / of)}%`);
    const rows = r.lists.reduce((s, l) => s + l.rows, 0);
    io.out(`Cleaned ${n(rows)} records in ${r.lists.length === 1 ? `list "${r.lists[0]!.listName}"` : `${r.lists.length} lists`} in ${r.seconds.toFixed(2)} s (${n(Math.round(rows / Math.max(r.seconds, 0.01)))} records/s).`);
    for (const l of r.lists) {
      io.out(`  ${l.listName}: ${n(l.rows)} records — mailable ${n(l.mailable)} (${pct(l.mailable, l.rows)}), emailable ${n(l.emailable)} (${pct(l.emailable, l.rows)}), callable ${n(l.callable)} (${pct(l.callable, l.rows)}); ${n(l.withIssues)} with issues; average quality ${l.averageQuality}`);
    }
    const shown = r.issues.filter((i) => i.severity !== 'info');
    if (shown.length > 0) {
      io.out('Issues:');
      const width = Math.max(...shown.map((i) => i.code.length));
      for (const i of shown) io.out(`  ${i.code.padEnd(width)}  ${i.severity.padEnd(7)}  ${n(i.records).padStart(9)}  ${i.label}`);
    }
    io.out('USPS-style standardization from public data: not CASS, DPV or NCOA certified.');
    return 0;
  } finally {
    stop();
  }
}

async function cmdLists(service: WinnowService, values: Record<string, string | boolean | undefined>, io: CliIO): Promise<number> {
  const info = await openExisting(service, path.resolve(need(values, 'project')));
  if (info.lists.length === 0) {
    io.out(`${info.name} has no lists yet.`);
    return 0;
  }
  const rows = [['LIST', 'ROLE', 'ROWS'], ...info.lists.map((l) => [l.name, l.role, String(l.rowCount)])];
  const widths = [0, 1].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) io.out(`${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]!.padStart(4)}`);
  return 0;
}

async function cmdDedupe(service: WinnowService, file: string | undefined, values: Record<string, string | boolean | undefined>, io: CliIO): Promise<number> {
  const level = values.level as string | undefined;
  if (level !== undefined && !(MATCH_LEVELS as readonly string[]).includes(level)) throw new UsageError(`--level must be one of ${MATCH_LEVELS.join(', ')} (got "${level}")`);
  const clustersOut = typeof values.clusters === 'string' ? path.resolve(values.clusters) : null;
  if (file !== undefined) {
    if (typeof values.project === 'string') throw new UsageError('give a FILE or --project, not both');
    if (typeof values.lists === 'string') throw new UsageError('--lists goes with --project');
    if (!clustersOut) throw new UsageError('--clusters OUT.csv is required with a FILE');
    const source = path.resolve(file);
    const options = readOptions(values);
    // Check the file before making anything.
    await service.invoke('import.preview', { file: service.registerFile(source, 'read'), options });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-dedupe-'));
    const projectPath = path.join(dir, 'dedupe.winnow');
    try {
      const info = await service.invoke('project.create', { file: service.registerFile(projectPath, 'write') });
      const stop = showProgress(service, io);
      try {
        const imported = await waitFor<ImportResult>(service, (await service.invoke('import.start', { projectId: info.projectId, file: service.registerFile(source, 'read'), role: 'prospects', options, ifAlreadyImported: 'import' })).jobId, 'import');
        const r = await waitFor<MergePurgeResult>(
          service,
          (await service.invoke('dedupe.start', { projectId: info.projectId, listIds: [imported.listId], ...(level ? { level: level as MatchLevel } : {}) })).jobId,
          'merge/purge',
        );
        await waitFor<ExportResult>(service, (await service.invoke('dedupe.exportClusters', { projectId: info.projectId, runId: r.runId, file: service.registerFile(clustersOut, 'write') })).jobId, 'export');
        io.progress?.('');
        printMergeReport(r, io);
        io.out(`Clusters written to ${path.basename(clustersOut)} (row,cluster).`);
      } finally {
        stop();
        await service.invoke('project.close', { projectId: info.projectId });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return 0;
  }
  const projectPath = path.resolve(need(values, 'project'));
  const info = await openExisting(service, projectPath);
  const listIds = typeof values.lists === 'string' ? await Promise.all(values.lists.split(',').map(async (name) => (await findList(info, name.trim(), projectPath)).id)) : undefined;
  const stop = showProgress(service, io);
  try {
    const r = await waitFor<MergePurgeResult>(service, (await service.invoke('dedupe.start', { projectId: info.projectId, ...(listIds ? { listIds } : {}), ...(level ? { level: level as MatchLevel } : {}) })).jobId, 'merge/purge');
    if (clustersOut) await waitFor<ExportResult>(service, (await service.invoke('dedupe.exportClusters', { projectId: info.projectId, runId: r.runId, file: service.registerFile(clustersOut, 'write') })).jobId, 'export');
    io.progress?.('');
    printMergeReport(r, io);
    if (clustersOut) io.out(`Clusters written to ${path.basename(clustersOut)} (${r.lists.length === 1 ? 'row,cluster' : 'list,row,cluster'}).`);
    return 0;
  } finally {
    stop();
  }
}

/** The comma-separated codes of an option, upper-cased, each checked against `pattern`. */
function codesOf(values: Record<string, string | boolean | undefined>, name: string, pattern: RegExp, what: string): string[] | null {
  const v = values[name];
  if (typeof v !== 'string') return null;
  const codes = v.split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter((c) => c);
  if (codes.length === 0) throw new UsageError(`--${name} needs at least one ${what}`);
  const bad = codes.find((c) => !pattern.test(c));
  if (bad !== undefined) throw new UsageError(`--${name}: "${bad}" is not ${what}`);
  return codes;
}

async function cmdMailing(service: WinnowService, values: Record<string, string | boolean | undefined>, io: CliIO): Promise<number> {
  const projectPath = path.resolve(need(values, 'project'));
  const fromName = need(values, 'from');
  const out = path.resolve(need(values, 'out'));
  const reportPath = typeof values.report === 'string' ? path.resolve(values.report) : null;
  const level = (values.level as string | undefined) ?? 'auto';
  if (!(SUPPRESS_LEVELS as readonly string[]).includes(level)) throw new UsageError(`--level must be one of ${SUPPRESS_LEVELS.join(', ')} (got "${level}")`);
  const channel = (values.channel as string | undefined) ?? 'direct-mail';
  if (!(MAILING_CHANNELS as readonly string[]).includes(channel)) throw new UsageError(`--channel must be one of ${MAILING_CHANNELS.join(', ')} (got "${channel}")`);
  const fields = (values.fields as string | undefined) ?? 'original';
  if (fields !== 'original' && fields !== 'canonical' && fields !== 'all') throw new UsageError(`--fields must be original, canonical or all, not "${fields}"`);
  const states = codesOf(values, 'states', /^[A-Z]{2}$/, 'a two-letter state code');
  const zip3 = codesOf(values, 'zip3', /^\d{3}$/, 'a 3-digit ZIP area');
  let radius: { center: string; miles: number } | null = null;
  if (typeof values.radius === 'string') {
    const at = values.radius.lastIndexOf(':');
    const miles = Number(values.radius.slice(at + 1));
    if (at <= 0 || !Number.isFinite(miles) || miles <= 0) throw new UsageError(`--radius must be ZIP:MILES, e.g. 89501:25 (got "${values.radius}")`);
    radius = { center: values.radius.slice(0, at), miles };
  }
  let days: number | null = null;
  if (typeof values['not-mailed-days'] === 'string') {
    days = Number(values['not-mailed-days']);
    if (!Number.isInteger(days) || days < 1 || days > 3650) throw new UsageError(`--not-mailed-days must be a whole number of days from 1 to 3650 (got "${values['not-mailed-days']}")`);
  }
  const info = await openExisting(service, projectPath);
  const from = await findList(info, fromName, projectPath);
  const steps: TargetStepInput[] = [];
  if (typeof values.suppress === 'string') {
    for (const name of values.suppress.split(',').map((x) => x.trim()).filter((x) => x)) {
      steps.push({ kind: 'suppress', listIds: [(await findList(info, name, projectPath)).id], level: level as SuppressLevel });
    }
  }
  if (values['exclude-customers']) steps.push({ kind: 'customers', mode: 'exclude', level: level as SuppressLevel });
  if (states) steps.push({ kind: 'states', mode: 'include', states });
  if (zip3) steps.push({ kind: 'zip3', mode: 'include', zip3 });
  if (radius) steps.push({ kind: 'radius', mode: 'include', ...radius });
  if (days !== null) steps.push({ kind: 'notMailed', days });
  const today = new Date().toISOString().slice(0, 10);
  const mailingName = typeof values.name === 'string' && values.name.trim() !== '' ? values.name.trim() : `${from.name} ${today}`;
  const stop = showProgress(service, io);
  try {
    const run = await waitFor<MailingRunResult>(service, (await service.invoke('mailing.run', { projectId: info.projectId, recipe: { fromListId: from.id, steps } })).jobId, 'mailing');
    const written = await waitFor<ExportResult>(
      service,
      (await service.invoke('mailing.export', { projectId: info.projectId, runId: run.runId, file: service.registerFile(out, 'write'), name: mailingName, channel: channel as MailingChannel, mailedAt: today, fields })).jobId,
      'export',
    );
    io.progress?.('');
    printWaterfall(run, io);
    io.out(`Wrote ${written.rowsWritten.toLocaleString('en-US')} records to ${path.basename(out)}; recorded in the mailing ledger as "${mailingName}" (${channel}, ${today}).`);
    if (reportPath) {
      const report = {
        project: path.basename(projectPath),
        from: from.name,
        mailing: mailingName,
        channel,
        mailedAt: today,
        runId: run.runId,
        // The rules only: the input is "input" (the first step's in).
        steps: run.steps.slice(1).map((st) => ({ step: st.step, kind: st.kind, in: st.in, removed: st.removed, ...(st.note ? { note: st.note } : {}) })),
        input: run.input,
        kept: run.kept,
        multiBuyers: run.multiBuyers,
        out: path.basename(out),
        rowsWritten: written.rowsWritten,
        seconds: run.seconds,
      };
      fs.writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
      io.out(`Report written to ${path.basename(reportPath)}.`);
    }
    return 0;
  } finally {
    stop();
  }
}

async function cmdModel(service: WinnowService, positionals: string[], values: Record<string, string | boolean | undefined>, io: CliIO): Promise<number> {
  if (positionals[0] !== 'train') throw new UsageError(`unknown model command "${positionals[0]}" (expected: train)`);
  const file = path.resolve(positionals[1]!);
  const outcome = need(values, 'outcome');
  const positive = need(values, 'positive');
  const folds = typeof values.folds === 'string' ? Number(values.folds) : 5;
  if (!Number.isInteger(folds) || folds < 2 || folds > 20) throw new UsageError(`--folds must be a whole number from 2 to 20 (got "${String(values.folds)}")`);
  const ignore = typeof values.ignore === 'string' ? values.ignore.split(',').map((x) => x.trim()).filter((x) => x) : undefined;
  const save = typeof values.save === 'string' ? path.resolve(values.save) : null;
  const r = await service.invoke('model.train', {
    file: service.registerFile(file, 'read'),
    outcome,
    positive,
    folds,
    options: readOptions(values),
    ...(ignore ? { ignore } : {}),
    ...(save ? { save: service.registerFile(save, 'write') } : {}),
  });
  const n = (x: number) => x.toLocaleString('en-US');
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  io.out(`Read ${n(r.rows)} rows of ${path.basename(file)} in ${r.seconds.toFixed(2)} s: "${r.outcome}" = "${r.positive}" in ${n(r.positives)} (${pct(r.positives / Math.max(1, r.rows))}).`);
  io.out(`Columns read (${r.features.length}): ${r.features.map((f) => `${f.name} (${f.kind === 'categorical' ? 'category' : f.kind === 'date' ? 'date' : 'number'})`).join(', ')}.`);
  for (const l of r.leftOut) io.out(`Left out: ${l.name} — ${l.why}.`);
  for (const w of r.warnings) io.out(`Warning: ${w}`);
  io.out(
    `${r.folds}-fold cross-validation: logistic regression auc ${r.logistic.toFixed(4)}${r.boosted === null ? '' : `; gradient-boosted trees auc ${r.boosted.toFixed(4)}`} → kept ${r.chosen === 'gbt' ? 'gradient-boosted trees' : 'logistic regression'}.`,
  );
  const g = (d: number) => r.gains.find((x) => Math.abs(x.depth - d) < 1e-9);
  io.out(`Gains (out of fold): ${[0.1, 0.2, 0.3, 0.5].map((d) => g(d)).filter((x) => x).map((x) => `top ${Math.round(x!.depth * 100)}% → ${pct(x!.captured)} of responders (lift ${x!.lift.toFixed(2)})`).join('; ')}.`);
  io.out(`Mail the best ${n(r.mailFor50)} (${pct(r.mailFor50 / Math.max(1, r.rows))}) to reach half the responders, the best ${n(r.mailFor80)} (${pct(r.mailFor80 / Math.max(1, r.rows))}) to reach 80%.`);
  io.out(`What moves the score most: ${r.topFactors.map((f) => `${f.name} (${f.weight.toFixed(2)})`).join(', ')}.`);
  if (r.savedTo) io.out(`Model saved to ${r.savedTo}.`);
  io.out(`auc=${r.auc.toFixed(3)}`);
  return 0;
}

async function cmdScoreProject(service: WinnowService, values: Record<string, string | boolean | undefined>, io: CliIO): Promise<number> {
  const projectPath = path.resolve(need(values, 'project'));
  const info = await openExisting(service, projectPath);
  const n = (x: number) => x.toLocaleString('en-US');
  const stop = showProgress(service, io);
  try {
    const r = await waitFor<ScoreRunResult>(service, (await service.invoke('score.run', { projectId: info.projectId })).jobId, 'scoring');
    const profile = await service.invoke('score.profile', { projectId: info.projectId });
    io.progress?.('');
    io.out(`Best customers: ${n(profile.best)} of ${n(profile.customers)} (R + F + M ≥ ${profile.bestMin}${profile.asOf ? `, recency as of ${profile.asOf}` : ''}).`);
    for (const note of profile.notes) io.out(`  ${note}`);
    for (const a of profile.attributes.slice(0, 8)) io.out(`  ${a.label} ${a.value}: index ${a.indexVsAll} vs all customers${a.indexVsProspects === null ? '' : `, ${a.indexVsProspects} vs prospects`} (${n(a.best)} best customers)`);
    io.out(`Scored ${n(r.prospects)} prospects in ${r.seconds.toFixed(2)} s. Grades (fit A-D × engagement 1-3):`);
    io.out(`       1       2       3`);
    for (const l of ['A', 'B', 'C', 'D']) io.out(`  ${l} ${[1, 2, 3].map((e) => n(r.grades[`${l}${e}`] ?? 0).padStart(7)).join(' ')}`);
    for (const f of r.flags) io.out(`  flag: ${f.label} — ${n(f.records)}`);
    if (r.engagement.events > 0) io.out(`Engagement: ${n(r.engagement.events)} activities and responses matched to ${n(r.engagement.leads)} leads; ${n(r.engagement.hot)} hot.`);
    if (r.response) io.out(`Response model from ${n(r.response.mailed)} mailed (${n(r.response.responders)} responders): cross-validated AUC ${r.response.auc.toFixed(3)} (${r.response.chosen === 'gbt' ? 'gradient-boosted trees' : 'logistic regression'}).`);
    for (const note of r.notes) io.out(`  ${note}`);
    io.out(`Sales-ready: ${n(r.salesReady)} (${n(r.newlySalesReady)} new since the last score).`);
    if (typeof values.handoff === 'string') {
      const out = path.resolve(values.handoff);
      const crm = values.crm ?? 'salesforce';
      if (crm !== 'salesforce' && crm !== 'hubspot') throw new WinnowError('INVALID_INPUT', `--crm must be salesforce or hubspot (got "${crm}").`);
      const w = await waitFor<ExportResult>(service, (await service.invoke('score.exportHandoff', { projectId: info.projectId, file: service.registerFile(out, 'write'), crm })).jobId, 'export');
      io.out(`Wrote ${n(w.rowsWritten)} sales-ready leads to ${path.basename(out)}.`);
    }
    return 0;
  } finally {
    stop();
  }
}

async function cmdScore(service: WinnowService, file: string, values: Record<string, string | boolean | undefined>, io: CliIO): Promise<number> {
  const model = path.resolve(need(values, 'model'));
  const out = path.resolve(need(values, 'out'));
  if (!fs.existsSync(model)) throw new WinnowError('FILE_NOT_FOUND', `model ${model} does not exist.`);
  const r = await service.invoke('model.scoreFile', { file: service.registerFile(path.resolve(file), 'read'), model: service.registerFile(model, 'read'), out: service.registerFile(out, 'write'), options: readOptions(values) });
  if (r.missingColumns.length > 0) io.out(`Warning: ${path.basename(file)} has no ${r.missingColumns.map((c) => `"${c}"`).join(', ')} column${r.missingColumns.length === 1 ? '' : 's'}; scored as missing.`);
  io.out(`Scored ${r.rowsWritten.toLocaleString('en-US')} rows into ${r.fileName} in ${r.seconds.toFixed(2)} s (average score ${r.averageScore.toFixed(1)}).`);
  return 0;
}

function printWaterfall(r: MailingRunResult, io: CliIO): void {
  const n = (x: number) => x.toLocaleString('en-US');
  io.out(`Mailing set from "${r.fromListName}" in ${r.seconds.toFixed(2)} s: ${n(r.input)} → ${n(r.kept)} records.`);
  const rows = r.steps.map((st, k) => [String(k), st.step, n(st.in), k === 0 ? '' : n(st.removed), n(st.in - st.removed)]);
  rows.push(['', 'Mailing set', '', '', n(r.kept)]);
  const head = ['#', 'STEP', 'IN', 'REMOVED', 'OUT'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  io.out(line(head));
  for (const row of rows) io.out(line(row));
  for (const st of r.steps) if (st.note) io.out(`  ${st.step}: ${st.note}`);
  if (r.multiBuyers > 0) io.out(`Multi-buyers in the set (also on another bought list): ${n(r.multiBuyers)}.`);
}

/** A money option: dollars, "$1,250.00" and "1250" alike. */
function dollarsOf(values: Record<string, string | boolean | undefined>, name: string, max: number): number | undefined {
  const v = values[name];
  if (typeof v !== 'string') return undefined;
  const x = Number(v.replace(/[$,\s]/g, ''));
  if (v.trim() === '' || !Number.isFinite(x) || x < 0 || x > max) throw new UsageError(`--${name} must be an amount in dollars from 0 to ${max.toLocaleString('en-US')} (got "${v}")`);
  return x;
}

async function cmdAudit(service: WinnowService, values: Record<string, string | boolean | undefined>, io: CliIO): Promise<number> {
  const projectPath = path.resolve(need(values, 'project'));
  const listName = need(values, 'list');
  const out = path.resolve(need(values, 'out'));
  const price = dollarsOf(values, 'price', 1e9);
  const cpm = dollarsOf(values, 'cpm', 1e7);
  if (price !== undefined && cpm !== undefined) throw new UsageError('give --price or --cpm, not both');
  const printCost = dollarsOf(values, 'print-cost', 100);
  const postageCost = dollarsOf(values, 'postage-cost', 100);
  let recentDays: number | undefined;
  if (typeof values['recent-days'] === 'string') {
    recentDays = Number(values['recent-days']);
    if (!Number.isInteger(recentDays) || recentDays < 1 || recentDays > 3650) throw new UsageError(`--recent-days must be a whole number of days from 1 to 3650 (got "${values['recent-days']}")`);
  }
  const states = codesOf(values, 'states', /^[A-Z]{2}$/, 'a two-letter state code');
  const zip3 = codesOf(values, 'zip3', /^\d{3}$/, 'a 3-digit ZIP area');
  const target: TargetStep[] = [];
  if (states) target.push({ kind: 'states', mode: 'include', states });
  if (zip3) target.push({ kind: 'zip3', mode: 'include', zip3 });
  if (typeof values.radius === 'string') {
    const at = values.radius.lastIndexOf(':');
    const miles = Number(values.radius.slice(at + 1));
    if (at <= 0 || !Number.isFinite(miles) || miles <= 0) throw new UsageError(`--radius must be ZIP:MILES, e.g. 89501:25 (got "${values.radius}")`);
    target.push({ kind: 'radius', mode: 'include', center: values.radius.slice(0, at), miles });
  }
  if (!fs.existsSync(path.dirname(out))) throw new WinnowError('FILE_NOT_FOUND', `the folder of ${out} does not exist.`);
  const info = await openExisting(service, projectPath);
  // A list by name (as every command takes it), or by its number when no list has that name.
  const pick = (name: string) => {
    const byId = /^\d+$/.test(name) && !info.lists.some((l) => l.name.toLowerCase() === name.toLowerCase()) ? info.lists.find((l) => l.id === Number(name)) : undefined;
    return byId ?? findList(info, name, projectPath);
  };
  const list = await pick(listName);
  const other = typeof values.compare === 'string' ? await pick(values.compare) : null;
  const costs = { ...(printCost !== undefined ? { printPerPiece: printCost } : {}), ...(postageCost !== undefined ? { postagePerPiece: postageCost } : {}), ...(recentDays !== undefined ? { recentDays } : {}) };
  const stop = showProgress(service, io);
  try {
    const { jobId } = await service.invoke('audit.run', {
      projectId: info.projectId,
      listId: list.id,
      ...(other ? { compareListId: other.id } : {}),
      ...(price !== undefined ? { price } : {}),
      ...(cpm !== undefined ? { cpm } : {}),
      ...(target.length > 0 ? { target } : {}),
      costs,
    });
    const r = await waitFor<AuditResult>(service, jobId, 'audit');
    const written = await service.invoke('audit.exportHtml', { projectId: info.projectId, jobId, file: service.registerFile(out, 'write') });
    io.progress?.('');
    printAudit(r, io);
    io.out(`Report written to ${written.fileName} (${formatSize(written.bytes)}).`);
    return 0;
  } finally {
    stop();
  }
}

function printAudit(r: AuditResult, io: CliIO): void {
  const n = (x: number) => x.toLocaleString('en-US');
  const pct = (x: number, of: number) => (of === 0 ? '0%' : `${((100 * x) / of).toFixed(1)}%`);
  const usd = formatDollars;
  const line = (label: string, value: string) => io.out(`  ${`${label}:`.padEnd(32)}${value}`);
  io.out(`Audit in ${r.seconds.toFixed(2)} s; target area: ${r.target ? `${r.target.description}${r.target.recipeName ? ` (recipe "${r.target.recipeName}")` : ''}` : 'none set'}; unit costs ${formatUnitCost(r.costs.printPerPiece)} print + ${formatUnitCost(r.costs.postagePerPiece)} postage per piece.`);
  for (const l of r.lists) {
    io.out(`List "${l.listName}" (${l.role}):`);
    for (const note of l.notes) io.out(`  note: ${note}`);
    line('rows', n(l.rows));
    for (const s of l.steps) line(s.label.toLowerCase(), s.kind === 'outside' && !r.target ? 'no target area set' : `${n(s.found)} found, ${n(s.removed)} removed`);
    line('net-new mailable', `${n(l.netNew)} (${pct(l.netNew, l.rows)})`);
    line('list price', l.price ? `${usd(l.price.total)} (${usd(l.price.cpm)} per thousand, ${l.price.source})` : 'none entered');
    line('cost per net-new record', l.costPerNetNew === null ? (l.price ? 'no net-new records' : 'needs a price (--price or --cpm)') : formatUnitCost(l.costPerNetNew));
    line('pieces saved', `${n(l.savings.pieces)}: print ${usd(l.savings.print)}, postage ${usd(l.savings.postage)}, total ${usd(l.savings.total)}`);
    line('missing fields', l.missing.map((m) => `${m.field} ${n(m.records)}`).join(', '));
  }
}

/**
 * winnow postal-import. The output is a contract (scripts read it): the first line names the file and the list, then
 * one "name: N" line per count in this order, then indented details.
 */
async function cmdPostalImport(service: WinnowService, values: Record<string, string | boolean | undefined>, io: CliIO): Promise<number> {
  const projectPath = path.resolve(need(values, 'project'));
  const listName = need(values, 'list');
  const file = path.resolve(need(values, 'file'));
  if (!fs.existsSync(file)) throw new WinnowError('FILE_NOT_FOUND', `result file ${file} does not exist.`);
  const info = await openExisting(service, projectPath);
  const byId = /^\d+$/.test(listName) && !info.lists.some((l) => l.name.toLowerCase() === listName.toLowerCase()) ? info.lists.find((l) => l.id === Number(listName)) : undefined;
  const list = byId ?? (await findList(info, listName, projectPath));
  const stop = showProgress(service, io);
  try {
    const { jobId } = await service.invoke('postal.import', { projectId: info.projectId, listId: list.id, file: service.registerFile(file, 'read') });
    const r = await waitFor<PostalImportResult>(service, jobId, 'postal import');
    io.progress?.('');
    for (const line of postalImportReport(r)) io.out(line);
    return 0;
  } finally {
    stop();
  }
}

/** The lines winnow postal-import prints. */
export function postalImportReport(r: PostalImportResult): string[] {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = (l: { count: number; lines: number[] }) => `${l.lines.join(', ')}${l.count > l.lines.length ? ', …' : ''}`;
  return [
    `postal-import: ${r.fileName} → list ${r.listId} "${r.listName}"`,
    `matched: ${n(r.matched)}`,
    `unmatched: ${n(r.unmatched.count)}${r.unmatched.count > 0 ? ` (first lines: ${lines(r.unmatched)})` : ''}`,
    `dpv confirmed: ${n(r.dpv.confirmed)}`,
    `dpv not confirmed: ${n(r.dpv.notConfirmed)}`,
    `vacant: ${n(r.vacant)}`,
    `moved: ${n(r.moved.total)}`,
    `now not mailable: ${n(r.nowNotMailable)}`,
    ...(r.duplicates.count > 0 ? [`  duplicate keys: ${n(r.duplicates.count)} (lines ${lines(r.duplicates)}; the first row of each key was used)`] : []),
    ...(r.noKey.count > 0 ? [`  rows without a key: ${n(r.noKey.count)} (lines ${lines(r.noKey)})`] : []),
    ...(r.dpv.secondaryMissing > 0 ? [`  dpv confirmed without the apartment or suite (S, D): ${n(r.dpv.secondaryMissing)}`] : []),
    ...(r.dpv.none > 0 ? [`  no dpv code: ${n(r.dpv.none)}`] : []),
    ...(r.moved.total > 0 ? [`  moves: ${n(r.moved.newAddress)} with a new address, ${n(r.moved.noForwarding)} without a forwarding address`] : []),
    ...(r.nowMailable > 0 ? [`  mailable again (an earlier result replaced): ${n(r.nowMailable)}`] : []),
    `  columns: ${r.columns.map((c) => `${c.header} → ${c.label}`).join(', ')}`,
  ];
}

async function waitFor<R>(service: WinnowService, jobId: string, what: string): Promise<R> {
  const job = await service.invoke('jobs.wait', { jobId });
  if (job.status !== 'done' || !job.result) throw new WinnowError(job.error?.code ?? 'INTERNAL', job.error?.message ?? `${what} ${job.status}`);
  return job.result as R;
}

function printMergeReport(r: MergePurgeResult, io: CliIO): void {
  const n = (x: number) => x.toLocaleString('en-US');
  io.out(
    `Merge/purge at ${r.level} level of ${n(r.rowsBefore)} records in ${r.lists.length === 1 ? `list "${r.lists[0]!.listName}"` : `${r.lists.length} lists`} in ${r.seconds.toFixed(2)} s: ` +
      `${n(r.rowsBefore)} → ${n(r.rowsAfter)} records (${n(r.rowsBefore - r.rowsAfter)} duplicates; ${n(r.clusters)} entities with more than one record).`,
  );
  for (const l of r.lists) {
    io.out(
      `  ${l.priority}. ${l.listName} (${l.role}): ${n(l.rows)} rows — ${n(l.duplicatesWithin)} duplicates within the list, ${n(l.duplicatesBetween)} between lists, ${n(l.multiBuyers)} multi-buyer records; ${n(l.kept)} kept`,
    );
  }
  if (r.lists.length > 1) io.out(`Multi-buyers: ${n(r.multiBuyers)} entities on two or more lists.`);
  io.out(`Pairs: ${n(r.candidatePairs)} compared, ${n(r.mergedPairs)} merged, ${n(r.reviewPairs)} doubtful (review queue).`);
}
