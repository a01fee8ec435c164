// The recipe builder (left column of the Mailing view): the list to mail from, the ordered steps (each a compact row with its
// own form; ↑/↓ buttons or Alt+↑/↓ reorder, × removes), the "Add step" menu, saved recipes, and Run (Ctrl+Enter).
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ListInfo, RecipeInfo } from '../../../src/api/contract';
import { formatCount } from '../format';
import { CloseIcon, PlusIcon } from '../components/icons';
import { RoleBadge } from '../components/role-badge';
import { addStep, deleteRecipe, deleteStep, loadRecipe, moveStepBy, setFromList, useMailingStore } from '../state/mailing-store';
import { buildStep, describeDraft, mailFromOrder, STEP_MENU, STEP_TITLES, type StepDraft, type StepKind } from './recipe-edit';
import { StepForm } from './step-form';

export interface RecipeBuilderProps {
  projectId: string;
  lists: ListInfo[];
  running: boolean;
  /** The loaded recipe has been changed since it was saved or loaded. */
  edited: boolean;
  /** Why the recipe cannot run yet, in words (null: it can). */
  blocked: string | null;
  onRun: () => void;
  onSaveAs: () => void;
}

export function RecipeBuilder({ projectId, lists, running, edited, blocked, onRun, onSaveAs }: RecipeBuilderProps) {
  const fromListId = useMailingStore((s) => s.fromListId);
  const steps = useMailingStore((s) => s.steps);
  const recipeName = useMailingStore((s) => s.recipeName);
  const recipes = useMailingStore((s) => s.recipes);
  const focusStepId = useMailingStore((s) => s.focusStepId);
  const listName = (id: number) => lists.find((l) => l.id === id)?.name ?? `list ${id}`;
  const ordered = mailFromOrder(lists);
  const from = lists.find((l) => l.id === fromListId) ?? null;
  const stepsRef = useRef<HTMLOListElement>(null);
  const refocus = useRef<HTMLElement | null>(null);

  // A moved row keeps the keyboard focus (moving DOM nodes can drop it).
  useLayoutEffect(() => {
    const el = refocus.current;
    refocus.current = null;
    if (el && document.activeElement !== el && el.isConnected) el.focus();
  }, [steps]);

  // A newly added step: focus its first field.
  const lastAdded = useRef<number | null>(null);
  useEffect(() => {
    if (focusStepId === null || focusStepId === lastAdded.current) return;
    lastAdded.current = focusStepId;
    const row = stepsRef.current?.querySelector<HTMLElement>(`[data-step-id="${focusStepId}"]`);
    if (row && !row.contains(document.activeElement)) (row.querySelector<HTMLElement>('input, textarea, select, [role="radio"]') ?? row).focus();
  }, [focusStepId]);

  const onRowKey = (e: React.KeyboardEvent, step: StepDraft) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    refocus.current = document.activeElement as HTMLElement | null;
    moveStepBy(step.id, e.key === 'ArrowUp' ? -1 : 1);
  };

  return (
    <aside className="mail-builder" aria-label="Recipe" data-testid="recipe-builder">
      <div className="mail-builder-scroll">
        <section className="mail-section">
          <div className="mail-section-head">
            <span>Recipe</span>
            <RecipePicker recipes={recipes} current={recipeName} onLoad={(r) => loadRecipe(r.recipe, r.name)} />
          </div>
          <div className="mail-recipe-actions">
            <button type="button" className="button button-small" data-testid="recipe-save" onClick={onSaveAs} disabled={blocked !== null && fromListId === null}>
              Save as…
            </button>
            {recipeName && edited && (
              <span className="mail-hint mail-edited" data-testid="recipe-edited" title="Runs of a changed recipe are not filed under its name until you save it">
                changed since saved
              </span>
            )}
            {recipeName && (
              <button type="button" className="button button-small button-quiet" data-testid="recipe-delete" onClick={() => void deleteRecipe(projectId, recipeName)} title={`Delete the saved recipe “${recipeName}”`}>
                Delete “{recipeName}”
              </button>
            )}
          </div>
        </section>

        <section className="mail-section">
          <label className="mail-section-head" htmlFor="mail-from">
            <span>Mail from</span>
          </label>
          <select id="mail-from" className="input select" data-testid="mail-from" value={fromListId ?? ''} onChange={(e) => setFromList(Number(e.target.value))}>
            {fromListId === null && <option value="">Choose a list…</option>}
            {ordered.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
          {from && (
            <div className="mail-from-meta">
              <RoleBadge role={from.role} />
              <span className="muted">{formatCount(from.rowCount)} records{from.clean ? '' : ' · cleaned when the recipe runs'}</span>
            </div>
          )}
        </section>

        <section className="mail-section">
          <div className="mail-section-head">
            <span>Steps</span>
            <span className="sidebar-count">{steps.length}</span>
          </div>
          {steps.length === 0 ? (
            <p className="mail-hint mail-empty">No steps yet: the mailing set is the whole list. Add the rules that take records out, in the order they apply.</p>
          ) : (
            <ol className="mail-steps" ref={stepsRef}>
              {steps.map((st, i) => {
                const check = buildStep(st);
                return (
                  <li key={st.id} className="mail-step" data-testid="recipe-step" data-kind={st.kind} data-step-id={st.id} tabIndex={-1} onKeyDown={(e) => onRowKey(e, st)}>
                    <div className="mail-step-head">
                      <span className="mail-step-no">{i + 1}</span>
                      <span className="mail-step-title" title={describeDraft(st, listName)}>
                        {STEP_TITLES[st.kind]}
                      </span>
                      <span className="mail-step-tools">
                        <button type="button" className="icon-button" aria-label={`Move step ${i + 1} up (Alt+↑)`} title="Move up (Alt+↑)" disabled={i === 0} onClick={() => moveStepBy(st.id, -1)} data-testid="step-up">
                          ↑
                        </button>
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Move step ${i + 1} down (Alt+↓)`}
                          title="Move down (Alt+↓)"
                          disabled={i === steps.length - 1}
                          onClick={() => moveStepBy(st.id, 1)}
                          data-testid="step-down"
                        >
                          ↓
                        </button>
                        <button type="button" className="icon-button" aria-label={`Remove step ${i + 1}`} title="Remove this step" onClick={() => deleteStep(st.id)} data-testid="step-remove">
                          <CloseIcon />
                        </button>
                      </span>
                    </div>
                    <StepForm step={st} lists={lists} projectId={projectId} />
                    {!check.ok && (
                      <p className="mail-error" data-testid="step-error">
                        {check.error}
                      </p>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
          <AddStepMenu lists={lists} />
        </section>
      </div>
      <div className="mail-run">
        <button type="button" className="button button-primary mail-run-button" data-testid="mail-run" disabled={running || blocked !== null} onClick={onRun} title={blocked ?? 'Run the waterfall (Ctrl+Enter)'}>
          {running ? 'Running…' : 'Run'}
          {!running && <kbd className="mail-kbd">Ctrl+Enter</kbd>}
        </button>
        {blocked && (
          <p className="mail-hint" data-testid="mail-blocked">
            {blocked}
          </p>
        )}
      </div>
    </aside>
  );
}

function RecipePicker({ recipes, current, onLoad }: { recipes: RecipeInfo[]; current: string | null; onLoad: (r: RecipeInfo) => void }) {
  if (recipes.length === 0) return <span className="mail-hint">{current ?? 'not saved'}</span>;
  return (
    <select
      className="input select mail-select mail-recipe-select"
      aria-label="Load a saved recipe"
      data-testid="recipe-load"
      value={current ?? ''}
      onChange={(e) => {
        const r = recipes.find((x) => x.name === e.target.value);
        if (r) onLoad(r);
      }}
    >
      <option value="">{current ? 'Load a saved recipe…' : 'Unsaved — load a recipe…'}</option>
      {recipes.map((r) => (
        <option key={r.name} value={r.name}>
          {r.name}
        </option>
      ))}
    </select>
  );
}

function AddStepMenu({ lists }: { lists: ListInfo[] }) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    rootRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const add = (kind: StepKind, askBestAreas = false) => {
    setOpen(false);
    addStep(kind, lists, askBestAreas);
  };
  const onMenuKey = (e: React.KeyboardEvent) => {
    const items = [...(rootRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      rootRef.current?.querySelector<HTMLElement>('[data-testid="add-step"]')?.focus();
    }
  };
  return (
    <div className="mail-add" ref={rootRef}>
      <button type="button" className="button button-small" data-testid="add-step" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <PlusIcon /> Add step <span className="issue-filter-caret">▾</span>
      </button>
      {open && (
        <div className="menu mail-add-menu" role="menu" aria-label="Add a step" data-testid="add-step-menu" onKeyDown={onMenuKey}>
          {STEP_MENU.map((m) => (
            <button key={m.kind} type="button" role="menuitem" className="menu-item menu-item-tall" data-testid={`add-${m.kind}`} onClick={() => add(m.kind)}>
              <span className="menu-item-label">
                {m.label}
                <span className="menu-item-note">{m.hint}</span>
              </span>
            </button>
          ))}
          <div className="menu-sep" />
          <button type="button" role="menuitem" className="menu-item menu-item-tall" data-testid="add-best-areas" onClick={() => add('zip3', true)}>
            <span className="menu-item-label">
              Where my best customers are
              <span className="menu-item-note">the fewest ZIP3 areas holding a share of your customers</span>
            </span>
          </button>
        </div>
      )}
    </div>
  );
}
