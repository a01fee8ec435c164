// The postal-import job: reads a licensed service bureau's CASS/DPV/NCOA result file, finds each row's record by its winnow_id key, keeps the results beside the records and re-applies them to the records' clean, in one transaction.
import { WinnowError, type ListInfo, type PostalImportResult, type RecordPostal } from '../api/contract';
import { cleanRecord, type CleanTables } from '../domain/clean-record';
import {
  detectPostalLayout,
  parseRecordKey,
  POSTAL_FIELD_LABELS,
  PostalValueError,
  readPostalRow,
  RECORD_KEY_HEADER,
  RESULT_FIELDS,
  type PostalLayout,
  type PostalRow,
} from '../domain/export/postal-layout';
import { dpvWords, moveWords, newAddressLine, postalEffect } from '../domain/postal-verdict';
import { cleanForIds, decodeClean, encodeClean, FLAG_MAILABLE, listCleanStats, putClean, saveListClean, tally, type StoredClean } from '../store/clean';
import { statementJournalInMemory, type Db } from '../store/db';
import { getPostalImport, insertPostalImport, postalForIds, postalWriter, setPostalImportSummary, type StoredPostal } from '../store/postal';
import { recordId } from '../store/records';
import { valuesOf } from './clean-batch';
import { fieldColumns } from './clean-list';
import { readSetup, type TableSetup } from './import-list';
import { addressKey, currentCellsOf, withPostal } from './postal-verdicts';
import type { ProgressSink } from './progress';
import { readTable } from './read-table';

export interface PostalImportInput {
  list: ListInfo;
  filePath: string;
  displayName: string;
  tables: () => CleanTables;
  signal: AbortSignal;
  progress: ProgressSink;
  /** Called once the file has been read and found good, before anything is written: cleans the list when it never was. */
  beforeWrite?: () => Promise<void>;
}

/** Line numbers kept per kind of rejected row. */
const MAX_LINES = 20;

const cancelled = () => new WinnowError('JOB_CANCELLED', 'The postal import was cancelled; the project is unchanged.');

/** Header cells quoted for a message: "a", "b", "c". */
const quoted = (header: readonly string[]) => header.map((h) => `"${h}"`).join(', ');

/** Checks that a layout can be imported; the error says what was expected and what the header has. */
export function checkPostalLayout(layout: PostalLayout, header: readonly string[], fileName: string, headerRow: number): void {
  if (layout.columns.key === undefined) {
    throw new WinnowError(
      'INVALID_INPUT',
      `${fileName}: no record key column. Expected a column named ${RECORD_KEY_HEADER} holding keys like W3-17 (the first column of winnow export --fields cass, which the service bureau must send back); the header (line ${headerRow}) has ${quoted(header)}.`,
      { file: fileName, line: headerRow },
    );
  }
  if (!RESULT_FIELDS.some((f) => f !== 'address1' && f !== 'zip5' && layout.columns[f] !== undefined)) {
    throw new WinnowError(
      'INVALID_INPUT',
      `${fileName}: no postal result columns. Expected at least one of: a DPV match code (DPV, DPVMatchCode, dpv_match_code), a vacant flag (DPVVacant, dpv_vacant), result codes (Results), a ZIP+4 add-on (Plus4, ZIP4, plus4_code) or NCOA move columns (NCOA Return Code, Move Type, Move Effective Date, New Address); the header (line ${headerRow}) has ${quoted(header)}.`,
      { file: fileName, line: headerRow },
    );
  }
}

interface Matched {
  id: number;
  lineNo: number;
  row: PostalRow;
}

/** Counts over the matched rows, kept as the file is read (no row is held). */
interface Tally {
  rows: number;
  matched: number;
  unmatched: number[];
  unmatchedCount: number;
  duplicates: number[];
  duplicatesCount: number;
  noKey: number[];
  noKeyCount: number;
  firstUnknown: { line: number; key: string; why: string } | null;
  dpvConfirmed: number;
  dpvSecondary: number;
  dpvNot: number;
  dpvNone: number;
  vacant: number;
  movedNew: number;
  movedNoForwarding: number;
  undeliverable: number;
}

const emptyTally = (): Tally => ({
  rows: 0, matched: 0, unmatched: [], unmatchedCount: 0, duplicates: [], duplicatesCount: 0, noKey: [], noKeyCount: 0, firstUnknown: null,
  dpvConfirmed: 0, dpvSecondary: 0, dpvNot: 0, dpvNone: 0, vacant: 0, movedNew: 0, movedNoForwarding: 0, undeliverable: 0,
});

const note = (lines: number[], line: number) => {
  if (lines.length < MAX_LINES) lines.push(line);
};

/**
 * Reads the file once, matching each row's key (the first row of a key wins) and reading its values; a value that
 * cannot mean what its column says stops the import. Matched rows go to `onBatch` a batch at a time, so a million-row
 * result file is never held in memory. The job reads the file twice: once to check it, once to write it.
 */
