// `winnow check` and `winnow recover`: the integrity check of a project file and the recovery of a damaged one.
import fs from 'node:fs';
import path from 'node:path';
import { WinnowError } from '../api/contract';
import type { WinnowService } from '../service';

type Values = Record<string, string | boolean | undefined>;
interface Out {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const PROJECT_FILE_COMMANDS = {
  check: {
    options: { project: { type: 'string' }, integrity: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    positionals: 0,
    help: 'winnow check --project P.winnow [--integrity]',
  },
  recover: {
    options: { project: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    positionals: 0,
    help: 'winnow recover --project DAMAGED.winnow --out RECOVERED.winnow',
  },
} as const;

export const PROJECT_FILE_HELP = `  winnow check --project P.winnow [--integrity]
      Check that every page of a project file reads back well formed (SQLite quick_check; --integrity also checks
      each index against its table). Exit status 1 when it is damaged.
  winnow recover --project DAMAGED.winnow --out RECOVERED.winnow
      Copy every list, record, edit and setting that can still be read from a damaged project into a new project,
      and say what was lost. The damaged file is not changed.`;

function need(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.length === 0) throw new WinnowError('INVALID_INPUT', `--${name} is required`);
  return v;
}

export async function cmdCheck(service: WinnowService, values: Values, io: Out): Promise<number> {
  const projectPath = path.resolve(need(values, 'project'));
  if (!fs.existsSync(projectPath)) throw new WinnowError('FILE_NOT_FOUND', `project ${projectPath} does not exist.`);
  // Opening already refuses a file whose header, schema or (when small or after a crash) pages are damaged.
  const info = await service.invoke('project.open', { file: service.registerFile(projectPath, 'read') });
  const r = await service.invoke('project.check', { projectId: info.projectId, integrity: values.integrity === true });
  if (r.ok) {
    io.out(`${path.basename(projectPath)}: ok (${values.integrity ? 'integrity' : 'quick'} check in ${r.seconds.toFixed(2)} s)`);
    return 0;
  }
  io.out(`${path.basename(projectPath)} is damaged: ${r.problems.length} problem(s) found:`);
  for (const p of r.problems) io.out(`  ${p}`);
  io.out(`Copy what can still be read into a new project: winnow recover --project "${projectPath}" --out RECOVERED.winnow`);
  return 1;
}

export async function cmdRecover(service: WinnowService, values: Values, io: Out): Promise<number> {
  const source = path.resolve(need(values, 'project'));
  const out = path.resolve(need(values, 'out'));
  const r = await service.invoke('project.recover', { file: service.registerFile(source, 'read'), out: service.registerFile(out, 'write') });
  io.out(`Recovered ${path.basename(source)} into ${path.basename(r.location)} in ${r.seconds.toFixed(2)} s${r.complete ? '' : ' (some data was lost)'}.`);
  for (const l of r.lists) io.out(`  list "${l.name}": ${l.recovered.toLocaleString('en-US')} of ${l.rows.toLocaleString('en-US')} rows`);
  for (const line of r.summary) io.out(line);
  return r.complete ? 0 : 1;
}
