// Covers the service contract: input validation on every method, project lifecycle, recent projects, sample, BUSY, progress throttling.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { methodInputs, type ImportResult, type JobProgress, type MethodName } from '../../src/api/contract';
import { throttledProgress } from '../../src/jobs/progress';
import { plainCsv } from '../fixtures/csv';
import { cleanupAfterEach, expectCode, importFile, newProject, openService, projectSnapshot, tempDir, winnowError, writeFile } from '../fixtures/helpers';

cleanupAfterEach();

describe('input validation', () => {
  // One wrong input per method, and the field the error must name.
  const invalid: Record<MethodName, [unknown, string]> = {
    'app.info': [{ verbose: true }, 'verbose'],
    'app.notices': [{ lang: 'fr' }, 'lang'],
    'project.create': [{ file: { fileId: '' } }, 'file.fileId'],
    'project.open': [{}, 'file'],
    'project.openRecent': [{ recentId: 42 }, 'recentId'],
    'project.openSample': [{ where: '/tmp' }, 'where'],
    'project.recent': [{ limit: 5 }, 'limit'],
    'project.info': [{ projectId: '' }, 'projectId'],
    'project.close': [{ projectId: ['x'] }, 'projectId'],
    'project.check': [{ projectId: 'p', integrity: 'yes' }, 'integrity'],
    'project.recover': [{ file: { fileId: 'f' } }, 'out'],
    'lists.rows': [{ projectId: 'p', listId: 1, fromRow: 0, count: 10 }, 'fromRow'],
    'lists.facets': [{ projectId: 'p', listId: 1, facets: [{ target: { clean: 'county' } }] }, 'facets.0.target'],
    'lists.rowPosition': [{ projectId: 'p', listId: 1, rowNo: 0 }, 'rowNo'],
    'lists.problems': [{ projectId: 'p', listId: 1, count: 5000 }, 'count'],
    'lists.issues': [{ projectId: 'p', listId: 0 }, 'listId'],
    'clean.start': [{ projectId: 'p', listId: 'all' }, 'listId'],
    'dedupe.start': [{ projectId: 'p', level: 'family' }, 'level'],
    'dedupe.exportClusters': [{ projectId: 'p', runId: -1, file: { fileId: 'f' } }, 'runId'],
    'dedupe.runs': [{ projectId: 'p', all: true }, 'all'],
    'review.queue': [{ projectId: 'p', limit: 5000 }, 'limit'],
    'review.pair': [{ projectId: 'p', a: { listId: 1, rowNo: 0 }, b: { listId: 1, rowNo: 2 } }, 'a.rowNo'],
    'review.decide': [{ projectId: 'p', a: { listId: 1, rowNo: 1 }, b: { listId: 1, rowNo: 2 }, decision: 'maybe' }, 'decision'],
    'review.undo': [{ projectId: 'p', seq: 0 }, 'seq'],
    'review.decisions': [{ projectId: 'p', limit: 0 }, 'limit'],
    'review.cluster': [{ projectId: 'p', record: { listId: 1 } }, 'record.rowNo'],
    'review.pick': [{ projectId: 'p', field: 'fax', from: { listId: 1, rowNo: 1 } }, 'field'],
    'mailing.run': [{ projectId: 'p', recipe: { fromListId: 1, steps: [{ kind: 'radius', center: '89501', miles: -5 }] } }, 'recipe.steps.0.miles'],
    'mailing.runs': [{ projectId: 'p', limit: 0 }, 'limit'],
    'mailing.removed': [{ projectId: 'p', step: 0 }, 'step'],
    'mailing.export': [{ projectId: 'p', file: { fileId: 'f' }, name: 'Spring', channel: 'fax' }, 'channel'],
    'mailing.ledger': [{ projectId: 'p', all: true }, 'all'],
    'mailing.recipes': [{}, 'projectId'],
    'mailing.saveRecipe': [{ projectId: 'p', name: 'R', recipe: { fromListId: 1, steps: [{ kind: 'states', states: ['California'] }] } }, 'recipe.steps.0.states.0'],
    'mailing.deleteRecipe': [{ projectId: 'p', name: '' }, 'name'],
    'geo.summary': [{ projectId: 'p', runId: 'latest' }, 'runId'],
    'geo.reference': [{ zoom: 3 }, 'zoom'],
    'geo.bestAreas': [{ projectId: 'p', percent: 120 }, 'percent'],
    'geo.resolve': [{ center: '' }, 'center'],
    'model.train': [{ file: { fileId: 'f' }, outcome: 'y', positive: 'yes', folds: 1 }, 'folds'],
    'model.scoreFile': [{ file: { fileId: 'f' }, model: { fileId: 'm' } }, 'out'],
    'score.settings': [{}, 'projectId'],
    'score.saveSettings': [{ projectId: 'p', settings: { salesReady: { minFit: 120, required: [], allowFlagged: false } } }, 'settings.salesReady.minFit'],
    'score.profile': [{ projectId: 'p', level: 'x' }, 'level'],
    'score.run': [{ projectId: 5 }, 'projectId'],
    'score.leads': [{ projectId: 'p', grade: 'E1' }, 'grade'],
    'score.exportHandoff': [{ projectId: 'p' }, 'file'],
    'records.get': [{ projectId: 'p', listId: 1, rowNo: 0 }, 'rowNo'],
    'postal.import': [{ projectId: 'p', listId: 1, file: {} }, 'file.fileId'],
    'records.edit': [{ projectId: 'p', listId: 1, rowNo: 1, column: 0, value: 7 }, 'value'],
    'records.editMany': [{ projectId: 'p', listId: 1, cells: [{ rowNo: 1, column: 0, value: 'x' }], label: 'cut' }, 'label'],
    'edits.undo': [{ projectId: 'p', steps: 2 }, 'steps'],
    'edits.redo': [{}, 'projectId'],
    'edits.state': [{ projectId: 3 }, 'projectId'],
    'edits.history': [{ projectId: 'p', limit: 0 }, 'limit'],
    'mapping.presets': [{ projectId: 7 }, 'projectId'],
    'mapping.deletePreset': [{ projectId: 'p', name: '' }, 'name'],
    'import.preview': [{ file: '/etc/passwd' }, 'file'],
    'import.start': [{ projectId: 'p', file: { fileId: 'f' }, role: 'friends' }, 'role'],
    'export.start': [{ projectId: 'p', listId: -1, file: { fileId: 'f' } }, 'listId'],
    'export.set': [{ projectId: 'p', listId: 1, file: { fileId: 'f' }, onePer: 'street' }, 'onePer'],
    'jobs.cancel': [{}, 'jobId'],
    'jobs.wait': [{ jobId: 'x'.repeat(101) }, 'jobId'],
    'jobs.history': [{ projectId: null }, 'projectId'],
    'audit.run': [{ projectId: 'p', listId: 1, cpm: -5 }, 'cpm'],
    'audit.exportHtml': [{ projectId: 'p', jobId: 'j', file: {} }, 'file.fileId'],
    'audit.settings': [{ projectId: 'p', costs: {} }, 'costs'],
    'audit.saveSettings': [{ projectId: 'p', costs: { printPerPiece: -1 } }, 'costs.printPerPiece'],
    'lists.setDetails': [{ projectId: 'p', listId: 1, details: { cpm: 'ten' } }, 'details.cpm'],
  };

  it('has a case for every method of the contract', () => {
    expect(Object.keys(invalid).sort()).toEqual(Object.keys(methodInputs).sort());
  });

  it.each(Object.entries(invalid))('%s refuses bad input with INVALID_INPUT naming the field', async (method, [input, field]) => {
    const service = openService();
    const err = await expectCode(service.dispatch(method, input), 'INVALID_INPUT');
    expect(err.message).toContain(field);
    expect(err.message).toContain(method);
    expect(err.details?.issues).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.any(String) })]));
  });

  it.each([
    ['a string', 'hello'],
    ['a number', 7],
    ['an array', [1, 2]],
  ])('refuses %s as the input object', async (_what, input) => {
    await expectCode(openService().dispatch('project.info', input), 'INVALID_INPUT');
  });

  it('refuses lists.rows windows larger than 1000 rows, so rows never travel in bulk', async () => {
    const err = await expectCode(openService().dispatch('lists.rows', { projectId: 'p', listId: 1, fromRow: 1, count: 1001 }), 'INVALID_INPUT');
    expect(err.message).toContain('count');
  });

  it.each(['project.delete', 'host.pickOpenFile', '', '__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'answers %j with UNKNOWN_METHOD',
    async (method) => {
      const err = await expectCode(openService().dispatch(method, {}), 'UNKNOWN_METHOD');
      expect(err.message).toContain(method);
    },
  );

  it('accepts valid input with extra display keys on a file reference', async () => {
    const service = openService();
    const dir = tempDir();
    const ref = service.registerFile(writeFile(dir, 'a.csv', 'name,zip\nAnn,02134\n'), 'read');
    const preview = await service.invoke('import.preview', { file: { ...ref, size: 18 } as typeof ref });
    expect(preview).toMatchObject({ fileName: 'a.csv', rows: [['Ann', '02134']], delimiter: ',', encoding: 'utf-8' });
    expect(preview.columns.map((c) => c.name)).toEqual(['name', 'zip']);
  });

  it('answers a file reference it never handed out with NOT_FOUND', async () => {
    await expectCode(openService().invoke('import.preview', { file: { fileId: 'made-up' } }), 'NOT_FOUND');
  });

  it('refuses to create a project in a file chosen for reading', async () => {
    const service = openService();
    const ref = service.registerFile(path.join(tempDir(), 'x.winnow'), 'read');
    await expectCode(service.invoke('project.create', { file: ref }), 'INVALID_INPUT');
  });
});

