// UI state for the open project: which project, which list is selected, recent projects, what is being opened.
import { create } from 'zustand';
import type { FileRef, ListInfo, ProjectInfo, RecentProject } from '../../../src/api/contract';
import { api } from '../api/create-client';
import type { ConnectionState } from '../api/client-types';
import { offerRecovery, type DamagedSource } from './recover-store';
import { reportError } from './toast-store';

export type OpeningWhat = 'new' | 'open' | 'sample' | 'recent';

interface AppState {
  project: ProjectInfo | null;
  selectedListId: number | null;
  recent: RecentProject[] | null;
  /** Set while a project is being opened (the sample takes a moment: it imports two lists). */
  opening: OpeningWhat | null;
  connection: ConnectionState;
  /** What the content area shows for the selected list: its rows, or the rows kept with a problem. */
  listView: ListView;
}

export type ListView = 'rows' | 'problems';

export const useAppStore = create<AppState>()(() => ({
  project: null,
  selectedListId: null,
  recent: null,
  opening: null,
  connection: 'connecting',
  listView: 'rows',
}));

export function selectedList(s: Pick<AppState, 'project' | 'selectedListId'>): ListInfo | null {
  return s.project?.lists.find((l) => l.id === s.selectedListId) ?? null;
}

export function setConnection(connection: ConnectionState): void {
  useAppStore.setState({ connection });
}

export async function loadRecent(): Promise<void> {
  try {
    const { items } = await api().invoke('project.recent', {});
    useAppStore.setState({ recent: items });
  } catch (err) {
    useAppStore.setState({ recent: [] });
    reportError('Could not read the recent projects', err);
  }
}

/** Shows a project that just opened; the one shown before (if another) is closed, as a window holds one project. */
function showProject(info: ProjectInfo): void {
  const before = useAppStore.getState().project;
  useAppStore.setState({ project: info, selectedListId: info.lists[0]?.id ?? null, listView: 'rows' });
  if (before && before.projectId !== info.projectId) {
    api()
      .invoke('project.close', { projectId: before.projectId })
      .catch((err: unknown) => reportError(`${before.name} did not close cleanly`, err));
  }
}

/**
 * Runs one way of opening a project. `open` is called synchronously, so a file picker it starts is inside the user's click.
 * It names the file through `from` once known, so a damaged one is offered for recovery instead of just refused.
 */
function opening(what: OpeningWhat, title: string, open: (from: (source: DamagedSource) => void) => Promise<ProjectInfo | null>): Promise<void> {
  if (useAppStore.getState().opening) return Promise.resolve();
  useAppStore.setState({ opening: what });
  let source: DamagedSource | null = null;
  return open((s) => {
    source = s;
  })
    .then(
      (info) => {
        if (info) showProject(info);
      },
      (err: unknown) => {
        if (!offerRecovery(err, source)) reportError(title, err);
      },
    )
    .finally(() => useAppStore.setState({ opening: null }));
}

export function openSample(): Promise<void> {
  return opening('sample', 'Could not open the sample project', () => api().invoke('project.openSample', {}));
}

export function openRecent(recentId: string): Promise<void> {
  return opening('recent', 'Could not open that project', (from) => {
    from({ recentId });
    return api().invoke('project.openRecent', { recentId });
  });
}

export function openProjectFile(): Promise<void> {
  return opening('open', 'Could not open the project', async (from) => {
    const file = await api().pickOpenFile({ purpose: 'project', title: 'Open a Winnow project' });
    if (!file) return null;
    from({ file: { fileId: file.fileId } });
    return api().invoke('project.open', { file: { fileId: file.fileId } });
  });
}

/** Opens a project file the host already knows (one the OS handed to Winnow, or a project just recovered). */
export function openProjectRef(file: FileRef): Promise<void> {
  return opening('open', 'Could not open the project', (from) => {
    from({ file });
    return api().invoke('project.open', { file });
  });
}

/** Creates a project: `name` is asked for by the browser host (it has no save dialog); Electron's save dialog names it. */
export function createProject(name?: string): Promise<void> {
  const trimmed = name?.trim();
  return opening('new', 'Could not create the project', async () => {
    const file = await api().pickSaveFile({ purpose: 'project', suggestedName: `${trimmed || 'Untitled'}.winnow` });
    if (!file) return null;
    return api().invoke('project.create', trimmed ? { file: { fileId: file.fileId }, name: trimmed } : { file: { fileId: file.fileId } });
  });
}

export async function closeProject(): Promise<void> {
  const p = useAppStore.getState().project;
  if (!p) return;
  useAppStore.setState({ project: null, selectedListId: null });
  try {
    await api().invoke('project.close', { projectId: p.projectId });
  } catch (err) {
    reportError('The project did not close cleanly', err);
  }
  void loadRecent();
}

/** Re-reads the project (after an import); optionally selects a list. Ignored if another project is open by then. */
export async function refreshProject(projectId: string, selectListId?: number): Promise<void> {
  try {
    const info = await api().invoke('project.info', { projectId });
    const s = useAppStore.getState();
    if (s.project?.projectId !== projectId) return;
    const keep = selectListId ?? s.selectedListId;
    const selected = info.lists.some((l) => l.id === keep) ? keep : (info.lists[0]?.id ?? null);
    useAppStore.setState({ project: info, selectedListId: selected, listView: selected === s.selectedListId ? s.listView : 'rows' });
  } catch (err) {
    reportError('Could not refresh the project', err);
  }
}

export function selectList(listId: number): void {
  useAppStore.setState((s) => (s.selectedListId === listId ? {} : { selectedListId: listId, listView: 'rows' }));
}

export function setListView(listView: ListView): void {
  useAppStore.setState({ listView });
}

/** Selects a list and shows its problems (from the import report's "View N problems"). */
export function showProblems(listId: number): void {
  useAppStore.setState({ selectedListId: listId, listView: 'problems' });
}
