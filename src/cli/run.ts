// The `winnow` command line over the same service the app uses. runCli is pure of process globals so tests call it directly.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LIST_ROLES, WinnowError, type ImportResult, type ExportResult, type ListRole, type ProjectInfo, type JobProgress } from '../api/contract';
import { createService, toWinnowError, type WinnowService } from '../service';

export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Transient progress (a terminal line rewritten in place); omitted when not a terminal. */
  progress?: (text: string) => void;
  resourcesDir: string;
  /** The bundled parse-worker.js (see ServiceOptions). */
  parserWorkerFile?: string;
}

const HELP = `winnow — clean, deduplicate and score mailing lists (offline)

Usage:
  winnow import FILE --project P.winnow [--name NAME] [--role ROLE]
      Import a CSV/TSV list into a project (created if missing). ROLE: ${LIST_ROLES.join('|')} (default prospects).
  winnow export --project P.winnow --list NAME --out OUT.csv
      Write a list back out with its original header and every raw value, in the original row order.
  winnow lists --project P.winnow
      Show each list in a project with its role and row count.

Options:
  -h, --help     Show this help (also: winnow COMMAND --help)
  -v, --version  Show the version

Exit status: 0 on success, 1 on an error (one line on stderr says what), 2 on a usage error.`;

class UsageError extends Error {}

const COMMANDS: Record<string, { options: NonNullable<ParseArgsConfig['options']>; positionals: number; help: string }> = {
  import: {
    options: { project: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    positionals: 1,
    help: 'winnow import FILE --project P.winnow [--name NAME] [--role prospects|customers|suppression|responses]',
  },
  export: {
    options: { project: { type: 'string' }, list: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    positionals: 0,
    help: 'winnow export --project P.winnow --list NAME --out OUT.csv',
  },
  lists: {
    options: { project: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    positionals: 0,
    help: 'winnow lists --project P.winnow',
  },
};

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.out(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    io.out('winnow 0.1.0');
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
    if (positionals.length !== spec.positionals) {
      throw new UsageError(spec.positionals === 0 ? `unexpected argument "${positionals[0]}"` : `expected ${spec.positionals} file argument`);
    }
  } catch (e) {
    io.err(`winnow ${command}: ${(e as Error).message}. Usage: ${spec.help}`);
    return 2;
  }

  const service = createService({ host: 'direct', resourcesDir: io.resourcesDir, ...(io.parserWorkerFile ? { parserWorkerFile: io.parserWorkerFile } : {}) });
  try {
    switch (command) {
      case 'import':
        return await cmdImport(service, positionals[0]!, values, io);
      case 'export':
        return await cmdExport(service, values, io);
      case 'lists':
        return await cmdLists(service, values, io);
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
    report(`${p.phase}${pct} — ${p.rows.toLocaleString('en-US')} rows, ${p.rate.toLocaleString('en-US')} rows/s`);
  });
}

async function cmdImport(service: WinnowService, file: string, values: Record<string, string | boolean | undefined>, io: CliIO): Promise<number> {
  const projectPath = path.resolve(need(values, 'project'));
  const role = (values.role as string | undefined) ?? 'prospects';
  if (!(LIST_ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${LIST_ROLES.join(', ')} (got "${role}")`);
  const source = path.resolve(file);
  // Check the source before touching the project, so a bad file never creates or changes one.
  await service.invoke('import.preview', { file: service.registerFile(source, 'read') });
  const created = !fs.existsSync(projectPath);
  const info = created
    ? await service.invoke('project.create', { file: service.registerFile(projectPath, 'write') })
    : await service.invoke('project.open', { file: service.registerFile(projectPath, 'read') });
  const stop = showProgress(service, io);
  try {
    const { jobId } = await service.invoke('import.start', {
      projectId: info.projectId,
      file: service.registerFile(source, 'read'),
      role: role as ListRole,
      ...(typeof values.name === 'string' ? { name: values.name } : {}),
    });
    const job = await service.invoke('jobs.wait', { jobId });
    if (job.status !== 'done' || !job.result) {
      if (created) {
        await service.invoke('project.close', { projectId: info.projectId });
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(projectPath + suffix, { force: true });
      }
      throw new WinnowError(job.error?.code ?? 'INTERNAL', job.error?.message ?? `import ${job.status}`);
    }
    const r = job.result as ImportResult;
    io.progress?.('');
    io.out(
      `Imported ${r.rowsImported.toLocaleString('en-US')} rows from ${path.basename(source)} into list "${r.listName}" (${role}) of ${path.basename(projectPath)} in ${r.seconds.toFixed(2)} s` +
        ` [${r.encoding}, ${r.delimiter}${r.blankLines ? `, ${r.blankLines} blank lines skipped` : ''}].`,
    );
    return 0;
  } finally {
    stop();
  }
}

async function cmdExport(service: WinnowService, values: Record<string, string | boolean | undefined>, io: CliIO): Promise<number> {
  const projectPath = path.resolve(need(values, 'project'));
  const listName = need(values, 'list');
  const out = path.resolve(need(values, 'out'));
  const info = await openExisting(service, projectPath);
  const list = info.lists.find((l) => l.name === listName) ?? info.lists.find((l) => l.name.toLowerCase() === listName.toLowerCase());
  if (!list) {
    const names = info.lists.map((l) => `"${l.name}"`).join(', ') || 'none';
    throw new WinnowError('NOT_FOUND', `no list named "${listName}" in ${path.basename(projectPath)} (lists: ${names}).`);
  }
  const stop = showProgress(service, io);
  try {
    const { jobId } = await service.invoke('export.start', { projectId: info.projectId, listId: list.id, file: service.registerFile(out, 'write') });
    const job = await service.invoke('jobs.wait', { jobId });
    if (job.status !== 'done' || !job.result) throw new WinnowError(job.error?.code ?? 'INTERNAL', job.error?.message ?? `export ${job.status}`);
    const r = job.result as ExportResult;
    io.progress?.('');
    io.out(`Exported ${r.rowsWritten.toLocaleString('en-US')} rows of list "${list.name}" to ${path.basename(out)} in ${r.seconds.toFixed(2)} s.`);
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