describe('projects', () => {
  it('reports app info for its host', async () => {
    expect(await openService().invoke('app.info', {})).toMatchObject({ name: 'Winnow', host: 'direct', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('answers PROJECT_NOT_OPEN for every project method after close', async () => {
    const t = await newProject();
    const { listId } = (await importFile(t, writeFile(t.dir, 'a.csv', 'name\nAnn\n'))).result as { listId: number };
    expect(await t.service.invoke('project.close', { projectId: t.projectId })).toEqual({ closed: true });
    const p = { projectId: t.projectId };
    await expectCode(t.service.invoke('project.info', p), 'PROJECT_NOT_OPEN');
    await expectCode(t.service.invoke('jobs.history', p), 'PROJECT_NOT_OPEN');
    await expectCode(t.service.invoke('lists.rows', { ...p, listId, fromRow: 1, count: 10 }), 'PROJECT_NOT_OPEN');
    await expectCode(t.service.invoke('import.start', { ...p, file: t.service.registerFile(path.join(t.dir, 'a.csv'), 'read') }), 'PROJECT_NOT_OPEN');
    await expectCode(t.service.invoke('export.start', { ...p, listId, file: t.service.registerFile(path.join(t.dir, 'o.csv'), 'write') }), 'PROJECT_NOT_OPEN');
    // Closing twice is harmless.
    expect(await t.service.invoke('project.close', p)).toEqual({ closed: false });
  });

  it('creates the project file with a .winnow extension and an empty list set', async () => {
    const service = openService();
    const dir = tempDir();
    const info = await service.invoke('project.create', { file: service.registerFile(path.join(dir, 'Spring mailing'), 'write') });
    expect(info).toMatchObject({ name: 'Spring mailing', location: path.join(dir, 'Spring mailing.winnow'), lists: [] });
    expect(fs.existsSync(path.join(dir, 'Spring mailing.winnow'))).toBe(true);
  });

  it('refuses to create a project over an existing file, and leaves that file alone', async () => {
    const service = openService();
    const dir = tempDir();
    const existing = writeFile(dir, 'keep.winnow', 'precious bytes');
    const err = await expectCode(service.invoke('project.create', { file: service.registerFile(existing, 'write') }), 'INVALID_INPUT');
    expect(err.message).toMatch(/already exists/);
    // Also when the extension is added for the user.
    await expectCode(service.invoke('project.create', { file: service.registerFile(path.join(dir, 'keep'), 'write') }), 'INVALID_INPUT');
    expect(fs.readFileSync(existing, 'utf8')).toBe('precious bytes');
  });

  it('returns the same projectId when the same file is opened twice, however its path is spelled', async () => {
    const t = await newProject();
    const a = await t.service.invoke('project.open', { file: t.service.registerFile(t.projectPath, 'read') });
    const b = await t.service.invoke('project.open', { file: t.service.registerFile(path.join(t.dir, '.', 'sub', '..', 'test.winnow'), 'read') });
    expect(a.projectId).toBe(t.projectId);
    expect(b.projectId).toBe(t.projectId);
  });

  it('refuses a file that is not a project with PROJECT_UNREADABLE', async () => {
    const service = openService();
    const file = writeFile(tempDir(), 'list.winnow', 'name,email\nAnn,ann@example.com\n');
    await expectCode(service.invoke('project.open', { file: service.registerFile(file, 'read') }), 'PROJECT_UNREADABLE');
  });
});

describe('recent projects', () => {
  it('records opened projects in the data folder and reopens one after a restart', async () => {
    const dataDir = tempDir();
    const t = await newProject({ dataDir });
    const { listId } = (await importFile(t, writeFile(t.dir, 'a.csv', 'name\nAnn\nBob\n'))).result as { listId: number };
    const { items } = await t.service.invoke('project.recent', {});
    expect(items).toEqual([expect.objectContaining({ name: 'test', location: t.projectPath, exists: true, recentId: expect.any(String) })]);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'recent-projects.json'), 'utf8'))).toEqual([expect.objectContaining({ path: t.projectPath })]);
    await t.service.close();

    // A new service with the same data folder is the app started again.
    const again = openService({ dataDir });
    const recent = (await again.invoke('project.recent', {})).items;
    expect(recent.map((r) => r.location)).toEqual([t.projectPath]);
    const info = await again.invoke('project.openRecent', { recentId: recent[0]!.recentId });
    expect(info.location).toBe(t.projectPath);
    const rows = await again.invoke('lists.rows', { projectId: info.projectId, listId, fromRow: 1, count: 10 });
    expect(rows.rows.map((r) => r.cells)).toEqual([['Ann'], ['Bob']]);
  });

  it('lists the most recently opened first, each once', async () => {
    const dataDir = tempDir();
    const service = openService({ dataDir });
    const dir = tempDir();
    const a = await service.invoke('project.create', { file: service.registerFile(path.join(dir, 'a.winnow'), 'write') });
    await service.invoke('project.create', { file: service.registerFile(path.join(dir, 'b.winnow'), 'write') });
    await service.invoke('project.close', { projectId: a.projectId });
    await service.invoke('project.open', { file: service.registerFile(path.join(dir, 'a.winnow'), 'read') });
    expect((await service.invoke('project.recent', {})).items.map((r) => r.name)).toEqual(['a', 'b']);
  });

  it('shows a deleted project as missing and answers FILE_NOT_FOUND when it is reopened', async () => {
    const dataDir = tempDir();
    const t = await newProject({ dataDir });
    await t.service.invoke('project.close', { projectId: t.projectId });
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(t.projectPath + suffix, { force: true });
    const [item] = (await t.service.invoke('project.recent', {})).items;
    expect(item).toMatchObject({ location: t.projectPath, exists: false });
    await expectCode(t.service.invoke('project.openRecent', { recentId: item!.recentId }), 'FILE_NOT_FOUND');
    expect(fs.existsSync(t.projectPath)).toBe(false);
  });

  it('answers an unknown recentId with NOT_FOUND and survives a corrupt recent file', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'recent-projects.json'), '{not json');
    const service = openService({ dataDir });
    expect((await service.invoke('project.recent', {})).items).toEqual([]);
    await expectCode(service.invoke('project.openRecent', { recentId: 'nope' }), 'NOT_FOUND');
  });
});

