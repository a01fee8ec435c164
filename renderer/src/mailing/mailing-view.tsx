// The Mailing view: the recipe builder on the left; on the right the run's waterfall, then a pane with the map, the records a
// step removed, or the mailing ledger. Run (Ctrl+Enter) and export go through jobs; every count comes from the engine.
import { useEffect, useState } from 'react';
import { WinnowError, type ProjectInfo } from '../../../src/api/contract';
import { ExportIcon } from '../components/icons';
import { ExportDialog } from '../export/export-dialog';
import { formatCount, formatDateTime } from '../format';
import { startMailing, useJobsStore } from '../state/jobs-store';
import {
  loadMailing,
  loadRecipe,
  readRemoved,
  saveRecipeAs,
  selectedRun,
  selectRun,
  selectStep,
  setLayer,
  setPane,
  useMailingStore,
  type MailingPane,
} from '../state/mailing-store';
import { useAppStore } from '../state/app-store';
import { reportError } from '../state/toast-store';
import { Ledger } from './ledger';
import { SaveRecipeDialog } from './mailing-dialogs';
import { MailingMap } from './mailing-map';
import { LAYER_LABELS, type MapLayer } from './map-scale';
import { buildRecipe, isoDay, sameRecipe } from './recipe-edit';
import { RecipeBuilder } from './recipe-builder';
import { RemovedRecords } from './removed-records';
import { Waterfall } from './waterfall';

const LAYERS: MapLayer[] = ['customers', 'prospects', 'kept'];