async function scan(job: PostalImportInput, setup: TableSetup, layout: PostalLayout, onBatch: (matched: Matched[]) => void, phase: string): Promise<Tally> {
  const { list, displayName: fileName } = job;
  const keyColumn = layout.columns.key!;
  const t = emptyTally();
  const seen = new Uint8Array(list.rowCount + 1);
  const it = readTable(job.filePath, fileName, setup.info, setup.headerRow);
  for (;;) {
    const next = await it.next();
    if (next.done) break;
    if (job.signal.aborted) throw cancelled();
    const batch = next.value;
    const matched: Matched[] = [];
    for (let i = 0; i < batch.rows.length; i++) {
      const cells = JSON.parse(batch.rows[i]!) as string[];
      const lineNo = batch.lineNos[i]!;
      t.rows++;
      const keyText = (cells[keyColumn] ?? '').trim();
      if (keyText === '' || keyText === "'") {
        t.noKeyCount++;
        note(t.noKey, lineNo);
        continue;
      }
      const key = parseRecordKey(keyText);
      const why = !key ? 'not a Winnow key' : key.listId !== list.id ? `a record of list ${key.listId}` : key.rowNo > list.rowCount ? `past the list's last row (${list.rowCount})` : null;
      if (!key || why) {
        t.unmatchedCount++;
        note(t.unmatched, lineNo);
        t.firstUnknown ??= { line: lineNo, key: keyText, why: why ?? '' };
        continue;
      }
      if (seen[key.rowNo]) {
        t.duplicatesCount++;
        note(t.duplicates, lineNo);
        continue;
      }
      seen[key.rowNo] = 1;
      let row: PostalRow;
      try {
        row = readPostalRow(cells, layout);
      } catch (e) {
        if (!(e instanceof PostalValueError)) throw e;
        const header = setup.header[layout.columns[e.field] ?? -1] ?? e.field;
        throw new WinnowError('INVALID_INPUT', `${fileName}, line ${lineNo}, column "${header}": ${e.message}. Nothing was imported.`, { file: fileName, line: lineNo, column: header, value: e.value });
      }
      t.matched++;
      if (row.dpv === 'Y' || row.dpv === 'S' || row.dpv === 'D') t.dpvConfirmed++;
      if (row.dpv === 'S' || row.dpv === 'D') t.dpvSecondary++;
      if (row.dpv === 'N') t.dpvNot++;
      if (row.dpv === '') t.dpvNone++;
      if (row.vacant === true) t.vacant++;
      if (row.move === 'new-address') t.movedNew++;
      if (row.move === 'no-forwarding') t.movedNoForwarding++;
      if (postalEffect(row) === 2) t.undeliverable++;
      matched.push({ id: recordId(list.id, key.rowNo), lineNo, row });
    }
    if (matched.length > 0) onBatch(matched);
    job.progress({ phase, rows: t.rows, done: batch.bytesRead, total: setup.info.size });
  }
  return t;
}

