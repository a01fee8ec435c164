// The project screen: toolbar, lists sidebar, the selected list's rows (or problems) with its clean bar and record drawer, the
// import report, jobs and the status bar.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/create-client';
import type { PickedFile } from '../api/client-types';
import { CleanBar } from '../components/clean-bar';
import { ExportMenu } from '../components/export-menu';
import { ImportIcon, PanelIcon, RedoIcon, SparkIcon, UndoIcon, WinnowMark } from '../components/icons';
import { DropOverlay } from '../components/drop-overlay';
import { ImportReport } from '../components/import-report';
import { JobBar } from '../components/job-bar';
import { ProblemsView } from '../components/problems-view';
import { ListSidebar } from '../components/list-sidebar';
import { RecordDrawer } from '../components/record-drawer';
import { RoleBadge } from '../components/role-badge';
import { StatusBar } from '../components/status-bar';
import { formatCount } from '../format';
import type { GridCursor } from '../grid/data-grid';
import { ListRowsView } from '../grid/list-rows-view';
import { historyCommand } from '../grid/grid-keys';
import { DuplicatesView } from '../duplicates/duplicates-view';
import { MailingView } from '../mailing/mailing-view';
import { ScoringView } from '../scoring/scoring-view';
import { AuditView } from '../audit/audit-view';
import { resetAudit, showAudit, useAuditStore } from '../state/audit-store';
import { openListExport } from '../state/export-store';
import { registerListActions } from '../state/menu-commands';
import { ImportWizard } from '../import/import-wizard';
import { closeProject, selectedList, selectList, setListView, showProblems, useAppStore } from '../state/app-store';
import { latestRun, loadDuplicates, resetDuplicates, showDuplicates, useDuplicatesStore } from '../state/duplicates-store';
import { resetMailing, showMailing, useMailingStore } from '../state/mailing-store';
import { resetScoring, showScoring, useScoringStore } from '../state/scoring-store';
import { setUpload, startClean, useJobsStore } from '../state/jobs-store';
import { clearIssueFilter, editCell, loadEditsState, resetReview, setDrawerOpen, stepHistory, toggleDrawer, useReviewStore } from '../state/review-store';
import { pushToast, reportError } from '../state/toast-store';