export function MailingView({ project }: { project: ProjectInfo }) {
  const projectId = project.projectId;
  const s = useMailingStore();
  const running = useJobsStore((j) => j.jobs.some((x) => x.kind === 'mailing' && x.projectId === projectId));
  const exporting = useJobsStore((j) => j.jobs.some((x) => x.kind === 'export' && x.projectId === projectId && x.label.startsWith('Exporting the mailing')));
  // A run exported before is in the ledger: exporting it again writes the file only.
  const [dialog, setDialog] = useState<'export' | 'save' | null>(null);
  const mine = s.projectId === projectId;
  const run = mine ? selectedRun(s) : null;
  const check = buildRecipe(s.fromListId, s.steps);
  const fromList = project.lists.find((l) => l.id === s.fromListId) ?? null;
  const blocked = project.lists.length === 0 ? 'Import a list to mail from first.' : check.ok ? null : check.error;

  // Loads once per project (the lists as they are then; later changes reach the view through the project info).
  useEffect(() => {
    void loadMailing(projectId, useAppStore.getState().project?.lists ?? []);
  }, [projectId]);

  // The loaded recipe, unchanged: its runs carry its name.
  const saved = s.recipes.find((r) => r.name === s.recipeName) ?? null;
  const unchanged = saved !== null && check.ok && sameRecipe(saved.recipe, check.recipe);

  const runRecipe = () => {
    const c = buildRecipe(useMailingStore.getState().fromListId, useMailingStore.getState().steps);
    if (running || !c.ok || !fromList) return;
    void startMailing({ projectId, recipe: c.recipe, fromListName: fromList.name, ...(unchanged && saved ? { name: saved.name } : {}) });
  };

  // Ctrl+Enter runs the recipe from anywhere in the view (a dialog keeps its own keys).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.altKey || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      runRecipe();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const selectPane = (pane: MailingPane) => {
    setPane(pane);
    if (pane === 'removed' && run && s.stepIndex > 0) void readRemoved(projectId, run.runId, s.stepIndex, 0);
  };

  return (
    <div className="mail" data-testid="mailing-view">
      <div className="dup-bar mail-bar">
        <span className="dup-title">Mailing</span>
        <span className="clean-sep" aria-hidden="true" />
        {mine && s.runs.length > 0 ? (
          <label className="mail-inline">
            <span className="muted">Run</span>
            <select className="input select mail-select mail-run-select" data-testid="mail-run-select" value={run?.runId ?? ''} onChange={(e) => void selectRun(projectId, Number(e.target.value))}>
              {s.runs.map((r) => (
                <option key={r.runId} value={r.runId}>
                  {r.runId} · {r.recipeName ?? r.fromListName} · {formatCount(r.kept)} kept · {formatDateTime(r.createdAt)}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="muted">Build a recipe on the left, then Run: each step shows what it removed and why.</span>
        )}
        <span className="clean-spacer" />
        <button type="button" className="button button-small" data-testid="mail-export" disabled={!run || exporting || run.kept === 0} onClick={() => setDialog('export')} title="Write the mailing set to CSV or Excel (fields, mail-merge lines, ZIP order…) and record it in the ledger">
          <ExportIcon /> {exporting ? 'Exporting…' : 'Export mailing set…'}
        </button>
      </div>
      <div className="mail-body">
        <RecipeBuilder
          projectId={projectId}
          lists={project.lists}
          running={running}
          blocked={blocked}
          edited={s.recipeName !== null && !unchanged}
          onRun={runRecipe}
          onSaveAs={() => setDialog('save')}
        />
        <div className="mail-main">
          {run ? (
            <Waterfall run={run} stepIndex={s.stepIndex} onSelect={(i, open) => selectStep(projectId, i, open)} onEditRecipe={() => loadRecipe(run.recipe, run.recipeName)} />
          ) : (
            <div className="mail-waterfall mail-waterfall-empty" data-testid="waterfall-none">
              {s.loading ? (
                <span className="spinner" />
              ) : running ? (
                <>
                  <span className="spinner" /> <span>Running the recipe… the waterfall appears here.</span>
                </>
              ) : (
                <span className="muted">No run yet. The waterfall shows, step by step, how many records came in, how many each rule removed, and the mailing set left.</span>
              )}
            </div>
          )}
          <div className="view-tabs mail-tabs" role="tablist" aria-label="Mailing details">
            <button type="button" role="tab" className="view-tab" aria-selected={s.pane === 'map'} data-testid="mail-tab-map" onClick={() => selectPane('map')}>
              Map
            </button>
            <button type="button" role="tab" className="view-tab" aria-selected={s.pane === 'removed'} data-testid="mail-tab-removed" onClick={() => selectPane('removed')}>
              Removed records
              {run && s.stepIndex > 0 && <span className="view-tab-count">step {s.stepIndex}</span>}
            </button>
            <button type="button" role="tab" className="view-tab" aria-selected={s.pane === 'ledger'} data-testid="mail-tab-ledger" onClick={() => selectPane('ledger')}>
              Ledger <span className="view-tab-count">{formatCount(mine ? s.ledger.length : 0)}</span>
            </button>
            {s.pane === 'map' && (
              <span className="mail-seg mail-layers" role="radiogroup" aria-label="Colour the areas by">
                {LAYERS.map((l) => (
                  <button key={l} type="button" role="radio" aria-checked={s.layer === l} className="mail-seg-option" data-testid={`map-layer-${l}`} onClick={() => setLayer(l)}>
                    {LAYER_LABELS[l]}
                  </button>
                ))}
              </span>
            )}
          </div>
          <div className="mail-pane" role="tabpanel">
            {s.pane === 'map' ? (
              <MailingMap geo={mine ? s.geo : null} layer={s.layer} />
            ) : s.pane === 'removed' ? (
              run ? (
                <RemovedRecords
                  run={run}
                  stepIndex={s.stepIndex}
                  page={s.removed}
                  loading={s.removedLoading}
                  lists={project.lists}
                  onPage={(offset) => void readRemoved(projectId, run.runId, s.stepIndex, offset)}
                />
              ) : (
                <div className="empty-state mail-pane-empty">
                  <p className="muted">Run a recipe first.</p>
                </div>
              )
            ) : (
              <Ledger mailings={mine ? s.ledger : []} />
            )}
          </div>
        </div>
      </div>
      {dialog === 'export' && run && (
        <ExportDialog
          projectId={projectId}
          prefix="mail-export"
          source={{
            kind: 'run',
            runId: run.runId,
            records: run.kept,
            list: project.lists.find((l) => l.id === run.recipe.fromListId) ?? null,
            defaultName: `${run.recipeName ?? run.fromListName} ${isoDay()}`,
            recorded: s.ledger.filter((m) => m.runId === run.runId).sort((a, b) => b.mailingId - a.mailingId)[0] ?? null,
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'save' && (
        <SaveRecipeDialog
          initial={s.recipeName ?? ''}
          existing={s.recipes.map((r) => r.name)}
          onCancel={() => setDialog(null)}
          onSave={(name) => {
            setDialog(null);
            if (check.ok) void saveRecipeAs(projectId, name, check.recipe);
            else reportError('Could not save the recipe', new WinnowError('INVALID_INPUT', check.error));
          }}
        />
      )}
    </div>
  );
}
