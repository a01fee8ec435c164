// Covers the `winnow` command in-process (runCli) and through the real bin: import, export, lists, errors, exit codes, help.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { messyTable, parseCsv, plainCsv, toCsv } from '../fixtures/csv';
import { ensureEngineBuilt, ROOT } from '../fixtures/engine-build';
import { cleanupAfterEach, openService, tempDir, writeFile } from '../fixtures/helpers';

cleanupAfterEach();
beforeAll(ensureEngineBuilt, 120_000);

interface Run {
  code: number;
  out: string[];
  err: string[];
}

/** The same command two ways: runCli in this process, and the real bin in a child process. */
const runners: { how: string; run: (argv: string[], cwd: string) => Promise<Run> }[] = [
  {
    how: 'runCli',
    // runCli resolves relative paths against this process's cwd, so the tests pass absolute paths.
    run: async (argv, _cwd) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), resourcesDir: path.join(ROOT, 'resources') });
      return { code, out: out.flatMap((l) => l.split('\n')), err: err.flatMap((l) => l.split('\n')) };
    },
  },
  {
    how: 'bin/winnow.mjs',
    run: async (argv, cwd) => {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'winnow.mjs'), ...argv], { cwd, encoding: 'utf8', timeout: 60_000 });
      const lines = (s: string) => (s.length === 0 ? [] : s.replace(/\n$/, '').split('\n'));
      return { code: r.status ?? -1, out: lines(r.stdout), err: lines(r.stderr) };
    },
  },
];

const IMPORTED = /^Imported \d[\d,]* rows .* in \d+\.\d\d s/;