export function ProjectScreen() {
  const project = useAppStore((s) => s.project);
  const list = useAppStore(selectedList);
  const connection = useAppStore((s) => s.connection);
  const uploading = useJobsStore((s) => s.upload !== null);
  const importing = useJobsStore((s) => s.jobs.some((j) => j.kind === 'import' && j.projectId === project?.projectId));
  const report = useJobsStore((s) => (s.report && s.report.projectId === project?.projectId ? s.report : null));
  const listView = useAppStore((s) => s.listView);
  const duplicatesShown = useDuplicatesStore((s) => s.shown);
  const mailingShown = useMailingStore((s) => s.shown) && !duplicatesShown;
  const scoringShown = useScoringStore((s) => s.shown) && !duplicatesShown && !mailingShown;
  const newReady = useScoringStore((s) => (s.projectId === project?.projectId ? s.unseenReady : 0));
  const auditShown = useAuditStore((s) => s.shown) && !duplicatesShown && !mailingShown && !scoringShown;
  const viewShown = duplicatesShown || mailingShown || scoringShown || auditShown;
  const toReview = useDuplicatesStore((s) => (s.projectId === project?.projectId ? (latestRun(s)?.toReview ?? null) : null));
  const [importFile, setImportFile] = useState<PickedFile | null>(null);
  const [cursor, setCursor] = useState<GridCursor | null>(null);
  const lastLoadError = useRef(0);

  const projectId = project?.projectId ?? '';
  const listId = list?.id ?? 0;
  const cleaning = useJobsStore((s) => s.jobs.some((j) => j.kind === 'clean' && j.projectId === projectId));
  const filter = useReviewStore((s) => (s.filter && s.filter.listId === listId ? s.filter : null));
  const rowUpdateAny = useReviewStore((s) => s.rowUpdate);
  const edits = useReviewStore((s) => s.edits);
  const drawerOpen = useReviewStore((s) => s.drawerOpen);
  // Column widths per list for this session, so switching the issue filter (a new grid) keeps the user's widths.
  const [widthsByList] = useState(() => new Map<string, number[]>());
  const widthsKey = `${projectId}:${listId}`;
  const onWidthsChange = useCallback((w: number[]) => void widthsByList.set(widthsKey, w), [widthsByList, widthsKey]);
  const onOpenRecord = useCallback((_rowNo: number, via: 'key' | 'mouse') => (via === 'key' ? toggleDrawer() : setDrawerOpen(true)), []);

  // A new project: its own undo history, no filter, no drawer.
  useEffect(() => {
    if (!projectId) return;
    resetReview();
    resetDuplicates();
    resetMailing();
    resetScoring();
    resetAudit();
    void loadEditsState(projectId);
    void loadDuplicates(projectId);
  }, [projectId]);

  // Another list: the filter was about this one's findings.
  useEffect(() => {
    clearIssueFilter();
  }, [listId]);

  const cleanList = useCallback(() => {
    if (projectId && list && !cleaning) void startClean({ projectId, list });
  }, [projectId, list, cleaning]);
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

  const exportList = useCallback(() => {
    if (projectId && list) openListExport(projectId, list);
  }, [projectId, list]);

  useEffect(() => registerListActions({ importList, exportList }), [importList, exportList]);

  const focusGrid = () => document.querySelector<HTMLElement>('[data-testid="grid"]')?.focus();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || document.querySelector('dialog[open]')) return;
      const history = historyCommand(e);
      if (history) {
        // Text fields keep their own undo.
        const t = e.target as HTMLElement | null;
        if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
        e.preventDefault();
        if (projectId) void stepHistory(projectId, history);
        return;
      }
      // In the desktop app Ctrl+I and Ctrl+E are the menu's accelerators (File → Import List…, Export…): one action per key.
      if (e.shiftKey || api().host === 'electron') return;
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
  }, [importList, exportList, projectId]);

  if (!project) return null;

  return (
    <div className="project" data-testid="project" data-project-id={project.projectId}>
      <header className="toolbar">
        <div className="toolbar-title">
          <WinnowMark />
          <span className="toolbar-project" data-testid="project-name" title={project.location}>
            {project.name}
          </span>
          {viewShown ? (
            <>
              <span className="toolbar-sep">/</span>
              <span className="toolbar-list" data-testid="current-view-name">
                {mailingShown ? 'Mailing' : scoringShown ? 'Scoring' : auditShown ? 'List audit' : 'Duplicates'}
              </span>
            </>
          ) : list && (
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
          <button
            type="button"
            className="button button-icon"
            data-testid="undo-button"
            aria-label="Undo"
            title={edits.undoLabel ? `${edits.undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
            disabled={!edits.canUndo}
            onClick={() => void stepHistory(projectId, 'undo')}
          >
            <UndoIcon />
          </button>
          <button
            type="button"
            className="button button-icon"
            data-testid="redo-button"
            aria-label="Redo"
            title={edits.redoLabel ? `${edits.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}
            disabled={!edits.canRedo}
            onClick={() => void stepHistory(projectId, 'redo')}
          >
            <RedoIcon />
          </button>
          <span className="toolbar-divider" />
          <button
            type="button"
            className="button"
            data-testid="clean-button"
            onClick={cleanList}
            disabled={!list || cleaning}
            title={list?.clean ? 'Clean the list again: standardize and check every record' : 'Standardize names, addresses, e-mails and phones and flag what needs a look'}
          >
            <SparkIcon /> {cleaning ? 'Cleaning…' : list?.clean ? 'Clean again' : 'Clean'}
          </button>
          <button
            type="button"
            className="button button-icon"
            data-testid="record-button"
            aria-label="Record details"
            aria-pressed={drawerOpen}
            title="Show the record under the cursor (Space)"
            disabled={!list || listView === 'problems' || viewShown}
            onClick={toggleDrawer}
          >
            <PanelIcon />
          </button>
          <span className="toolbar-divider" />
          <button type="button" className="button" data-testid="import-button" onClick={importList} disabled={uploading} title="Import a CSV, text or Excel file as a new list (Ctrl+I) — or drop it on the window">
            <ImportIcon /> Import list…
          </button>
          <ExportMenu list={list} onExport={exportList} />
          <span className="toolbar-divider" />
          <button type="button" className="button button-quiet" data-testid="close-project" onClick={() => void closeProject()}>
            Close project
          </button>
        </div>
      </header>
      <div className="project-main">
        <ListSidebar
          lists={project.lists}
          selectedId={list?.id ?? null}
          onSelect={(id) => {
            showDuplicates(false);
            showMailing(false);
            showScoring(false);
            selectList(id);
          }}
          onEnter={() => {
            showDuplicates(false);
            showMailing(false);
            showScoring(false);
            focusGrid();
          }}
          duplicates={{
            active: duplicatesShown,
            toReview,
            onOpen: () => {
              showMailing(false);
              showScoring(false);
              showDuplicates(true);
            },
          }}
          mailing={{
            active: mailingShown,
            onOpen: () => {
              showDuplicates(false);
              showScoring(false);
              showMailing(true);
            },
          }}
          scoring={{
            active: scoringShown,
            newReady,
            onOpen: () => {
              showDuplicates(false);
              showMailing(false);
              showScoring(true);
            },
          }}
          audit={{
            active: auditShown,
            onOpen: () => {
              showDuplicates(false);
              showMailing(false);
              showScoring(false);
              showAudit(true);
            },
          }}
        />
        <section className="content" aria-label={duplicatesShown ? 'Duplicates' : mailingShown ? 'Mailing' : scoringShown ? 'Scoring' : auditShown ? 'List audit' : list ? `${listView === 'problems' ? 'Problems' : 'Rows'} of ${list.name}` : 'No list'}>
          {report && (
            <ImportReport
              report={report}
              onViewProblems={(id) => {
                showDuplicates(false);
                showMailing(false);
                showScoring(false);
                showProblems(id);
              }}
            />
          )}
          {duplicatesShown ? (
            <DuplicatesView project={project} onImport={importList} />
          ) : mailingShown ? (
            <MailingView project={project} />
          ) : scoringShown ? (
            <ScoringView project={project} />
          ) : auditShown ? (
            <AuditView project={project} />
          ) : (
            <>
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
              <>
                <CleanBar projectId={project.projectId} list={list} cleaning={cleaning} onClean={cleanList} />
                <ListRowsView
                  key={`${project.projectId}:${list.id}`}
                  projectId={project.projectId}
                  list={list}
                  issue={filter ? { code: filter.code, label: filter.label } : null}
                  onCursorChange={setCursor}
                  onLoadError={onLoadError}
                  onOpenRecord={onOpenRecord}
                  widths={{ initial: widthsByList.get(widthsKey), onChange: onWidthsChange }}
                  drawer={
                    drawerOpen && (
                      <RecordDrawer
                        projectId={project.projectId}
                        list={list}
                        rowNo={cursor?.rowNo ?? null}
                        revision={rowUpdateAny?.seq ?? 0}
                        onClose={() => {
                          setDrawerOpen(false);
                          focusGrid();
                        }}
                        onApply={(rowNo, column, value) => void editCell({ projectId: project.projectId, listId: list.id, rowNo, column, value })}
                      />
                    )
                  }
                />
            </>
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
            </>
          )}
        </section>
      </div>
      <JobBar />
      <StatusBar list={list} cursor={cursor} viewRows={filter && listView === 'rows' ? filter.total : undefined} location={project.location} connection={connection} />
      {importFile && <ImportWizard projectId={project.projectId} file={importFile} existingNames={project.lists.map((l) => l.name)} onClose={() => setImportFile(null)} />}
      <DropOverlay enabled={!uploading} onDrop={importDropped} />
    </div>
  );
}