describe('sample project', () => {
  const sample = path.resolve('resources', 'sample');

  it.runIf(fs.existsSync(path.join(sample, 'house-file.csv')) && fs.existsSync(path.join(sample, 'bought-list.csv')))(
    'creates a project in the workspace with the house file and the bought list',
    async () => {
      const workspaceDir = tempDir();
      const service = openService({ workspaceDir });
      const info = await service.invoke('project.openSample', {});
      expect(info.location.startsWith(workspaceDir)).toBe(true);
      expect(info.lists.map((l) => [l.name, l.role])).toEqual([
        ['House file', 'customers'],
        ['Bought list (Acme Data, March)', 'prospects'],
      ]);
      for (const l of info.lists) expect(l.rowCount).toBeGreaterThan(10);
      const { jobs } = await service.invoke('jobs.history', { projectId: info.projectId });
      expect(jobs.map((j) => j.status)).toEqual(['done', 'done']);
      // Asking again returns the open sample rather than importing twice.
      const again = await service.invoke('project.openSample', {});
      expect(again.projectId).toBe(info.projectId);
      expect(again.lists.length).toBe(2);
    },
  );

  it('says NOT_SUPPORTED on a host with no workspace or data folder', async () => {
    await expectCode(openService().invoke('project.openSample', {}), 'NOT_SUPPORTED');
  });
});

