// Recover project: a damaged project file offered for recovery when it fails to open (or chosen from File → Recover
// Project…), copied into a new project by the engine, then opened.
import { create } from 'zustand';
import { WinnowError, type FileRef, type MethodResult } from '../../../src/api/contract';
import { api } from '../api/create-client';
import { fileNameOf } from '../format';
import { reportError } from './toast-store';

/** Where the damaged project is: a file the user chose, or an entry of the recent list. */
export type DamagedSource = { file: FileRef } | { recentId: string };

export interface DamagedProject {
  source: DamagedSource;
  /** The file's name, e.g. "Spring.winnow". */
  name: string;
  /** What is wrong in plain words (the engine's finding); null when the user asked to recover without opening first. */
  what: string | null;
  /** The automatic backups made before upgrades, newest first (full paths). */
  backups: string[];
}

export type RecoverResultWithFile = MethodResult<'project.recover'>;

interface RecoverState {
  damaged: DamagedProject | null;
  phase: 'ask' | 'running' | 'done';
  result: RecoverResultWithFile | null;
}

export const useRecoverStore = create<RecoverState>()(() => ({ damaged: null, phase: 'ask', result: null }));

/** True (and the dialog is shown) when `err` says the project is damaged; the caller shows any other error itself. */
export function offerRecovery(err: unknown, source: DamagedSource | null): boolean {
  if (!(err instanceof WinnowError) || err.code !== 'PROJECT_DAMAGED' || source === null) return false;
  const d = err.details ?? {};
  const where = typeof d.path === 'string' ? d.path : '';
  const backups = Array.isArray(d.backups) ? d.backups.filter((b): b is string => typeof b === 'string') : [];
  useRecoverStore.setState({
    damaged: { source, name: fileNameOf(where) || 'The project', what: typeof d.what === 'string' ? d.what : err.message, backups },
    phase: 'ask',
    result: null,
  });
  return true;
}

/** File → Recover Project…: the user names a damaged file without opening it first. */
export async function chooseDamagedProject(): Promise<void> {
  try {
    const file = await api().pickOpenFile({ purpose: 'project', title: 'Choose the damaged project to recover' });
    if (!file) return;
    useRecoverStore.setState({ damaged: { source: { file: { fileId: file.fileId } }, name: file.name, what: null, backups: [] }, phase: 'ask', result: null });
  } catch (err) {
    reportError('Could not read the file', err);
  }
}

export function dismissRecovery(): void {
  if (useRecoverStore.getState().phase === 'running') return;
  useRecoverStore.setState({ damaged: null, phase: 'ask', result: null });
}

/** Asks where the new project goes, then copies what can still be read into it. The damaged file is never written. */
export async function runRecovery(): Promise<void> {
  const { damaged, phase } = useRecoverStore.getState();
  if (!damaged || phase !== 'ask') return;
  const stem = damaged.name.replace(/\.winnow$/i, '');
  const out = await api().pickSaveFile({ purpose: 'project', suggestedName: `${stem}-recovered.winnow` }).catch((err: unknown) => {
    reportError('Could not choose where to save', err);
    return null;
  });
  if (!out) return;
  useRecoverStore.setState({ phase: 'running' });
  try {
    const result = await api().invoke('project.recover', { ...damaged.source, out: { fileId: out.fileId } });
    useRecoverStore.setState({ phase: 'done', result });
  } catch (err) {
    useRecoverStore.setState({ phase: 'ask' });
    reportError('The project could not be recovered', err);
  }
}
