// The project screen: toolbar, lists sidebar, the selected list's rows (or problems), the import report, jobs and the status bar.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/create-client';
import type { PickedFile } from '../api/client-types';
import { ExportIcon, ImportIcon, WinnowMark } from '../components/icons';
import { DropOverlay } from '../components/drop-overlay';
import { ImportReport } from '../components/import-report';
import { JobBar } from '../components/job-bar';
import { ProblemsView } from '../components/problems-view';
import { ListSidebar } from '../components/list-sidebar';
import { RoleBadge } from '../components/role-badge';
import { StatusBar } from '../components/status-bar';
import { formatCount, safeFileName } from '../format';
import { DataGrid } from '../grid/data-grid';
import type { Cursor } from '../grid/grid-keys';
import type { FetchRows } from '../grid/row-source';
import { ImportWizard } from '../import/import-wizard';
import { closeProject, selectedList, selectList, setListView, showProblems, useAppStore } from '../state/app-store';
import { setUpload, startExport, useJobsStore } from '../state/jobs-store';
import { pushToast, reportError } from '../state/toast-store';

export function ProjectScreen() {
  const project = useAppStore((s) => s.project);
  const list = useAppStore(selectedList);
  const connection = useAppStore((s) => s.connection);
  const uploading = useJobsStore((s) => s.upload !== null);
  const importing = useJobsStore((s) => s.jobs.some((j) => j.kind === 'import' && j.projectId === project?.projectId));
  const report = useJobsStore((s) => (s.report && s.report.projectId === project?.projectId ? s.report : null));
  const listView = useAppStore((s) => s.listView);
  const [importFile, setImportFile] = useState<PickedFile | null>(null);
  const [cursor, setCursor] = useState<Cursor | null>(null);
  const lastLoadError = useRef(0);

  const projectId = project?.projectId ?? '';
  const listId = list?.id ?? 0;
  const fetchRows = useCallback<FetchRows>(
    (fromRow, count) => api().invoke('lists.rows', { projectId, listId, fromRow, count }).then((w) => w.rows),
    [projectId, listId],
  );
  const onLoadError = useCallback((err: unknown) => {
    // One message per burst: a failing page is retried as the user scrolls.
    if (Date.now() - lastLoadError.current < 10_000) return;
    lastLoadError.current = Date.now();
    reportError('Could not load rows', err);
  }, []);

  const importList = useCallback(() => {
    if (!projectId || uploading) return;
    // No await before the picker: the browser only opens it inside the user's click or key press.
    api()
      .pickOpenFile({ purpose: 'import', title: 'Import a list', onProgress: (p) => setUpload(p) })
      .then(
        (file) => {
          setUpload(null);
          if (file) setImportFile(file);
        },
        (err: unknown) => {
          setUpload(null);
          reportError('Could not read the file', err);
        },
      );
  }, [projectId, uploading]);

  const importDropped = useCallback(
    (file: File, others: number) => {
      if (!projectId || uploading) return;
      if (!api().acceptsDroppedFiles) {
        pushToast({ tone: 'info', title: 'Use Import list… to choose the file', message: 'Dropping a file on the window is not available in the desktop app yet.' });
        return;
      }
      if (others > 0) pushToast({ tone: 'info', title: `Importing ${file.name} only`, message: 'Drop or choose one file at a time.' });
      api()
        .openDroppedFile(file, (p) => setUpload(p))
        .then(
          (picked) => {
            setUpload(null);
            setImportFile(picked);
          },
          (err: unknown) => {
            setUpload(null);
            reportError('Could not read the file', err);
          },
        );
    },
    [projectId, uploading],
  );

  const exportList = useCallback(async () => {
    if (!projectId || !list) return;
    try {
      const target = await api().pickSaveFile({ purpose: 'export', suggestedName: `${safeFileName(list.name)}.csv` });
      if (target) await startExport({ projectId, list, target });
    } catch (err) {
      reportError(`Could not export “${list.name}”`, err);
    }
  }, [projectId, list]);

  const focusGrid = () => document.querySelector<HTMLElement>('[data-testid="grid"]')?.focus();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || document.querySelector('dialog[open]')) return;
      const k = e.key.toLowerCase();
      if (k === 'i') {
        e.preventDefault();
        importList();
      } else if (k === 'e') {
        e.preventDefault();
        void exportList();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [importList, exportList]);

  if (!project) return null;

  return (
    <div className="project" data-testid="project" data-project-id={project.projectId}>
      <header className="toolbar">
        <div className="toolbar-title">
          <WinnowMark />
          <span className="toolbar-project" data-testid="project-name" title={project.location}>
            {project.name}
          </span>
          {list && (
            <>
              <span className="toolbar-sep">/</span>
              <span className="toolbar-list" data-testid="current-list-name">
                {list.name}
              </span>
              <RoleBadge role={list.role} />
            </>
          )}
        </div>
        <div className="toolbar-actions">
          <button type="button" className="button" data-testid="import-button" onClick={importList} disabled={uploading} title="Import a CSV, text or Excel file as a new list (Ctrl+I) — or drop it on the window">
            <ImportIcon /> Import list…
          </button>
          <button type="button" className="button" data-testid="export-button" onClick={() => void exportList()} disabled={!list} title="Write the selected list to a CSV file (Ctrl+E)">
            <ExportIcon /> Export CSV…
          </button>
          <span className="toolbar-divider" />
          <button type="button" className="button button-quiet" data-testid="close-project" onClick={() => void closeProject()}>
            Close project
          </button>
        </div>
      </header>
      <div className="project-main">
        <ListSidebar lists={project.lists} selectedId={list?.id ?? null} onSelect={selectList} onEnter={focusGrid} />
        <section className="content" aria-label={list ? `${listView === 'problems' ? 'Problems' : 'Rows'} of ${list.name}` : 'No list'}>
          {report && <ImportReport report={report} onViewProblems={showProblems} />}
          {list && list.problemCount > 0 && (
            <div className="view-tabs" role="tablist" aria-label="What to show">
              <button type="button" role="tab" className="view-tab" aria-selected={listView === 'rows'} data-testid="view-rows" onClick={() => setListView('rows')}>
                Rows <span className="view-tab-count">{formatCount(list.rowCount)}</span>
              </button>
              <button type="button" role="tab" className="view-tab" aria-selected={listView === 'problems'} data-testid="view-problems" onClick={() => setListView('problems')}>
                Problems <span className="view-tab-count is-warn">{formatCount(list.problemCount)}</span>
              </button>
            </div>
          )}
          {list && listView === 'problems' && list.problemCount > 0 ? (
            <ProblemsView key={`${project.projectId}:${list.id}`} projectId={project.projectId} list={list} />
          ) : list ? (
            <DataGrid
              key={`${project.projectId}:${list.id}`}
              columns={list.columns}
              totalRows={list.rowCount}
              fetchRows={fetchRows}
              ariaLabel={list.name}
              onCursorChange={setCursor}
              onLoadError={onLoadError}
            />
          ) : importing || uploading ? (
            <div className="empty-state" data-testid="project-empty" data-importing="true">
              <span className="spinner" />
              <p>Importing… the list appears here when it is done.</p>
            </div>
          ) : (
            <div className="empty-state" data-testid="project-empty">
              <p>This project has no lists yet. Import a CSV or Excel file — or drop it here — to start.</p>
              <button type="button" className="button button-primary" onClick={importList}>
                <ImportIcon /> Import list…
              </button>
              <p className="muted">
                or press <kbd>Ctrl</kbd>+<kbd>I</kbd>
              </p>
            </div>
          )}
        </section>
      </div>
      <JobBar />
      <StatusBar list={list} cursor={cursor} location={project.location} connection={connection} />
      {importFile && <ImportWizard projectId={project.projectId} file={importFile} existingNames={project.lists.map((l) => l.name)} onClose={() => setImportFile(null)} />}
      <DropOverlay enabled={!uploading} onDrop={importDropped} />
    </div>
  );
}