describe('jobs', () => {
  it('answers BUSY when a second import starts while one runs, and accepts it after', async () => {
    const t = await newProject();
    const big = writeFile(t.dir, 'big.csv', plainCsv(200_000));
    const small = writeFile(t.dir, 'small.csv', 'name\nAnn\n');
    const { jobId } = await t.service.invoke('import.start', { projectId: t.projectId, file: t.service.registerFile(big, 'read') });
    const err = await expectCode(t.service.invoke('import.start', { projectId: t.projectId, file: t.service.registerFile(small, 'read') }), 'BUSY');
    expect(err.details).toEqual({ jobId });
    expect((await t.service.invoke('jobs.wait', { jobId })).status).toBe('done');
    expect((await importFile(t, small)).status).toBe('done');
  });

  it('lets imports into two different projects run at once', async () => {
    const a = await newProject();
    const b = await newProject();
    const file = writeFile(a.dir, 'big.csv', plainCsv(50_000));
    const ja = await a.service.invoke('import.start', { projectId: a.projectId, file: a.service.registerFile(file, 'read') });
    const [ra, rb] = await Promise.all([a.service.invoke('jobs.wait', ja), importFile(b, file)]);
    expect([ra.status, rb.status]).toEqual(['done', 'done']);
  });

  it('cancels a running import when its project is closed, leaving no list', async () => {
    const t = await newProject();
    const big = writeFile(t.dir, 'big.csv', plainCsv(200_000));
    const { jobId } = await t.service.invoke('import.start', { projectId: t.projectId, file: t.service.registerFile(big, 'read') });
    await t.service.invoke('project.close', { projectId: t.projectId });
    const info = await t.service.invoke('project.open', { file: t.service.registerFile(t.projectPath, 'read') });
    expect(info.lists).toEqual([]);
    const { jobs } = await t.service.invoke('jobs.history', { projectId: info.projectId });
    expect(jobs.find((j) => j.jobId === jobId)?.status).toBe('cancelled');
  });

  it('answers jobs.cancel for an unknown or finished job with cancelled: false', async () => {
    const t = await newProject();
    expect(await t.service.invoke('jobs.cancel', { jobId: 'nope' })).toEqual({ cancelled: false });
    const job = await importFile(t, writeFile(t.dir, 'a.csv', 'name\nAnn\n'));
    expect(await t.service.invoke('jobs.cancel', { jobId: job.jobId })).toEqual({ cancelled: false });
    await expectCode(t.service.invoke('jobs.wait', { jobId: 'nope' }), 'NOT_FOUND');
  });

  it('throttles progress events to about ten a second, each carrying rows and rate', async () => {
    const t = await newProject();
    const big = writeFile(t.dir, 'big.csv', plainCsv(300_000));
    const size = fs.statSync(big).size;
    const events: JobProgress[] = [];
    const off = t.service.on('job.progress', (p) => events.push(p));
    const started = performance.now();
    const job = await importFile(t, big);
    const elapsed = performance.now() - started;
    off();
    expect(job.status).toBe('done');
    // Enough batches were reported that an unthrottled stream would show (one per 1 MB chunk at least).
    expect(Math.ceil(size / (1024 * 1024))).toBeGreaterThan(5);
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThanOrEqual(Math.floor(elapsed / 100) + 2);
    // The first event comes at once, before any row is read, so the job bar shows the job while the file is checked.
    expect(events[0]).toMatchObject({ jobId: job.jobId, phase: 'checking the file', rows: 0 });
    for (const e of events.slice(1)) {
      expect(e).toMatchObject({ jobId: job.jobId, projectId: t.projectId, kind: 'import', phase: 'importing', total: size });
      expect(e.rows).toBeGreaterThan(0);
      expect(e.rate).toBeGreaterThanOrEqual(0);
      expect(e.done).toBeLessThanOrEqual(size);
    }
    for (let i = 2; i < events.length; i++) {
      expect(events[i]!.rows).toBeGreaterThanOrEqual(events[i - 1]!.rows);
      // The final flush may follow closely; every other pair is at least one interval apart.
      if (i < events.length - 1) expect(events[i]!.elapsedMs - events[i - 1]!.elapsedMs).toBeGreaterThanOrEqual(99);
    }
    const last = events[events.length - 1]!;
    expect(last.rows).toBe(300_000);
    expect(last.rate).toBeGreaterThan(0);
  });

  it('throttledProgress passes one update per interval and flushes the last one (simulated clock)', () => {
    let now = 0;
    const out: JobProgress[] = [];
    const { sink, flush } = throttledProgress('j', 'import', 'p', (p) => out.push(p), 100, () => now);
    for (let i = 1; i <= 1000; i++) {
      now = i; // 1 ms apart: 1000 updates over one second
      sink({ phase: 'importing', rows: i * 10, done: i, total: 1000 });
    }
    flush();
    expect(out.length).toBe(11);
    expect(out.map((p) => p.rows)).toEqual([10, 1010, 2010, 3010, 4010, 5010, 6010, 7010, 8010, 9010, 10_000]);
    expect(out[5]).toMatchObject({ elapsedMs: 501, rate: Math.round((5010 * 1000) / 501), etaMs: Math.round(501 / 0.501 - 501) });
    // Nothing pending: flushing again sends nothing.
    flush();
    expect(out.length).toBe(11);
  });
});

