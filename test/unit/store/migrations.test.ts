// Covers opening project files: schema versioning, upgrades from older schemas, refusing foreign/newer/missing files, WAL.
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, migrate, openProjectDb, type Db } from '../../../src/store/db';
import { finishJob, insertJob } from '../../../src/store/jobs';
import { finishListImport, insertList, listsWithSource } from '../../../src/store/lists';
import { allPresets, deletePreset, presetForHeader, savePreset } from '../../../src/store/presets';
import { problemWriter } from '../../../src/store/problems';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/store/migrations';
import { recordId, recordWriter, rowWindow } from '../../../src/store/records';
import { cleanupAfterEach, expectCode, openService, tempDir } from '../../fixtures/helpers';

cleanupAfterEach();

const tables = (db: Db) =>
  (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
const schemaSql = (db: Db) =>
  (db.prepare(`SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).all() as { sql: string }[]).map(
    (r) => ({ ...r, sql: r.sql.replace(/\s+/g, ' ') }),
  );

function fresh(name = 'p.winnow'): string {
  return path.join(tempDir(), name);
}

describe('migrations are append-only', () => {
  it('numbers migrations 1, 2, 3... with no gaps, and SCHEMA_VERSION is the last', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    for (const m of MIGRATIONS) expect(m.name.trim().length).toBeGreaterThan(0);
  });

  it('never changes a shipped migration (each one is frozen by its hash)', () => {
    // Adding migration N: append its hash here. Changing an existing hash means an old project file no longer
    // matches the schema its user_version claims; write a new migration instead. Comments and spacing may change.
    const FROZEN: Record<number, string> = {
      1: 'af6733fc5cc2555d7b3d17ff2270d2531f3946c8bcef340d252334dea03ec451',
      2: 'fa9659c66c1fb39d39e3aa75b22205248684ad55d45bad7ccbcd6cb7145b60f0',
      3: 'a253d8c9b34797697c5e54b5c77203654309831627a9a008dbc87bf852eaaf1c',
      4: '176cb9406cdb41943ee06f08a2a1afd29514622bd66d74af0368e9f9728341df',
      5: '717496be9465679e7bb5c2a2e350683a52b3c8c58f1a3a2848eb032f6af432a5',
      6: '6f42b43326cbd03d174b69d1fcdd9d68da69392369739ab0ba1774abfcbf8890',
      7: 'dd999fe19ca6795091622a77ccf48444739313c2020be2f96dcbe27b47c77290',
      8: 'fa1d2df2d26891069f9a85ba63e25ba985084000c62fa92355edff6c20c23295',
      11: '7890bb47c41259771fd4f7ef3148c0f17f944d84d310a50135db20a81e134b9a',
      10: 'b46de7075eac1dd79a8fab5063a367249acba1a7d060b843afc85014dfb94470',
    };
    const normalized = (sql: string) => sql.replace(/--[^\n]*/g, '').replace(/\s+/g, ' ').trim();
    const hashes = Object.fromEntries(MIGRATIONS.map((m) => [m.version, crypto.createHash('sha256').update(normalized(m.sql)).digest('hex')]));
    for (const [version, hash] of Object.entries(FROZEN)) expect(hashes[version], `migration ${version}`).toBe(hash);
  });

  it('applies a failing migration not at all: user_version and schema stay at the previous version', () => {
    const p = fresh();
    const db = openProjectDb(p, { create: true });
    try {
      const broken = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, name: 'broken', sql: 'CREATE TABLE half_done (a); SELECT * FROM no_such_table;' }];
      expect(() => migrate(db, broken, SCHEMA_VERSION + 1)).toThrow(/no_such_table/);
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(tables(db)).not.toContain('half_done');
    } finally {
      db.close();
    }
  });
});

describe('a new project', () => {
  it('gets user_version = SCHEMA_VERSION and the Winnow application_id', () => {
    const db = openProjectDb(fresh(), { create: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(tables(db)).toEqual(expect.arrayContaining(['lists', 'records', 'jobs', 'meta', 'import_problems', 'mapping_presets']));
    } finally {
      db.close();
    }
  });

  it('runs in WAL mode with foreign keys on', () => {
    const p = fresh();
    const db = openProjectDb(p, { create: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
    // WAL is persistent: a plain connection opened later still sees it.
    const plain = new Database(p, { readonly: true });
    expect(plain.pragma('journal_mode', { simple: true })).toBe('wal');
    plain.close();
  });
});

describe('upgrading a project made by an older version', () => {
  /** A project as the version-1 code left it, written with the repository functions of that schema. */
  function makeV1Project(p: string): void {
    const db = openProjectDb(p, { create: true, migrateTo: 1 });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db)).not.toContain('import_problems');
    const listId = insertList(
      db,
      { name: 'Old list', role: 'customers', sourceFile: 'old.csv', sourceSize: 123, columns: [{ index: 0, name: 'Name' }, { index: 1, name: 'City' }], format: null },
      '2024-01-02T03:04:05.000Z',
    );
    recordWriter(db, listId)(1, [JSON.stringify(['José Müller', 'Zürich']), JSON.stringify(['Smith, "Jr."', ''])], [2, 3]);
    finishListImport(db, listId, 2, 'abc');
    insertJob(db, { id: 'j1', kind: 'import', label: 'Import old.csv', params: {} });
    finishJob(db, 'j1', 'done', null, null);
    db.close();
  }

  it('upgrades a v1 database to the latest schema with its data intact', () => {
    const p = fresh();
    makeV1Project(p);
    const db = openProjectDb(p);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(tables(db)).toContain('import_problems');
      expect(db.prepare(`SELECT name, role, row_count AS rowCount FROM lists`).all()).toEqual([{ name: 'Old list', role: 'customers', rowCount: 2 }]);
      expect(rowWindow(db, 1, 1, 10).map((r) => r.cells)).toEqual([
        ['José Müller', 'Zürich'],
        ['Smith, "Jr."', ''],
      ]);
      expect(db.prepare(`SELECT id, status FROM jobs`).all()).toEqual([{ id: 'j1', status: 'done' }]);
      // The new table works against the old data (its foreign key points at the old list).
      db.prepare(`INSERT INTO import_problems (list_id, line_no, row_no, reason, raw) SELECT id, 3, 2, 'test', '[]' FROM lists`).run();
    } finally {
      db.close();
    }
  });

  /** A project as the version-2 code left it: a list with an import problem, no presets, no details. */
  function makeV2Project(p: string): void {
    const db = openProjectDb(p, { create: true, migrateTo: 2 });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(tables(db)).not.toContain('mapping_presets');
    const listId = insertList(
      db,
      { name: 'March buy', role: 'prospects', sourceFile: 'march.csv', sourceSize: 456, columns: [{ index: 0, name: 'Name' }, { index: 1, name: 'Zip' }], format: { encoding: 'utf-8', bom: false, delimiter: ',', newline: '\r\n', quoteChar: '"' } },
      '2025-03-04T05:06:07.000Z',
    );
    recordWriter(db, listId)(1, [JSON.stringify(['Ann', '02134']), JSON.stringify(['Bob'])], [2, 3]);
    problemWriter(db, listId)({ lineNo: 3, rowNo: 2, reason: 'row has 1 cells; the header has 2 (all cells kept)', json: JSON.stringify(['Bob']) });
    finishListImport(db, listId, 2, 'f'.repeat(64));
    db.close();
  }

  it('upgrades a v2 database to v3: presets table, hash index, the old list found by its source hash', () => {
    const p = fresh();
    makeV2Project(p);
    const db = openProjectDb(p);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(tables(db)).toContain('mapping_presets');
      expect(listsWithSource(db, 'f'.repeat(64))).toEqual([{ listId: 1, listName: 'March buy', importedAt: '2025-03-04T05:06:07.000Z' }]);
      const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM lists WHERE source_sha256 = ?`).all('x') as { detail: string }[];
      expect(plan.map((r) => r.detail).join(' ')).toMatch(/USING (COVERING )?INDEX lists_by_source_sha256/);
      expect(rowWindow(db, 1, 1, 10).map((r) => r.cells)).toEqual([['Ann', '02134'], ['Bob']]);
      // Presets work in the upgraded file, and are matched by name regardless of case.
      savePreset(db, { name: 'Acme', headerKey: 'name\u001fzip', header: ['Name', 'Zip'], mapping: [{ index: 0, field: 'full_name' }, { index: 1, field: 'zip' }] });
      expect(presetForHeader(db, 'name\u001fzip')?.name).toBe('Acme');
      expect(() => db.prepare(`INSERT INTO mapping_presets (name, header_key, header, mapping, created_at) VALUES ('ACME', 'k', '[]', '[]', 'now')`).run()).toThrow(/UNIQUE/);
      expect(allPresets(db).map((x) => x.name)).toEqual(['Acme']);
      expect(deletePreset(db, 'acme')).toBe(true);
      expect(allPresets(db)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('opens a v2 project through the service with its list and problems', async () => {
    const p = fresh();
    makeV2Project(p);
    const service = openService();
    const info = await service.invoke('project.open', { file: service.registerFile(p, 'read') });
    expect(info.schemaVersion).toBe(SCHEMA_VERSION);
    expect(info.lists).toEqual([expect.objectContaining({ name: 'March buy', rowCount: 2, problemCount: 1, details: {}, clean: null })]);
    // A list from before mapping existed has columns without fields.
    expect(info.lists[0]!.columns).toEqual([{ index: 0, name: 'Name' }, { index: 1, name: 'Zip' }]);
    expect(await service.invoke('mapping.presets', { projectId: info.projectId })).toEqual({ presets: [] });
    const problems = await service.invoke('lists.problems', { projectId: info.projectId, listId: 1 });
    expect(problems).toEqual({ total: 1, problems: [{ lineNo: 3, rowNo: 2, reason: expect.stringMatching(/1 cells/), cells: ['Bob'] }] });
    // The upgraded list can be edited and cleaned (migration 4); it has no mapped fields, so every record lacks a name and address.
    await service.invoke('records.edit', { projectId: info.projectId, listId: 1, rowNo: 1, column: 1, value: '02135' });
    const { jobId } = await service.invoke('clean.start', { projectId: info.projectId });
    expect((await service.invoke('jobs.wait', { jobId })).status).toBe('done');
    const after = await service.invoke('project.info', { projectId: info.projectId });
    expect(after.lists[0]!.clean).toEqual(expect.objectContaining({ rows: 2, mailable: 0 }));
    const w = await service.invoke('lists.rows', { projectId: info.projectId, listId: 1, fromRow: 1, count: 5 });
    expect(w.rows[0]).toEqual(expect.objectContaining({ cells: ['Ann', '02135'], edited: [1], verdict: expect.objectContaining({ mailable: false }) }));
  });

  it('pages a run\'s removed records by step and finds a record\'s mailings through indexes', () => {
    const db = openProjectDb(fresh(), { create: true });
    try {
      const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan(`SELECT record_id, step, reason FROM target_removed INDEXED BY target_removed_by_step WHERE run_id = ? AND step = ? ORDER BY step, record_id LIMIT 100 OFFSET 0`, 1, 2)).toMatch(/USING (COVERING )?INDEX target_removed_by_step/);
      expect(plan(`SELECT record_id FROM target_removed WHERE run_id = ?`, 1)).toMatch(/SEARCH target_removed USING (COVERING |PRIMARY )/);
      expect(plan(`SELECT mailing_id FROM mailing_recipients WHERE record_id = ?`, 1)).toMatch(/USING (COVERING )?INDEX mailing_recipients_by_record/);
      expect(plan(`SELECT record_id, household FROM mailing_recipients WHERE mailing_id = ?`, 1)).toMatch(/SEARCH mailing_recipients USING PRIMARY KEY \(mailing_id=\?\)/);
      // A run's removed records go with it; the ledger stays.
      db.prepare(`INSERT INTO target_runs (id, from_list, recipe, created_at, result, geo) VALUES (1, 1, '{}', 'now', '{}', '{}')`).run();
      db.prepare(`INSERT INTO target_removed (run_id, record_id, step, reason) VALUES (1, 5, 1, 'x')`).run();
      db.prepare(`INSERT INTO mailings (name, channel, mailed_at, created_at, run_id, recipients) VALUES ('M', 'direct-mail', '2026-01-01', 'now', 1, 0)`).run();
      db.prepare(`DELETE FROM target_runs WHERE id = 1`).run();
      expect(db.prepare(`SELECT count(*) FROM target_removed`).pluck().get()).toBe(0);
      expect(db.prepare(`SELECT count(*) FROM mailings`).pluck().get()).toBe(1);
      expect(() => db.prepare(`INSERT INTO mailings (name, channel, mailed_at, created_at, recipients) VALUES ('M', 'fax', '2026-01-01', 'now', 0)`).run()).toThrow(/CHECK/);
      // Lead pages: best fit first, all, sales-ready or one grade, each from an index.
      expect(plan(`SELECT record_id FROM lead_scores WHERE sales_ready = 1 ORDER BY fit DESC, record_id LIMIT 100 OFFSET 0`)).toMatch(/USING (COVERING )?INDEX lead_scores_ready/);
      expect(plan(`SELECT record_id FROM lead_scores WHERE grade = ? ORDER BY fit DESC, record_id LIMIT 100 OFFSET 0`, 'A1')).toMatch(/USING (COVERING )?INDEX lead_scores_by_grade/);
      expect(plan(`SELECT record_id FROM lead_scores ORDER BY fit DESC, record_id LIMIT 100 OFFSET 0`)).toMatch(/USING (COVERING )?INDEX lead_scores_by_fit/);
    } finally {
      db.close();
    }
  });

  it('reads clean results and edits of a grid window by rowid range, and filters issues within the list range', () => {
    const db = openProjectDb(fresh(), { create: true });
    try {
      const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan(`SELECT id, flags FROM clean WHERE id >= ? AND id <= ?`, 1, 2)).toMatch(/SEARCH clean USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
      expect(plan(`SELECT id FROM clean WHERE id >= ? AND id <= ? AND instr(codes, ?) > 0 ORDER BY id`, 1, 2, 'x')).toMatch(/SEARCH clean USING INTEGER PRIMARY KEY/);
      expect(plan(`SELECT record_id, col, value FROM cell_edits WHERE record_id >= ? AND record_id <= ?`, 1, 2)).toMatch(/SEARCH cell_edits USING PRIMARY KEY \(record_id>\? AND record_id<\?\)/);
    } finally {
      db.close();
    }
  });

  it('reads merge/purge pairs by probability band and cluster members by list range and by cluster through indexes', () => {
    const db = openProjectDb(fresh(), { create: true });
    try {
      const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan(`SELECT a, b FROM match_pairs WHERE run_id = ? AND prob >= ? AND prob < ?`, 1, 0.1, 0.9)).toMatch(/SEARCH match_pairs USING (COVERING )?INDEX match_pairs_by_prob \(run_id=\? AND prob>\? AND prob<\?\)/);
      expect(plan(`SELECT record_id FROM match_members WHERE run_id = ? AND record_id >= ? AND record_id < ?`, 1, 1, 2)).toMatch(/SEARCH match_members USING PRIMARY KEY \(run_id=\? AND record_id>\? AND record_id<\?\)/);
      expect(plan(`SELECT record_id FROM match_members WHERE run_id = ? AND cluster = ?`, 1, 1)).toMatch(/SEARCH match_members USING (COVERING )?INDEX match_members_by_cluster \(run_id=\? AND cluster=\?\)/);
    } finally {
      db.close();
    }
  });

  it('leaves an upgraded v2 database with exactly the schema of a new one', () => {
    const old = fresh('old2.winnow');
    makeV2Project(old);
    const upgraded = openProjectDb(old);
    const created = openProjectDb(fresh('new2.winnow'), { create: true });
    try {
      expect(schemaSql(upgraded)).toEqual(schemaSql(created));
    } finally {
      upgraded.close();
      created.close();
    }
  });

  it('leaves an upgraded v1 database with exactly the schema of a new one', () => {
    const old = fresh('old.winnow');
    makeV1Project(old);
    const upgraded = openProjectDb(old);
    const created = openProjectDb(fresh('new.winnow'), { create: true });
    try {
      expect(schemaSql(upgraded)).toEqual(schemaSql(created));
    } finally {
      upgraded.close();
      created.close();
    }
  });

  /** A project as the version-9 code left it: a list with two single-cell edits in the history, the second one undone. */
  function makeV9Project(p: string): void {
    const db = openProjectDb(p, { create: true, migrateTo: 9 });
    expect(db.pragma('user_version', { simple: true })).toBe(9);
    const listId = insertList(db, { name: 'Edited', role: 'customers', sourceFile: 'e.csv', sourceSize: 1, columns: [{ index: 0, name: 'Name' }, { index: 1, name: 'City' }], format: null }, '2026-01-02T03:04:05.000Z');
    recordWriter(db, listId)(1, [JSON.stringify(['Ann', 'Boston']), JSON.stringify(['Bob', 'Reno']), JSON.stringify(['Cy', 'Troy'])], [2, 3, 4]);
    finishListImport(db, listId, 3, 'e'.repeat(64));
    const id = (rowNo: number) => recordId(listId, rowNo);
    db.prepare(`INSERT INTO cell_edits (record_id, col, value) VALUES (?, 1, 'Sparks')`).run(id(2));
    db.prepare(`INSERT INTO edit_log (record_id, col, before, after, at, undone) VALUES (?, 1, NULL, 'Sparks', '2026-01-03T00:00:00.000Z', 0)`).run(id(2));
    db.prepare(`INSERT INTO edit_log (record_id, col, before, after, at, undone) VALUES (?, 0, NULL, 'Anne', '2026-01-03T00:00:01.000Z', 1)`).run(id(1));
    db.close();
  }

  it('upgrades a v9 edit history to v10: old edits stay single steps, undo and redo still work, a paste after them is one group', async () => {
    const p = fresh();
    makeV9Project(p);
    const service = openService();
    const info = await service.invoke('project.open', { file: service.registerFile(p, 'read') });
    const projectId = info.projectId;
    expect(info.schemaVersion).toBe(SCHEMA_VERSION);
    expect(await service.invoke('edits.state', { projectId })).toEqual({ canUndo: true, canRedo: true, undoLabel: 'Undo edit of "City" in row 2', redoLabel: 'Redo edit of "Name" in row 1' });
    const history = await service.invoke('edits.history', { projectId });
    expect(history.edits.map((e) => [e.seq, e.rowNo, e.after, e.undone, e.group])).toEqual([
      [2, 1, 'Anne', true, undefined],
      [1, 2, 'Sparks', false, undefined],
    ]);
    // A paste drops the old redo entry and is one step over the old single edit.
    const pasted = await service.invoke('records.editMany', { projectId, listId: 1, cells: [1, 2, 3].map((rowNo) => ({ rowNo, column: 1, value: 'Austin' })) });
    expect(pasted.changed).toBe(3);
    expect(pasted.edits).toEqual({ canUndo: true, canRedo: false, undoLabel: 'Undo paste of 3 cells', redoLabel: null });
    expect((await service.invoke('edits.history', { projectId })).edits.map((e) => [e.seq, e.group?.cells ?? 1])).toEqual([
      [2, 3],
      [1, 1],
    ]);
    const undone = await service.invoke('edits.undo', { projectId });
    expect(undone.rows.map((r) => r.cells)).toEqual([['Ann', 'Boston'], ['Bob', 'Sparks'], ['Cy', 'Troy']]);
    const old = await service.invoke('edits.undo', { projectId });
    expect(old.edit).toEqual(expect.objectContaining({ seq: 1, before: 'Reno', after: 'Sparks' }));
    expect(old.rows).toEqual([old.row]);
    expect(old.row?.cells).toEqual(['Bob', 'Reno']);
  });

  it('finds an edit group and the redo history through indexes', () => {
    const db = openProjectDb(fresh(), { create: true });
    try {
      const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan(`SELECT seq FROM edit_log WHERE group_seq = ? ORDER BY seq`, 1)).toMatch(/USING (COVERING )?INDEX edit_log_by_group \(group_seq=\?\)/);
      expect(plan(`SELECT count(*) FROM edit_log WHERE group_seq = ?`, 1)).toMatch(/USING (COVERING )?INDEX edit_log_by_group/);
      expect(plan(`SELECT seq FROM edit_log WHERE undone = 1 ORDER BY seq ASC LIMIT 1`)).toMatch(/USING (COVERING )?INDEX edit_log_undone/);
      expect(plan(`DELETE FROM edit_log WHERE undone = 1`)).toMatch(/USING (COVERING )?INDEX edit_log_undone/);
    } finally {
      db.close();
    }
  });

  it('opens an old project through the service with its lists', async () => {
    const p = fresh();
    makeV1Project(p);
    const service = openService();
    const info = await service.invoke('project.open', { file: service.registerFile(p, 'read') });
    expect(info.schemaVersion).toBe(SCHEMA_VERSION);
    expect(info.lists.map((l) => [l.name, l.role, l.rowCount])).toEqual([['Old list', 'customers', 2]]);
    const rows = await service.invoke('lists.rows', { projectId: info.projectId, listId: info.lists[0]!.id, fromRow: 1, count: 10 });
    expect(rows.rows.map((r) => r.cells)).toEqual([
      ['José Müller', 'Zürich'],
      ['Smith, "Jr."', ''],
    ]);
  });
});

