// The Mailing view's UI state: whether it is shown, the recipe being edited, the runs and the selected one, the waterfall step
// whose removed records are on screen, the lower pane and map layer, the ledger and saved recipes. Every count comes from the engine.
import { create } from 'zustand';
import type { GeoSummary, ListInfo, MailingInfo, MailingRunResult, RecipeInfo, RemovedRecord, TargetRecipe } from '../../../src/api/contract';
import { api } from '../api/create-client';
import { draftFromStep, mailFromOrder, moveStep, newStep, removeStep, updateStep, type StepDraft, type StepKind } from '../mailing/recipe-edit';
import type { MapLayer } from '../mailing/map-scale';
import { reportError } from './toast-store';

export type MailingRun = MailingRunResult & { recipe: TargetRecipe };
export type MailingPane = 'map' | 'removed' | 'ledger';

export interface RemovedPage {
  runId: number;
  step: number;
  total: number;
  offset: number;
  records: RemovedRecord[];
}

interface MailingState {
  shown: boolean;
  projectId: string | null;
  loading: boolean;
  fromListId: number | null;
  steps: StepDraft[];
  /** The saved recipe the draft was loaded from (or saved as). */
  recipeName: string | null;
  runs: MailingRun[];
  /** The run on screen (the newest after a run). */
  runId: number | null;
  /** The waterfall row under the cursor (0 = input). */
  stepIndex: number;
  removed: RemovedPage | null;
  removedLoading: boolean;
  pane: MailingPane;
  layer: MapLayer;
  geo: (GeoSummary & { runId: number | null }) | null;
  ledger: MailingInfo[];
  recipes: RecipeInfo[];
  /** The step the builder's keyboard focus belongs to (to keep focus on a moved row). */
  focusStepId: number | null;
  /** A ZIP3 step added from "Where my best customers are": its form opens on that question. */
  bestStepId: number | null;
}

export const REMOVED_PAGE = 100;

const initial = {
  shown: false,
  projectId: null,
  loading: false,
  fromListId: null,
  steps: [] as StepDraft[],
  recipeName: null,
  runs: [] as MailingRun[],
  runId: null,
  stepIndex: 0,
  removed: null,
  removedLoading: false,
  pane: 'map' as MailingPane,
  layer: 'prospects' as MapLayer,
  geo: null,
  ledger: [] as MailingInfo[],
  recipes: [] as RecipeInfo[],
  focusStepId: null,
  bestStepId: null,
};

export const useMailingStore = create<MailingState>()(() => ({ ...initial }));

const get = () => useMailingStore.getState();
const set = useMailingStore.setState;
const current = (projectId: string) => get().projectId === projectId;
let nextId = 1;

export function resetMailing(): void {
  set((s) => ({ ...initial, layer: s.layer }));
}

export function showMailing(shown: boolean): void {
  set({ shown });
}

export function selectedRun(s: Pick<MailingState, 'runs' | 'runId'>): MailingRun | null {
  return s.runs.find((r) => r.runId === s.runId) ?? s.runs[0] ?? null;
}

// ---------- the recipe being edited

export function setFromList(fromListId: number): void {
  set({ fromListId });
}

export function addStep(kind: StepKind, lists: Pick<ListInfo, 'id' | 'role'>[], askBestAreas = false): number {
  const id = nextId++;
  set((s) => ({ steps: [...s.steps, newStep(kind, id, lists)], focusStepId: id, bestStepId: askBestAreas ? id : s.bestStepId }));
  return id;
}

export function patchStep(id: number, patch: Partial<StepDraft>): void {
  set((s) => ({ steps: updateStep(s.steps, id, patch) }));
}

export function moveStepBy(id: number, delta: number): void {
  set((s) => ({ steps: moveStep(s.steps, s.steps.findIndex((x) => x.id === id), delta), focusStepId: id }));
}

export function deleteStep(id: number): void {
  set((s) => ({ steps: removeStep(s.steps, id), focusStepId: null }));
}

/** Loads a recipe into the builder (replacing the steps being edited). */
export function loadRecipe(recipe: TargetRecipe, name: string | null): void {
  set({ fromListId: recipe.fromListId, steps: recipe.steps.map((st) => draftFromStep(st, nextId++)), recipeName: name, focusStepId: null });
}

/** A first recipe for a project with no runs: mail from the first prospect list. */
function defaultDraft(lists: ListInfo[]): Pick<MailingState, 'fromListId' | 'steps' | 'recipeName'> {
  return { fromListId: mailFromOrder(lists)[0]?.id ?? null, steps: [], recipeName: null };
}

// ---------- reading from the engine

async function readRuns(projectId: string): Promise<void> {
  const { runs } = await api().invoke('mailing.runs', { projectId, limit: 20 });
  if (current(projectId)) set((s) => ({ runs, runId: runs.some((r) => r.runId === s.runId) ? s.runId : (runs[0]?.runId ?? null) }));
}

