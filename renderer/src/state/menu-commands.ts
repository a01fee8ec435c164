// What the desktop app's menu choices do: the same flows as the page's own buttons. List commands go to the project
// screen, which registers its import and export flows while it is shown.
import type { MenuCommand } from '../../../src/api/wire';
import { closeProject, createProject, openProjectFile, openProjectRef, openRecent, useAppStore } from './app-store';
import { chooseDamagedProject } from './recover-store';

export interface ListActions {
  importList(): void;
  exportList(): void;
}

let listActions: ListActions | null = null;

/** The project screen's import and export flows, for File → Import List… and File → Export…; returns the unregister. */
export function registerListActions(actions: ListActions): () => void {
  listActions = actions;
  return () => {
    if (listActions === actions) listActions = null;
  };
}

export function runMenuCommand(c: MenuCommand): void {
  switch (c.command) {
    case 'project.new':
      void createProject();
      return;
    case 'project.open':
      void openProjectFile();
      return;
    case 'project.openRecent':
      void openRecent(c.recentId);
      return;
    case 'project.openFile':
      void openProjectRef({ fileId: c.file.fileId });
      return;
    case 'project.recover':
      void chooseDamagedProject();
      return;
    case 'project.close':
      void closeProject();
      return;
    case 'list.import':
      if (useAppStore.getState().project) listActions?.importList();
      return;
    case 'list.export':
      if (useAppStore.getState().project) listActions?.exportList();
      return;
  }
}