describe('files that are not (readable) projects', () => {
  it('refuses a project saved by a newer version, in words, and leaves it untouched', async () => {
    const p = fresh();
    const db = openProjectDb(p, { create: true });
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = fs.readFileSync(p);
    const err = await expectCode(() => openProjectDb(p), 'PROJECT_TOO_NEW');
    expect(err.message).toMatch(/newer version/);
    expect(fs.readFileSync(p).equals(before)).toBe(true);
    const check = new Database(p, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    check.close();
  });

  it('refuses a SQLite database of another application that has tables', async () => {
    const p = fresh('other.winnow');
    const other = new Database(p);
    other.pragma('application_id = 1234');
    other.exec(`CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');`);
    other.close();
    const err = await expectCode(() => openProjectDb(p), 'PROJECT_UNREADABLE');
    expect(err.message).toMatch(/not a Winnow project/);
    // Nothing was added to it.
    const check = new Database(p, { readonly: true });
    expect(tables(check)).toEqual(['contacts']);
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    check.close();
  });

  it('refuses a plain SQLite database (no application_id) that has tables', async () => {
    const p = fresh('plain.sqlite');
    const other = new Database(p);
    other.exec(`CREATE TABLE t (a)`);
    other.close();
    await expectCode(() => openProjectDb(p), 'PROJECT_UNREADABLE');
  });

  it('refuses a text file renamed .winnow', async () => {
    const p = fresh('notes.winnow');
    fs.writeFileSync(p, 'name,email\nAnn,ann@example.com\n'.repeat(200));
    const before = fs.readFileSync(p);
    await expectCode(() => openProjectDb(p), 'PROJECT_UNREADABLE');
    expect(fs.readFileSync(p).equals(before)).toBe(true);
  });

  it('refuses a folder', async () => {
    await expectCode(() => openProjectDb(tempDir()), 'PROJECT_UNREADABLE');
  });

  it('reports a missing file as FILE_NOT_FOUND and does not create it', async () => {
    const p = fresh('missing.winnow');
    await expectCode(() => openProjectDb(p), 'FILE_NOT_FOUND');
    expect(fs.existsSync(p)).toBe(false);
  });
});
