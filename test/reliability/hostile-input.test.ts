// Proves every file of the hostile-input corpus (test/fixtures/hostile) gets a specific error or a faithful import, never a crash or a hang, in bounded memory.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult, JobRecord } from '../../src/api/contract';
import { listProblems } from '../../src/store/problems';
import { ensureEngineBuilt, PARSE_WORKER, ROOT } from '../fixtures/engine-build';
import { allRows, cleanupAfterEach, exportList, importFile, newProject, projectSnapshot, tempDir, writeFile, type TestProject } from '../fixtures/helpers';
import {
  bigCellCsv,
  bigCsvRow,
  FORMULA_LOOKALIKES,
  FORMULA_PAYLOADS,
  inlineRow,
  PEOPLE,
  sheetXml,
  smallCorpus,
  wideCsv,
  workbookParts,
  writeBigCsv,
  zipBombXlsx,
  zipParts,
} from '../fixtures/hostile/generate';

cleanupAfterEach();

const HOSTILE = path.join(ROOT, 'test', 'fixtures', 'hostile');
const corpus = (name: string) => path.join(HOSTILE, name);
/** Peak resident memory a refused hostile file may cost (the child process, parse worker included); measured 118-335 MB. */
const RSS_LIMIT_MB = 600;
/**
 * Peak resident memory of streaming the 2 GB CSV into a project. Measured 590-603 MB on a 2-core machine (a 50 MB file of
 * the same rows: 439 MB), so it is flat in the file's size: V8 lets the heap grow before it collects, and SQLite keeps a
 * 64 MB page cache. The margin is for GC timing on a busy machine, not for growth with the file.
 */
const BIG_CSV_RSS_LIMIT_MB = 768;

beforeAll(async () => {
  await ensureEngineBuilt();
}, 120_000);

const project = () => newProject({ ...(PARSE_WORKER ? { parserWorkerFile: PARSE_WORKER } : {}) });

/** Imports through the service (import.start → jobs.wait) and checks a refused file left the project exactly as it was. */
async function importOrRefuse(t: TestProject, file: string, extra: Parameters<typeof importFile>[3] = {}): Promise<JobRecord> {
  const before = projectSnapshot(t.projectPath);
  const job = await importFile(t, file, undefined, extra);
  if (job.status !== 'done') expect(projectSnapshot(t.projectPath)).toEqual(before);
  return job;
}

function problemsOf(t: TestProject, listId: number) {
  const db = new Database(t.projectPath, { readonly: true });
  try {
    return listProblems(db as never, listId);
  } finally {
    db.close();
  }
}

const imported = (job: JobRecord) => {
  expect(job.error).toBeNull();
  expect(job.status).toBe('done');
  return job.result as ImportResult;
};

function refused(job: JobRecord, code: string, message: RegExp) {
  expect(job.status).toBe('failed');
  expect(job.error?.code).toBe(code);
  expect(job.error?.message).toMatch(message);
}