describe('errors travel as data', () => {
  it('gives every refusal a code and a message in words', async () => {
    const err = await winnowError(openService().invoke('project.info', { projectId: 'nope' }));
    expect(err.toData()).toEqual({ code: 'PROJECT_NOT_OPEN', message: expect.stringMatching(/not open/), details: { projectId: 'nope' } });
  });
});

describe('import preview and mapping', () => {
  const HEADER = 'Cust #,First,LName,Addr1,Town,ST,Zip Code,E-mail,Notes';
  const row = (i: number) => `${1000 + i},Ann,Lee${i},${i} Main St,Boston,MA,0213${i % 10},ann${i}@example.com,note ${i}`;
  const listFile = (dir: string, name: string, rows = 3, extra = '') => writeFile(dir, name, [HEADER, ...Array.from({ length: rows }, (_, i) => row(i + 1))].join('\r\n') + '\r\n' + extra);

  it('previews a file: encoding and why, delimiter, header row, each column mapped with a reason, the first 20 rows', async () => {
    const t = await newProject();
    const p = await t.service.invoke('import.preview', { file: t.service.registerFile(listFile(t.dir, 'acme.csv', 30), 'read') });
    expect(p).toMatchObject({ fileName: 'acme.csv', kind: 'delimited', encoding: 'utf-8', delimiter: ',', newline: '\r\n', headerRow: 1, preamble: [], sheets: [], sheet: null, preset: null, alreadyImported: [] });
    expect(p.encodingReason).toMatch(/ASCII|UTF-8/);
    expect(p.columns.map((c) => [c.name, c.field])).toEqual([
      ['Cust #', 'customer_id'],
      ['First', 'first_name'],
      ['LName', 'last_name'],
      ['Addr1', 'address1'],
      ['Town', 'city'],
      ['ST', 'state'],
      ['Zip Code', 'zip'],
      ['E-mail', 'email'],
      ['Notes', null],
    ]);
    expect(p.columns[6]).toMatchObject({ confidence: 0.99, reason: 'header "Zip Code" is a name for ZIP, and 100% of values look like ZIP codes' });
    expect(p.columns[8]!.reason).toMatch(/not a known field/);
    expect(p.rows).toHaveLength(20);
    expect(p.rows[0]).toEqual(row(1).split(','));
  });

  it('keeps title rows above a chosen header row aside, in the preview, the report and the list format', async () => {
    const t = await newProject();
    const file = writeFile(t.dir, 'titled.csv', `Acme Data - March prospects\r\nExported 2026-03-02\r\n${HEADER}\r\n${row(1)}\r\n${row(2)}\r\n`);
    const options = { headerRow: 3 };
    const p = await t.service.invoke('import.preview', { file: t.service.registerFile(file, 'read'), options });
    expect(p).toMatchObject({ headerRow: 3, preamble: [['Acme Data - March prospects'], ['Exported 2026-03-02']], rows: [row(1).split(','), row(2).split(',')] });
    expect(p.columns.map((c) => c.name)).toEqual(HEADER.split(','));
    const job = await importFile(t, file, undefined, { options });
    expect(job.result).toMatchObject({ rowsImported: 2, headerRow: 3, skippedAboveHeader: 2, mappedColumns: 8, customColumns: 1 });
    const list = (await t.service.invoke('project.info', { projectId: t.projectId })).lists[0]!;
    expect(list.format).toMatchObject({ headerRow: 3, preamble: [['Acme Data - March prospects'], ['Exported 2026-03-02']] });
    expect(list.columns.map((c) => c.name)).toEqual(HEADER.split(','));
    expect((await t.service.invoke('lists.rows', { projectId: t.projectId, listId: list.id, fromRow: 1, count: 5 })).rows.map((r) => r.cells)).toEqual([row(1).split(','), row(2).split(',')]);
  });

  it('refuses to preview a file with no header (only empty quoted cells) as FILE_EMPTY', async () => {
    const service = openService();
    await expectCode(service.invoke('import.preview', { file: service.registerFile(writeFile(tempDir(), 'q.csv', '""\n""\n'), 'read') }), 'FILE_EMPTY');
  });

  it('imports with the confirmed mapping: fields and original headers on the columns, details and format stored, counts in the report', async () => {
    const t = await newProject();
    const file = listFile(t.dir, 'acme.csv', 5);
    const job = await importFile(t, file, 'Acme March', {
      role: 'prospects',
      mapping: [{ index: 8, field: 'source' }, { index: 0, field: null }],
      details: { vendor: 'Acme Data', pricePaid: 1250, purchaseDate: '2026-03-01', notes: 'spring test' },
    });
    expect(job.error).toBeNull();
    const r = job.result as ImportResult;
    expect(r).toMatchObject({ rowsRead: 5, rowsImported: 5, rowsWithProblems: 0, kind: 'delimited', delimiter: 'comma', headerRow: 1, skippedAboveHeader: 0, sheet: null, mappedColumns: 8, customColumns: 1 });
    const list = (await t.service.invoke('project.info', { projectId: t.projectId })).lists[0]!;
    expect(list.details).toEqual({ vendor: 'Acme Data', pricePaid: 1250, purchaseDate: '2026-03-01', notes: 'spring test' });
    expect(list.columns.map((c) => c.field)).toEqual([null, 'first_name', 'last_name', 'address1', 'city', 'state', 'zip', 'email', 'source']);
    expect(list.format).toMatchObject({ kind: 'delimited', headerRow: 1, preamble: [] });
  });

  it('keeps the header cell as written beside the shown name', async () => {
    const t = await newProject();
    const job = await importFile(t, writeFile(t.dir, 'h.csv', ' Email ,Email,\r\na@b.com,c@d.com,x\r\n'));
    const list = (await t.service.invoke('project.info', { projectId: t.projectId })).lists[0]!;
    expect(job.status).toBe('done');
    expect(list.columns).toEqual([
      { index: 0, name: 'Email', original: ' Email ', field: 'email' },
      { index: 1, name: 'Email (2)', original: 'Email', field: null },
      { index: 2, name: 'Column 3', original: '', field: null },
    ]);
  });

  it('refuses two columns mapped to one field before starting, naming both', async () => {
    const t = await newProject();
    const err = await expectCode(
      t.service.invoke('import.start', { projectId: t.projectId, file: t.service.registerFile(listFile(t.dir, 'a.csv'), 'read'), mapping: [{ index: 1, field: 'city' }, { index: 4, field: 'city' }] }),
      'INVALID_INPUT',
    );
    expect(err.message).toMatch(/column 2 and column 5/);
    expect((await t.service.invoke('jobs.history', { projectId: t.projectId })).jobs).toEqual([]);
  });

  it('fails the job with INVALID_INPUT for a column the file does not have, changing nothing', async () => {
    const t = await newProject();
    const before = projectSnapshot(t.projectPath);
    const job = await importFile(t, listFile(t.dir, 'a.csv'), undefined, { mapping: [{ index: 9, field: 'city' }] });
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/column 10, but the file has 9 columns/) });
    expect(projectSnapshot(t.projectPath)).toEqual(before);
  });

  it('saves a preset, recognizes it for another file with the same header, uses it, and deletes it', async () => {
    const t = await newProject();
    const mapping = [{ index: 8, field: 'source' as const }, { index: 0, field: null }];
    const first = await importFile(t, listFile(t.dir, 'march.csv', 3), undefined, { mapping, savePreset: 'Acme layout' });
    expect(first.status).toBe('done');
    const { presets } = await t.service.invoke('mapping.presets', { projectId: t.projectId });
    expect(presets).toEqual([
      {
        name: 'Acme layout',
        header: HEADER.split(','),
        mapping: [null, 'first_name', 'last_name', 'address1', 'city', 'state', 'zip', 'email', 'source'].map((field, index) => ({ index, field })),
        createdAt: expect.any(String),
      },
    ]);
    // April's file: same layout, other rows. The preview applies the preset; without a project it cannot.
    const april = listFile(t.dir, 'april.csv', 7);
    const p = await t.service.invoke('import.preview', { projectId: t.projectId, file: t.service.registerFile(april, 'read') });
    expect(p.preset).toBe('Acme layout');
    expect(p.columns.map((c) => c.field)).toEqual([null, 'first_name', 'last_name', 'address1', 'city', 'state', 'zip', 'email', 'source']);
    expect(p.columns.every((c) => c.confidence === 1 && c.reason === 'from preset "Acme layout"')).toBe(true);
    expect((await t.service.invoke('import.preview', { file: t.service.registerFile(april, 'read') })).preset).toBeNull();
    // Importing without a mapping uses the preset.
    const second = await importFile(t, april);
    const list = (await t.service.invoke('project.info', { projectId: t.projectId })).lists.find((l) => l.id === (second.result as ImportResult).listId)!;
    expect(list.columns[8]!.field).toBe('source');
    expect(list.columns[0]!.field).toBeNull();
    // Delete (by name, any case): gone, and the next preview maps automatically again.
    expect(await t.service.invoke('mapping.deletePreset', { projectId: t.projectId, name: 'ACME LAYOUT' })).toEqual({ deleted: true });
    expect(await t.service.invoke('mapping.deletePreset', { projectId: t.projectId, name: 'Acme layout' })).toEqual({ deleted: false });
    expect((await t.service.invoke('mapping.presets', { projectId: t.projectId })).presets).toEqual([]);
    const again = await t.service.invoke('import.preview', { projectId: t.projectId, file: t.service.registerFile(april, 'read') });
    expect(again.preset).toBeNull();
    expect(again.columns[0]!.field).toBe('customer_id');
  });

  it('does not save a preset when the import fails', async () => {
    const t = await newProject();
    const job = await importFile(t, writeFile(t.dir, 'q.csv', '""\n'), undefined, { savePreset: 'Never' });
    expect(job.status).toBe('failed');
    expect((await t.service.invoke('mapping.presets', { projectId: t.projectId })).presets).toEqual([]);
  });
});