export async function postalImport(db: Db, job: PostalImportInput): Promise<PostalImportResult> {
  const started = performance.now();
  const { list, displayName: fileName } = job;
  job.progress({ phase: 'checking the result file', rows: 0, done: 0, total: null });
  const setup = await readSetup(job.filePath, fileName);
  if (setup.header.length === 0) throw new WinnowError('FILE_EMPTY', `${fileName} holds only blank lines: there are no results to import.`, { file: fileName });
  const layout = detectPostalLayout(setup.header, setup.rows);
  checkPostalLayout(layout, setup.header, fileName, setup.headerRow);

  // Pass 1: check every row and count; nothing is written.
  const t = await scan(job, setup, layout, () => undefined, 'checking the result file');
  if (t.rows === 0) throw new WinnowError('FILE_EMPTY', `${fileName} has a header but no data rows: there are no results to import.`, { file: fileName });
  if (t.matched === 0) {
    const parts = [
      t.unmatchedCount > 0 ? `${t.unmatchedCount} with keys that are not records of it (first on line ${t.firstUnknown!.line}: "${t.firstUnknown!.key}", ${t.firstUnknown!.why})` : '',
      t.noKeyCount > 0 ? `${t.noKeyCount} without a key (first on line ${t.noKey[0]})` : '',
    ].filter((x) => x);
    throw new WinnowError(
      'NOT_FOUND',
      `${fileName}: none of its ${t.rows} rows is a record of list ${list.id} "${list.name}" (${parts.join('; ')}). Was it sent out from this list with winnow export --fields cass?`,
      { file: fileName, listId: list.id },
    );
  }

  await job.beforeWrite?.();
  if (job.signal.aborted) throw cancelled();
  // Pass 2: write the results and put them into the records' clean, in one transaction.
  const importedAt = new Date().toISOString();
  const columns = layout.found.map((f) => ({ header: f.header, field: f.field, label: POSTAL_FIELD_LABELS[f.field] }));
  let nowNotMailable = 0;
  let nowMailable = 0;
  // A bulk write: SQLite's statement journal in memory, not a temporary file written for every INSERT (see db.ts).
  statementJournalInMemory(db, true);
  db.exec('BEGIN IMMEDIATE');
  try {
    const importId = insertPostalImport(db, { listId: list.id, fileName, importedAt, layout: layout.found });
    const write = postalWriter(db);
    const saved = listCleanStats(db, list.id);
    const fields = fieldColumns(list);
    const save = (part: Matched[]) => {
      const ids = part.map((m) => m.id);
      const cells = currentCellsOf(db, list, ids);
      const old = postalForIds(db, ids);
      const stored = saved ? cleanForIds(db, ids) : new Map<number, StoredClean>();
      for (const m of part) {
        const c = cells.get(m.id) ?? [];
        const result: StoredPostal = { ...m.row, recordId: m.id, importId, lineNo: m.lineNo, addressKey: addressKey(list, c), effect: postalEffect(m.row) };
        write.add(result);
        const before = stored.get(m.id);
        // A record whose old or new result changes its clean is cleaned again from its cells, then given the new result.
        if (!saved || !before || (result.effect === 0 && (old.get(m.id)?.effect ?? 0) === 0)) continue;
        const after = withPostal(db, list, m.id, c, cleanRecord(valuesOf(c, fields), job.tables()), result);
        const e = encodeClean(after);
        const wasMailable = (before.flags & FLAG_MAILABLE) !== 0;
        if (wasMailable && !after.mailable) nowNotMailable++;
        if (!wasMailable && after.mailable) nowMailable++;
        tally(saved.stats, before, decodeClean(before).issues, -1);
        putClean(db, m.id, e);
        tally(saved.stats, e, after.issues, 1);
      }
    };
    const written = await scan(job, setup, layout, (matched) => {
      for (let k = 0; k < matched.length; k += 500) save(matched.slice(k, k + 500));
    }, 'saving the results');
    write.flush();
    // The file changed between the two reads: what was checked is not what was written.
    if (written.matched !== t.matched || written.rows !== t.rows) throw new WinnowError('FILE_UNREADABLE', `${fileName} changed while it was being imported; nothing was imported. Try again.`, { file: fileName });
    if (saved) saveListClean(db, list.id, saved.stats, saved.cleanedAt);
    if (job.signal.aborted) throw cancelled();
    const result: PostalImportResult = {
      listId: list.id,
      listName: list.name,
      fileName,
      importId,
      rows: t.rows,
      columns,
      matched: t.matched,
      unmatched: { count: t.unmatchedCount, lines: t.unmatched },
      duplicates: { count: t.duplicatesCount, lines: t.duplicates },
      noKey: { count: t.noKeyCount, lines: t.noKey },
      dpv: { confirmed: t.dpvConfirmed, secondaryMissing: t.dpvSecondary, notConfirmed: t.dpvNot, none: t.dpvNone },
      vacant: t.vacant,
      moved: { total: t.movedNew + t.movedNoForwarding, newAddress: t.movedNew, noForwarding: t.movedNoForwarding },
      undeliverable: t.undeliverable,
      nowNotMailable,
      nowMailable,
      seconds: Math.round((performance.now() - started) / 10) / 100,
    };
    setPostalImportSummary(db, importId, result);
    db.exec('COMMIT');
    return result;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  } finally {
    statementJournalInMemory(db, false);
  }
}

const MOVE_TYPE_WORDS: Record<string, string> = { I: 'individual', F: 'family', B: 'business' };

/** A record's result as the record drawer shows it. */
export function recordPostal(db: Db, list: ListInfo, p: StoredPostal, cells: readonly string[]): RecordPostal {
  const imp = getPostalImport(db, p.importId);
  const effect = postalEffect(p);
  const move: RecordPostal['move'] =
    p.move === 'none' ? null : { kind: p.move, type: MOVE_TYPE_WORDS[p.moveType] ?? '', date: p.moveDate, code: p.moveCode, newAddress: p.move === 'new-address' ? newAddressLine(p) : '', words: moveWords(p) };
  const parts = [`DPV ${dpvWords(p.dpv)}`, p.vacant === true ? 'vacant' : '', move ? move.words : ''].filter((x) => x);
  return {
    fileName: imp?.fileName ?? '',
    importedAt: imp?.importedAt ?? '',
    lineNo: p.lineNo,
    address1: p.address1,
    address2: p.address2,
    city: p.city,
    state: p.state,
    zip5: p.zip5,
    zip4: p.zip4,
    dpv: { code: p.dpv, words: dpvWords(p.dpv) },
    vacant: p.vacant,
    move,
    undeliverable: effect === 2,
    applies: p.addressKey === addressKey(list, cells),
    summary: `${parts.join('; ')}.`,
  };
}