async function readLedger(projectId: string): Promise<void> {
  const { mailings } = await api().invoke('mailing.ledger', { projectId });
  if (current(projectId)) set({ ledger: mailings });
}

async function readRecipes(projectId: string): Promise<void> {
  const { recipes } = await api().invoke('mailing.recipes', { projectId });
  if (current(projectId)) set({ recipes });
}

export async function readGeo(projectId: string): Promise<void> {
  const runId = get().runId;
  const geo = await api().invoke('geo.summary', runId ? { projectId, runId } : { projectId });
  if (current(projectId)) set({ geo });
}

/** When the view opens (or the project changes): runs, ledger, recipes and the map's counts; a draft to start from. */
export async function loadMailing(projectId: string, lists: ListInfo[]): Promise<void> {
  if (get().projectId !== projectId) set({ ...initial, shown: get().shown, layer: get().layer, projectId, ...defaultDraft(lists) });
  set({ loading: true });
  try {
    await Promise.all([readRuns(projectId), readLedger(projectId), readRecipes(projectId)]);
    const s = get();
    // Nothing edited yet: start from the newest run's recipe, so "run again" is one key away.
    const newest = s.runs[0];
    if (s.steps.length === 0 && newest) loadRecipe(newest.recipe, newest.recipeName);
    else if (s.fromListId === null || !lists.some((l) => l.id === s.fromListId)) set(defaultDraft(lists));
    await readGeo(projectId);
  } catch (err) {
    reportError('Could not read the mailings', err);
  } finally {
    if (current(projectId)) set({ loading: false });
  }
}

/** After a run finished: it becomes the run on screen, its waterfall from the input, the map of its mailing set. */
export async function mailingRunFinished(projectId: string, runId: number): Promise<void> {
  if (!current(projectId)) return;
  set({ runId, stepIndex: 0, removed: null, pane: get().pane === 'ledger' ? 'map' : get().pane });
  try {
    await readRuns(projectId);
    set({ runId });
    await readGeo(projectId);
  } catch (err) {
    reportError('Could not read the mailing run', err);
  }
}

/** After a mailing was exported: the ledger shows it. */
export async function mailingExported(projectId: string): Promise<void> {
  if (!current(projectId)) return;
  set({ pane: 'ledger' });
  try {
    await readLedger(projectId);
  } catch (err) {
    reportError('Could not read the mailing ledger', err);
  }
}

export async function selectRun(projectId: string, runId: number): Promise<void> {
  set({ runId, stepIndex: 0, removed: null });
  try {
    await readGeo(projectId);
  } catch (err) {
    reportError('Could not read the map', err);
  }
}

export function setPane(pane: MailingPane): void {
  set({ pane });
}

export function setLayer(layer: MapLayer): void {
  set({ layer });
}

/** Moves the waterfall's cursor; the removed records follow when they are on screen. */
export function selectStep(projectId: string, stepIndex: number, open = false): void {
  const run = selectedRun(get());
  if (!run) return;
  const at = Math.max(0, Math.min(run.steps.length - 1, stepIndex));
  set({ stepIndex: at });
  if (open) set({ pane: 'removed' });
  if (get().pane === 'removed' && at > 0) void readRemoved(projectId, run.runId, at, 0);
  else if (at === 0) set({ removed: null });
}

export async function readRemoved(projectId: string, runId: number, step: number, offset: number): Promise<void> {
  set({ removedLoading: true });
  try {
    const r = await api().invoke('mailing.removed', { projectId, runId, step, offset, limit: REMOVED_PAGE });
    const s = get();
    if (!current(projectId) || s.runId !== runId || s.stepIndex !== step) return;
    set({ removed: { runId: r.runId, step, total: r.total, offset, records: r.records } });
  } catch (err) {
    reportError('Could not read the removed records', err);
  } finally {
    set({ removedLoading: false });
  }
}

// ---------- recipes

export async function saveRecipeAs(projectId: string, name: string, recipe: TargetRecipe): Promise<boolean> {
  try {
    const saved = await api().invoke('mailing.saveRecipe', { projectId, name, recipe });
    if (current(projectId)) set({ recipeName: saved.name });
    await readRecipes(projectId);
    return true;
  } catch (err) {
    reportError(`Could not save the recipe “${name}”`, err);
    return false;
  }
}

export async function deleteRecipe(projectId: string, name: string): Promise<void> {
  try {
    await api().invoke('mailing.deleteRecipe', { projectId, name });
    if (current(projectId) && get().recipeName === name) set({ recipeName: null });
    await readRecipes(projectId);
  } catch (err) {
    reportError(`Could not delete the recipe “${name}”`, err);
  }
}