describe('a file imported before', () => {
  it('is shown in the preview and refused with ALREADY_IMPORTED naming the list and when, unless asked to import again', async () => {
    const t = await newProject();
    const file = writeFile(t.dir, 'march.csv', plainCsv(500));
    const first = (await importFile(t, file, 'March buy')).result as ImportResult;
    const p = await t.service.invoke('import.preview', { projectId: t.projectId, file: t.service.registerFile(file, 'read') });
    expect(p.alreadyImported).toEqual([{ listId: first.listId, listName: 'March buy', importedAt: expect.any(String) }]);
    // The same bytes under another name are the same file.
    const copy = writeFile(t.dir, 'copy.csv', fs.readFileSync(file));
    const before = projectSnapshot(t.projectPath);
    const refused = await importFile(t, copy);
    expect(refused.status).toBe('failed');
    expect(refused.error?.code).toBe('ALREADY_IMPORTED');
    expect(refused.error?.message).toMatch(/copy\.csv was already imported as list "March buy" on \d{4}-\d\d-\d\d/);
    expect(projectSnapshot(t.projectPath)).toEqual(before);
    const again = await importFile(t, copy, undefined, { ifAlreadyImported: 'import' });
    expect(again.status).toBe('done');
    expect((await t.service.invoke('project.info', { projectId: t.projectId })).lists.map((l) => l.name)).toEqual(['March buy', 'copy']);
  });

  it('is not confused with a different file of the same size', async () => {
    const t = await newProject();
    expect((await importFile(t, writeFile(t.dir, 'a.csv', 'name\nAnn\n'))).status).toBe('done');
    const b = writeFile(t.dir, 'b.csv', 'name\nBob\n');
    expect((await t.service.invoke('import.preview', { projectId: t.projectId, file: t.service.registerFile(b, 'read') })).alreadyImported).toEqual([]);
    expect((await importFile(t, b)).status).toBe('done');
  });
});