describe('the committed corpus', () => {
  it('the committed text files are what generate.ts writes (regenerate all with `node test/fixtures/hostile/generate.ts`)', () => {
    // Workbooks are left out: their deflated bytes depend on the zlib version that wrote them.
    for (const [name, bytes] of Object.entries(smallCorpus())) if (name.endsWith('.csv')) expect(fs.readFileSync(corpus(name)).equals(bytes), name).toBe(true);
    expect(fs.readdirSync(HOSTILE).sort()).toEqual([...Object.keys(smallCorpus()), 'README.md', 'generate.ts'].sort());
  });

  it('truncated.xlsx (cut in half): FILE_UNREADABLE naming the file and the missing ZIP directory; the project is unchanged', async () => {
    const t = await project();
    refused(await importOrRefuse(t, corpus('truncated.xlsx')), 'FILE_UNREADABLE', /^truncated\.xlsx is not a readable \.xlsx workbook: the file is cut short or damaged \(no ZIP directory at its end\)/);
  }, 30_000);

  it('truncated-sheet.xlsx (directory intact, sheet data broken): FILE_UNREADABLE naming the damaged part', async () => {
    const t = await project();
    refused(await importOrRefuse(t, corpus('truncated-sheet.xlsx')), 'FILE_UNREADABLE', /truncated-sheet\.xlsx is not a readable \.xlsx workbook: part xl\/worksheets\/sheet1\.xml is damaged or cut short/);
  }, 30_000);

  it('not-a-workbook.xlsx (a ZIP without a workbook): FILE_UNREADABLE saying so', async () => {
    const t = await project();
    refused(await importOrRefuse(t, corpus('not-a-workbook.xlsx')), 'FILE_UNREADABLE', /not-a-workbook\.xlsx is not a readable \.xlsx workbook: it is a ZIP archive without a workbook inside/);
  }, 30_000);

  it('path-traversal.xlsx: imports the real sheet faithfully, never follows ../ or absolute names, and refuses the sheets that point outside', async () => {
    const t = await project();
    const evil = ['/tmp/winnow-evil.xml', path.join(t.dir, 'winnow-evil.xml'), path.join(path.dirname(t.dir), 'winnow-evil.xml')];
    const preview = await t.service.invoke('import.preview', { file: t.service.registerFile(corpus('path-traversal.xlsx'), 'read') });
    expect(preview.sheets).toEqual(['People', 'Escape', 'Absolute']);
    expect(preview.sheet).toBe('People');
    const r = imported(await importOrRefuse(t, corpus('path-traversal.xlsx')));
    expect(await allRows(t, r.listId)).toEqual(PEOPLE.slice(1));
    for (const sheet of ['Escape', 'Absolute']) {
      refused(await importOrRefuse(t, corpus('path-traversal.xlsx'), { options: { sheet }, ifAlreadyImported: 'import' }), 'FILE_UNREADABLE', new RegExp(`sheet "${sheet}" is missing from the file`));
    }
    for (const p of evil) expect(fs.existsSync(p), p).toBe(false);
    expect(fs.readdirSync(t.dir).filter((f) => !f.startsWith('test.winnow'))).toEqual([]);
  }, 30_000);

  it('invalid-utf8.csv (stray bytes of six kinds in UTF-8 text): stays UTF-8, valid rows exact, each bad row flagged with U+FFFD where the bytes were', async () => {
    const t = await project();
    const r = imported(await importOrRefuse(t, corpus('invalid-utf8.csv')));
    expect(r.encoding).toBe('utf-8');
    const rows = await allRows(t, r.listId);
    expect(rows[0]).toEqual(['José', 'Zürich', 'Ærøskøbing — Ñandú — Łódź — Ğümüşhane']);
    expect(rows.at(-1)).toEqual(['Zoë', 'Kraków', 'Ærøskøbing — Ñandú — Łódź — Ğümüşhane']);
    const bad = rows.slice(1, -1);
    expect(bad).toHaveLength(6);
    for (const [i, row] of bad.entries()) {
      expect(row[0]).toBe(`row${i}`);
      expect(row[1]).toMatch(/^\uFFFD+MARK$/);
      expect(row[2]).toBe('Ærøskøbing — Ñandú — Łódź — Ğümüşhane');
    }
    const problems = problemsOf(t, r.listId);
    expect(problems.map((p) => p.lineNo)).toEqual([3, 4, 5, 6, 7, 8]);
    for (const p of problems) expect(p.reason).toMatch(/bytes that are not valid UTF-8/);
  }, 30_000);

  it('nul-bytes.csv: FILE_NOT_TEXT naming the offset of the NUL byte; a NUL past the sniffed start is kept in its cell', async () => {
    const t = await project();
    refused(await importOrRefuse(t, corpus('nul-bytes.csv')), 'FILE_NOT_TEXT', /^nul-bytes\.csv cannot be imported: it holds a NUL byte at offset 17, which no text table has\.$/);
    const lines = ['name,city', ...Array.from({ length: 4000 }, (_, i) => `person ${i},Boston`), 'late,Bos\u0000ton'];
    const late = writeFile(t.dir, 'late-nul.csv', lines.join('\n') + '\n');
    const r = imported(await importOrRefuse(t, late));
    const rows = await allRows(t, r.listId);
    expect(rows).toHaveLength(4001);
    expect(rows.at(-1)).toEqual(['late', 'Bos\u0000ton']);
  }, 30_000);

  it('mixed-line-endings.csv: CRLF and LF rows split, line breaks inside quotes kept byte for byte, a bare CR kept in its cell and the row flagged', async () => {
    const t = await project();
    const r = imported(await importOrRefuse(t, corpus('mixed-line-endings.csv')));
    expect(await allRows(t, r.listId)).toEqual([
      ['Ann', 'Boston', 'two\r\nlines'],
      ['Bob', 'Reno', 'lf\rCy', 'Austin', 'cr'],
      ['Dee', 'Miami', 'bare\rcr'],
    ]);
    expect(problemsOf(t, r.listId).map((p) => [p.lineNo, p.reason])).toEqual([[4, 'row has 5 cells; the header has 3 (all cells kept)']]);
  }, 30_000);

  it('formula-payloads.csv: payloads stored verbatim; the export puts a leading quote on each and leaves numbers alone; --raw writes them as they were', async () => {
    const t = await project();
    const r = imported(await importOrRefuse(t, corpus('formula-payloads.csv')));
    const values = [...FORMULA_PAYLOADS, ...FORMULA_LOOKALIKES];
    expect(await allRows(t, r.listId)).toEqual(values.map((v, i) => [String(i + 1), v]));
    const out = path.join(t.dir, 'out.csv');
    expect((await exportList(t, r.listId, out)).status).toBe('done');
    const neutral = Papa.parse<string[]>(fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.slice(1).map((row) => row[1]);
    expect(neutral).toEqual([...FORMULA_PAYLOADS.map((v) => `'${v}`), ...FORMULA_LOOKALIKES]);
    const raw = path.join(t.dir, 'raw.csv');
    expect((await exportList(t, r.listId, raw, { neutralize: false })).status).toBe('done');
    expect(Papa.parse<string[]>(fs.readFileSync(raw, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.slice(1).map((row) => row[1])).toEqual(values);
  }, 30_000);

  it('unclosed-quote.csv: the quoted cell runs to the end of the file (as CSV says), and that row is flagged in words', async () => {
    const t = await project();
    const r = imported(await importOrRefuse(t, corpus('unclosed-quote.csv')));
    expect(await allRows(t, r.listId)).toEqual([['Ann', 'starts a quote and never ends\nBob,fine\nCy,fine\n']]);
    expect(problemsOf(t, r.listId).map((p) => [p.lineNo, p.reason])).toEqual([[2, 'a quoted cell opens in this row and is never closed: the rest of the file (4 lines) is in this row']]);
  }, 30_000);
});

describe('generated hostile tables (through the service)', () => {
  it('10,000-column rows: previewed and imported with every cell in place', async () => {
    const t = await project();
    const file = writeFile(t.dir, 'wide.csv', wideCsv(10_000, 40));
    const started = performance.now();
    const preview = await t.service.invoke('import.preview', { file: t.service.registerFile(file, 'read') });
    expect(preview.columns).toHaveLength(10_000);
    const r = imported(await importOrRefuse(t, file));
    expect(r.rowsImported).toBe(40);
    expect(r.customColumns + r.mappedColumns).toBe(10_000);
    const rows = await allRows(t, r.listId);
    for (const [i, row] of rows.entries()) expect(row).toEqual(Array.from({ length: 10_000 }, (_, c) => `r${i + 1}c${c + 1}`));
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('a 10 MB single cell (quotes, commas, CRLF, accents, emoji inside): imported byte for byte, the rows around it intact', async () => {
    const t = await project();
    const { text, cell } = bigCellCsv(10 << 20);
    const file = writeFile(t.dir, 'big-cell.csv', text);
    const r = imported(await importOrRefuse(t, file));
    const rows = await allRows(t, r.listId);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual(['1', 'short', 'x']);
    expect(rows[1]![1]!.length).toBe(cell.length);
    expect(rows[1]![1] === cell).toBe(true);
    expect(rows[2]).toEqual(['3', 'tail', 'z']);
    expect(problemsOf(t, r.listId)).toEqual([]);
  }, 60_000);

  it('a workbook cell in column ZZZZZZ (past XFD): FILE_UNREADABLE naming sheet, row and column, at once', async () => {
    const t = await project();
    const file = writeFile(t.dir, 'far-column.xlsx', zipParts([...workbookParts([{ name: 'S', target: 'worksheets/sheet1.xml' }]), { name: 'xl/worksheets/sheet1.xml', data: sheetXml(inlineRow(1, ['Name']) + '<row r="2"><c r="ZZZZZZ2"><v>1</v></c></row>') }]));
    refused(await importOrRefuse(t, file), 'FILE_UNREADABLE', /far-column\.xlsx is not a readable \.xlsx workbook: sheet "S" row 2 has a cell in column ZZZZZZ, past Excel's last column XFD/);
  }, 30_000);
});

// ---- Child processes: `winnow import` with its peak resident memory measured ---------------------------------------

const NODE = fs.existsSync(path.join(ROOT, 'node_modules', '.bin', 'node')) ? path.join(ROOT, 'node_modules', '.bin', 'node') : process.execPath;
const CLI = path.join(ROOT, 'dist', 'cli.js');

interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  peakMb: number;
  seconds: number;
}

/**
 * Runs `winnow ARGS` in a child process and measures its peak resident set (VmHWM, which counts the parse worker's
 * thread too): by /usr/bin/time -f %M when present, else by reading /proc/PID/status while it runs.
 */
function winnowMeasured(args: string[], timeoutMs: number): Promise<Measured> {
  const viaTime = fs.existsSync('/usr/bin/time');
  const cmd = viaTime ? '/usr/bin/time' : NODE;
  const argv = viaTime ? ['-f', 'WINNOW_PEAK_KB=%M', NODE, CLI, ...args] : [CLI, ...args];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let polledKb = 0;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) polledKb = Math.max(polledKb, Number(m[1]));
      } catch {
        // The child has just exited.
      }
    }, 50);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`winnow ${args.join(' ')} did not finish within ${timeoutMs / 1000} s (a hang)`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      clearInterval(poll);
      const m = /WINNOW_PEAK_KB=(\d+)/.exec(stderr);
      const peakKb = m ? Number(m[1]) : polledKb;
      resolve({ code, stdout, stderr: stderr.replace(/WINNOW_PEAK_KB=\d+\n?/, '').replace(/Command exited with non-zero status \d+\n?/, ''), peakMb: Math.round(peakKb / 1024), seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** A project with one small list, so "unchanged" can be checked against something. */
async function cliProject(dir: string): Promise<string> {
  const p = path.join(dir, 'p.winnow');
  const seed = writeFile(dir, 'seed.csv', 'name,city\nAnn,Boston\n');
  const r = await winnowMeasured(['import', seed, '--project', p], 60_000);
  expect(r.code, r.stderr).toBe(0);
  return p;
}

async function refusedInBoundedMemory(file: string, message: RegExp, maxSeconds: number) {
  const dir = path.dirname(file);
  const p = await cliProject(dir);
  const before = projectSnapshot(p);
  const r = await winnowMeasured(['import', file, '--project', p], maxSeconds * 1000);
  console.log(`${path.basename(file)} (${(fs.statSync(file).size / 1024).toFixed(0)} KB): exit ${r.code} in ${r.seconds.toFixed(1)} s, peak RSS ${r.peakMb} MB — ${r.stderr.trim()}`);
  expect(r.code).toBe(1);
  expect(r.stderr.trim()).toMatch(message);
  expect(r.peakMb).toBeLessThan(RSS_LIMIT_MB);
  expect(projectSnapshot(p)).toEqual(before);
  return r;
}

describe('bounded memory and time (winnow import in a child process)', () => {
  it('zip bomb, rows: a 2 GB sheet part in a few MB is stopped as a zip bomb, under the RSS limit', async () => {
    const file = writeFile(tempDir(), 'bomb-rows.xlsx', zipBombXlsx('rows', 2 * 1024 ** 3));
    await refusedInBoundedMemory(file, /^winnow: bomb-rows\.xlsx is not a readable \.xlsx workbook: part xl\/worksheets\/sheet1\.xml expands to more than 200 times its compressed size .* it looks like a "zip bomb"/, 90);
  }, 120_000);

  it('zip bomb, one cell: a 2 GB cell is refused at 16 MB naming sheet, row and column', async () => {
    const file = writeFile(tempDir(), 'bomb-one-cell.xlsx', zipBombXlsx('one-cell', 2 * 1024 ** 3));
    await refusedInBoundedMemory(file, /^winnow: bomb-one-cell\.xlsx is not a readable \.xlsx workbook: sheet "Bomb" row 1, column A holds more than 16 MB of text/, 60);
  }, 120_000);

  it('zip bomb, shared strings: a 2 GB shared-strings part is stopped as a zip bomb before it fills memory', async () => {
    const file = writeFile(tempDir(), 'bomb-shared-strings.xlsx', zipBombXlsx('shared-strings', 2 * 1024 ** 3));
    await refusedInBoundedMemory(file, /^winnow: bomb-shared-strings\.xlsx is not a readable \.xlsx workbook: part xl\/sharedStrings\.xml expands to more than 200 times/, 60);
  }, 120_000);

  it('a 100 MB CSV whose quote never closes: refused at 16 MB naming line and column, not read into one string', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'open-quote.csv');
    fs.writeFileSync(file, 'name,note\nAnn,"never closed');
    for (let i = 0; i < 100; i++) fs.appendFileSync(file, Buffer.alloc(1 << 20, 'y'));
    await refusedInBoundedMemory(file, /^winnow: open-quote\.csv, line 2, column 2: a quoted cell opens here and is still open 16 MB later; a closing quote \("\) is probably missing\.$/, 60);
  }, 120_000);

  it('a 100 MB CSV without a line break after its header: refused at 16 MB naming the line', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'one-line.csv');
    fs.writeFileSync(file, 'name,note\nAnn,');
    for (let i = 0; i < 100; i++) fs.appendFileSync(file, Buffer.alloc(1 << 20, 'y'));
    await refusedInBoundedMemory(file, /^winnow: one-line\.csv, line 2: the line runs on for more than 16 MB without a line break/, 60);
  }, 120_000);

  it('a 2 GB CSV (generated here, deleted after) streams into the project in bounded memory', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'two-gigabytes.csv');
    const size = Number(process.env.WINNOW_BIG_CSV_BYTES ?? 2 * 1024 ** 3);
    const t0 = performance.now();
    const { rows } = writeBigCsv(file, size);
    const writeSeconds = (performance.now() - t0) / 1000;
    const p = path.join(dir, 'big.winnow');
    try {
      const r = await winnowMeasured(['import', file, '--project', p], 420_000);
      console.log(`2 GB CSV: ${(size / 1024 ** 3).toFixed(2)} GiB, ${rows} rows written in ${writeSeconds.toFixed(1)} s; imported in ${r.seconds.toFixed(1)} s, peak RSS ${r.peakMb} MB`);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`Imported ${rows.toLocaleString('en-US')} rows from two-gigabytes.csv`);
      expect(r.peakMb).toBeLessThan(BIG_CSV_RSS_LIMIT_MB);
      fs.rmSync(file);
      // Spot-check rows at both ends and in the middle, as stored.
      const db = new Database(p, { readonly: true });
      try {
        const at = (n: number) => JSON.parse((db.prepare('SELECT raw FROM records WHERE id = ?').get(2 ** 32 + n) as { raw: string }).raw) as string[];
        for (const n of [1, Math.floor(rows / 2), rows]) expect(at(n)).toEqual(Papa.parse<string[]>(bigCsvRow(n).trimEnd()).data[0]);
      } finally {
        db.close();
      }
    } finally {
      fs.rmSync(file, { force: true });
      for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { force: true });
    }
  }, 600_000);
});
