// Covers the service contract: input validation on every method, project lifecycle, recent projects, sample, BUSY, progress throttling.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { methodInputs, type JobProgress, type MethodName } from '../../src/api/contract';
import { throttledProgress } from '../../src/jobs/progress';
import { plainCsv } from '../fixtures/csv';
import { cleanupAfterEach, expectCode, importFile, newProject, openService, tempDir, winnowError, writeFile } from '../fixtures/helpers';

cleanupAfterEach();

describe('input validation', () => {
  // One wrong input per method, and the field the error must name.
  const invalid: Record<MethodName, [unknown, string]> = {
    'app.info': [{ verbose: true }, 'verbose'],
    'project.create': [{ file: { fileId: '' } }, 'file.fileId'],
    'project.open': [{}, 'file'],
    'project.openRecent': [{ recentId: 42 }, 'recentId'],
    'project.openSample': [{ where: '/tmp' }, 'where'],
    'project.recent': [{ limit: 5 }, 'limit'],
    'project.info': [{ projectId: '' }, 'projectId'],
    'project.close': [{ projectId: ['x'] }, 'projectId'],
    'lists.rows': [{ projectId: 'p', listId: 1, fromRow: 0, count: 10 }, 'fromRow'],
    'lists.problems': [{ projectId: 'p', listId: 1, count: 5000 }, 'count'],
    'mapping.presets': [{ projectId: 7 }, 'projectId'],
    'mapping.deletePreset': [{ projectId: 'p', name: '' }, 'name'],
    'import.preview': [{ file: '/etc/passwd' }, 'file'],
    'import.start': [{ projectId: 'p', file: { fileId: 'f' }, role: 'friends' }, 'role'],
    'export.start': [{ projectId: 'p', listId: -1, file: { fileId: 'f' } }, 'listId'],
    'jobs.cancel': [{}, 'jobId'],
    'jobs.wait': [{ jobId: 'x'.repeat(101) }, 'jobId'],
    'jobs.history': [{ projectId: null }, 'projectId'],
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
    for (const e of events) {
      expect(e).toMatchObject({ jobId: job.jobId, projectId: t.projectId, kind: 'import', phase: 'importing', total: size });
      expect(e.rows).toBeGreaterThan(0);
      expect(e.rate).toBeGreaterThanOrEqual(0);
      expect(e.done).toBeLessThanOrEqual(size);
    }
    for (let i = 1; i < events.length; i++) {
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