describe('lists.problems', () => {
  it('pages through the problems in line order with the total', async () => {
    const t = await newProject();
    const lines = ['a,b,c'];
    for (let i = 1; i <= 25; i++) lines.push(i % 2 === 0 ? `x${i},y` : `x${i},y,z`);
    const { listId } = (await importFile(t, writeFile(t.dir, 'ragged.csv', lines.join('\n') + '\n'))).result as ImportResult;
    const page = (offset: number, count: number) => t.service.invoke('lists.problems', { projectId: t.projectId, listId, offset, count });
    const all = await page(0, 1000);
    expect(all.total).toBe(12);
    expect(all.problems.map((p) => p.lineNo)).toEqual([3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25]);
    expect(all.problems[0]).toEqual({ lineNo: 3, rowNo: 2, reason: 'row has 2 cells; the header has 3 (all cells kept)', cells: ['x2', 'y'] });
    const pages = [await page(0, 5), await page(5, 5), await page(10, 5)];
    expect(pages.map((p) => p.total)).toEqual([12, 12, 12]);
    expect(pages.flatMap((p) => p.problems)).toEqual(all.problems);
    expect((await page(12, 5)).problems).toEqual([]);
    // The default page is the first 200.
    expect(await t.service.invoke('lists.problems', { projectId: t.projectId, listId })).toEqual(all);
    await expectCode(t.service.invoke('lists.problems', { projectId: t.projectId, listId: 99 }), 'NOT_FOUND');
  });
});
