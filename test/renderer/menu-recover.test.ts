// The desktop menu's commands run the page's own flows, and a damaged project is offered for recovery (not just refused):
// the recovery is asked of the engine with the file the user chose (or the recent entry) and a new file to write.
import { beforeEach, describe, expect, it } from 'vitest';
import { WinnowError, type ProjectInfo } from '../../src/api/contract';
import type { RendererClient } from '../../renderer/src/api/client-types';
import { setApi } from '../../renderer/src/api/create-client';
import { useAppStore } from '../../renderer/src/state/app-store';
import { registerListActions, runMenuCommand } from '../../renderer/src/state/menu-commands';
import { dismissRecovery, runRecovery, useRecoverStore } from '../../renderer/src/state/recover-store';
import { useToastStore } from '../../renderer/src/state/toast-store';

const info = (projectId: string, name: string): ProjectInfo => ({ projectId, name, location: `/x/${name}.winnow`, schemaVersion: 11, lists: [] });
const damagedError = () =>
  new WinnowError('PROJECT_DAMAGED', 'The project Spring.winnow is damaged: it is cut short. Winnow did not change the file. …winnow recover…', {
    path: '/x/Spring.winnow',
    what: 'it is cut short',
    backups: ['/x/Spring.winnow.backup-v10-2026.winnow'],
  });

let calls: [string, unknown][];
let answers: Record<string, (input: unknown) => unknown>;

function install() {
  calls = [];
  const client = {
    host: 'electron',
    invoke: async (method: string, input: unknown) => {
      calls.push([method, input]);
      const a = answers[method];
      if (!a) throw new Error(`unexpected ${method}`);
      return a(input);
    },
    pickOpenFile: async (opts: unknown) => {
      calls.push(['pickOpenFile', opts]);
      return { fileId: 'f1', name: 'Spring.winnow', size: 10 };
    },
    pickSaveFile: async (opts: unknown) => {
      calls.push(['pickSaveFile', opts]);
      return { fileId: 'o1', name: 'Spring-recovered.winnow' };
    },
  };
  setApi(client as unknown as RendererClient);
}

const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  answers = {};
  install();
  useAppStore.setState({ project: null, selectedListId: null, opening: null });
  useToastStore.setState({ toasts: [] });
  dismissRecovery();
});

describe('menu commands', () => {
  it('File → Open Project… picks a project and opens it; opening another closes the one shown', async () => {
    answers['project.open'] = () => info('p1', 'Spring');
    answers['project.openRecent'] = () => info('p2', 'Autumn');
    answers['project.close'] = () => ({ closed: true });
    runMenuCommand({ command: 'project.open' });
    await settle();
    expect(useAppStore.getState().project?.projectId).toBe('p1');
    runMenuCommand({ command: 'project.openRecent', recentId: 'r2' });
    await settle();
    expect(useAppStore.getState().project?.projectId).toBe('p2');
    expect(calls).toEqual([
      ['pickOpenFile', { purpose: 'project', title: 'Open a Winnow project' }],
      ['project.open', { file: { fileId: 'f1' } }],
      ['project.openRecent', { recentId: 'r2' }],
      ['project.close', { projectId: 'p1' }],
    ]);
  });

  it('a project file the OS handed over opens as it is; reopening the shown project closes nothing', async () => {
    answers['project.open'] = () => info('p1', 'Spring');
    runMenuCommand({ command: 'project.openFile', file: { fileId: 'os1', name: 'Spring.winnow' } });
    await settle();
    runMenuCommand({ command: 'project.openFile', file: { fileId: 'os2', name: 'Spring.winnow' } });
    await settle();
    expect(calls.map((c) => c[0])).toEqual(['project.open', 'project.open']);
    expect(calls[0]![1]).toEqual({ file: { fileId: 'os1' } });
  });

  it('Import List… and Export… reach the project screen’s flows, and only while a project is open', () => {
    const done: string[] = [];
    const off = registerListActions({ importList: () => done.push('import'), exportList: () => done.push('export') });
    runMenuCommand({ command: 'list.import' });
    useAppStore.setState({ project: info('p1', 'Spring') });
    runMenuCommand({ command: 'list.import' });
    runMenuCommand({ command: 'list.export' });
    off();
    runMenuCommand({ command: 'list.export' });
    expect(done).toEqual(['import', 'export']);
  });

  it('File → Close Project closes the shown project', async () => {
    answers['project.close'] = () => ({ closed: true });
    answers['project.recent'] = () => ({ items: [] });
    useAppStore.setState({ project: info('p1', 'Spring') });
    runMenuCommand({ command: 'project.close' });
    await settle();
    expect(useAppStore.getState().project).toBeNull();
    expect(calls[0]).toEqual(['project.close', { projectId: 'p1' }]);
  });
});

describe('a damaged project', () => {
  it('is offered for recovery instead of a toast, and recovery gets the chosen file and a new one', async () => {
    answers['project.open'] = () => {
      throw damagedError();
    };
    answers['project.recover'] = () => ({ location: '/x/Spring-recovered.winnow', tables: [], lists: [], unreadable: [], complete: true, summary: ['ok'], seconds: 0.2, file: { fileId: 'r1' } });
    runMenuCommand({ command: 'project.open' });
    await settle();
    expect(useToastStore.getState().toasts).toEqual([]);
    expect(useRecoverStore.getState()).toMatchObject({
      phase: 'ask',
      damaged: { source: { file: { fileId: 'f1' } }, name: 'Spring.winnow', what: 'it is cut short', backups: ['/x/Spring.winnow.backup-v10-2026.winnow'] },
    });
    await runRecovery();
    expect(calls.slice(-2)).toEqual([
      ['pickSaveFile', { purpose: 'project', suggestedName: 'Spring-recovered.winnow' }],
      ['project.recover', { file: { fileId: 'f1' }, out: { fileId: 'o1' } }],
    ]);
    expect(useRecoverStore.getState()).toMatchObject({ phase: 'done', result: { file: { fileId: 'r1' } } });
  });

  it('from the recent list is recovered by its recent entry', async () => {
    answers['project.openRecent'] = () => {
      throw damagedError();
    };
    answers['project.recover'] = () => {
      throw new WinnowError('DISK_FULL', 'The disk is full.');
    };
    runMenuCommand({ command: 'project.openRecent', recentId: 'r9' });
    await settle();
    expect(useRecoverStore.getState().damaged?.source).toEqual({ recentId: 'r9' });
    await runRecovery();
    expect(calls.at(-1)).toEqual(['project.recover', { recentId: 'r9', out: { fileId: 'o1' } }]);
    // A failed recovery is said in words and the dialog stays, to try again elsewhere.
    expect(useRecoverStore.getState().phase).toBe('ask');
    expect(useToastStore.getState().toasts.map((t) => t.message)).toEqual(['The disk is full.']);
  });

  it('any other failure to open stays a plain error message', async () => {
    answers['project.open'] = () => {
      throw new WinnowError('PROJECT_LOCKED', 'Spring.winnow is already open in another Winnow window.');
    };
    runMenuCommand({ command: 'project.open' });
    await settle();
    expect(useRecoverStore.getState().damaged).toBeNull();
    expect(useToastStore.getState().toasts.map((t) => t.title)).toEqual(['Could not open the project']);
  });
});