describe.each(runners)('winnow via $how', ({ run }) => {
  it('imports a file into a new project and prints one summary line', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'acme.csv', toCsv(messyTable(1500, 6, 5)));
    const project = path.join(dir, 'spring.winnow');
    const r = await run(['import', file, '--project', project], dir);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    expect(r.out[0]).toMatch(IMPORTED);
    expect(r.out[0]).toMatch(/^Imported 1,500 rows from acme\.csv into list "acme" \(prospects\) of spring\.winnow/);
    expect(fs.existsSync(project)).toBe(true);
  });

  it('exports a list that reproduces every cell of the imported file', async () => {
    const dir = tempDir();
    const table = messyTable(800, 5, 9);
    const file = writeFile(dir, 'list.csv', toCsv(table));
    const project = path.join(dir, 'p.winnow');
    expect((await run(['import', file, '--project', project, '--name', 'March buy'], dir)).code).toBe(0);
    const out = path.join(dir, 'out.csv');
    const r = await run(['export', '--project', project, '--list', 'March buy', '--out', out], dir);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([expect.stringMatching(/^Exported 800 rows of list "March buy" to out\.csv in \d+\.\d\d s\.$/)]);
    expect(parseCsv(fs.readFileSync(out, 'utf8'), ',')).toEqual(table);
    // The list name matches without regard to case.
    expect((await run(['export', '--project', project, '--list', 'march BUY', '--out', path.join(dir, 'o2.csv')], dir)).code).toBe(0);
  });

  it('lists prints a header and one line per list with its role and row count', async () => {
    const dir = tempDir();
    const project = path.join(dir, 'p.winnow');
    expect((await run(['import', writeFile(dir, 'house.csv', plainCsv(1234)), '--project', project, '--role', 'customers'], dir)).code).toBe(0);
    expect((await run(['import', writeFile(dir, 'dnm.csv', plainCsv(7)), '--project', project, '--role', 'suppression', '--name', 'Do not mail'], dir)).code).toBe(0);
    const r = await run(['lists', '--project', project], dir);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.out).toHaveLength(3);
    expect(r.out[0]!.split(/\s{2,}/)).toEqual(['LIST', 'ROLE', 'ROWS']);
    expect(r.out[1]!.trim().split(/\s{2,}/)).toEqual(['house', 'customers', '1234']);
    expect(r.out[2]!.trim().split(/\s{2,}/)).toEqual(['Do not mail', 'suppression', '7']);
  });

  it('says so when a project has no lists', async () => {
    const dir = tempDir();
    const project = path.join(dir, 'empty.winnow');
    const service = openService();
    await service.invoke('project.create', { file: service.registerFile(project, 'write') });
    await service.close();
    const r = await run(['lists', '--project', project], dir);
    expect(r).toMatchObject({ code: 0, out: ['empty has no lists yet.'], err: [] });
  });

  it('imports a header-only file as a list of 0 rows', async () => {
    const dir = tempDir();
    const project = path.join(dir, 'p.winnow');
    const r = await run(['import', writeFile(dir, 'h.csv', 'name,zip\n'), '--project', project], dir);
    expect(r.out).toEqual([expect.stringMatching(/^Imported 0 rows from h\.csv/)]);
    const lists = await run(['lists', '--project', project], dir);
    expect(lists.out[1]!.trim().split(/\s{2,}/)).toEqual(['h', 'prospects', '0']);
  });

  describe('errors: one line on stderr, exit 1', () => {
    it('a missing source file, and no project is created', async () => {
      const dir = tempDir();
      const project = path.join(dir, 'p.winnow');
      const r = await run(['import', path.join(dir, 'nope.csv'), '--project', project], dir);
      expect(r.code).toBe(1);
      expect(r.out).toEqual([]);
      expect(r.err).toEqual([expect.stringMatching(/^winnow: nope\.csv: no such file/)]);
      expect(fs.readdirSync(dir)).toEqual([]);
    });

    it('a binary source file, and no project is created', async () => {
      const dir = tempDir();
      const project = path.join(dir, 'p.winnow');
      const r = await run(['import', writeFile(dir, 'book.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])), '--project', project], dir);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([expect.stringMatching(/ZIP/)]);
      expect(fs.readdirSync(dir)).toEqual(['book.xlsx']);
    });

    it('an import that fails after the project was created removes the new project file', async () => {
      const dir = tempDir();
      const project = path.join(dir, 'p.winnow');
      // `""` passes the first look (it is text) but holds no header once parsed, so the job itself fails.
      const r = await run(['import', writeFile(dir, 'quotes.csv', '""\n""\n'), '--project', project], dir);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([expect.stringMatching(/only blank lines/)]);
      expect(fs.readdirSync(dir)).toEqual(['quotes.csv']);
    });

    it('a failed import into an existing project keeps the project and its lists', async () => {
      const dir = tempDir();
      const project = path.join(dir, 'p.winnow');
      expect((await run(['import', writeFile(dir, 'a.csv', 'name\nAnn\n'), '--project', project], dir)).code).toBe(0);
      expect((await run(['import', writeFile(dir, 'quotes.csv', '""\n'), '--project', project], dir)).code).toBe(1);
      const r = await run(['lists', '--project', project], dir);
      expect(r.out.slice(1).map((l) => l.trim().split(/\s{2,}/))).toEqual([['a', 'prospects', '1']]);
    });

    it('a project that is not a Winnow project', async () => {
      const dir = tempDir();
      const junk = writeFile(dir, 'junk.winnow', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)));
      const r = await run(['lists', '--project', junk], dir);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([expect.stringMatching(/^winnow: .*junk\.winnow/)]);
    });

    it('a project that does not exist', async () => {
      const dir = tempDir();
      const r = await run(['lists', '--project', path.join(dir, 'missing.winnow')], dir);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([expect.stringMatching(/missing\.winnow does not exist/)]);
      expect(fs.existsSync(path.join(dir, 'missing.winnow'))).toBe(false);
    });

    it('an unknown list, naming the lists there are', async () => {
      const dir = tempDir();
      const project = path.join(dir, 'p.winnow');
      expect((await run(['import', writeFile(dir, 'a.csv', 'name\nAnn\n'), '--project', project], dir)).code).toBe(0);
      const r = await run(['export', '--project', project, '--list', 'Nope', '--out', path.join(dir, 'o.csv')], dir);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([expect.stringMatching(/no list named "Nope".*"a"/)]);
      expect(fs.existsSync(path.join(dir, 'o.csv'))).toBe(false);
    });
  });

  describe('usage errors: one line on stderr, exit 2', () => {
    it.each([
      ['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
      ['a missing --project', ['lists'], /--project is required/],
      ['a missing file argument', ['import', '--project', 'p.winnow'], /expected 1 file argument/],
      ['an unknown option', ['lists', '--project', 'p.winnow', '--colour'], /colour/],
      ['a bad role', ['import', 'a.csv', '--project', 'p.winnow', '--role', 'friends'], /--role must be one of/],
      ['no command at all', [], null],
    ])('%s', async (_what, argv, message) => {
      const dir = tempDir();
      const r = await run(argv, dir);
      expect(r.code).toBe(2);
      if (message) {
        expect(r.err).toHaveLength(1);
        expect(r.err[0]).toMatch(message);
      }
      expect(fs.readdirSync(dir)).toEqual([]);
    });
  });

  it('--help and COMMAND --help print usage and exit 0', async () => {
    const dir = tempDir();
    const help = await run(['--help'], dir);
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toMatch(/Usage:[\s\S]*winnow import[\s\S]*winnow export[\s\S]*winnow lists/);
    const sub = await run(['export', '--help'], dir);
    expect(sub.code).toBe(0);
    expect(sub.out.join('\n')).toMatch(/winnow export --project/);
    const version = await run(['--version'], dir);
    expect(version).toMatchObject({ code: 0, out: [expect.stringMatching(/^winnow \d+\.\d+\.\d+$/)] });
  });
});

describe('runCli progress', () => {
  it('reports progress through io.progress for a long import and clears the line at the end', async () => {
    const dir = tempDir();
    const progress: string[] = [];
    const code = await runCli(['import', writeFile(dir, 'big.csv', plainCsv(200_000)), '--project', path.join(dir, 'p.winnow')], {
      out: () => undefined,
      err: () => undefined,
      progress: (t) => progress.push(t),
      resourcesDir: path.join(ROOT, 'resources'),
    });
    expect(code).toBe(0);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[0]).toMatch(/^importing \d+% — [\d,]+ rows, [\d,]+ rows\/s$/);
    expect(progress[progress.length - 1]).toBe('');
  });
});
