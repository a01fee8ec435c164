// The List audit view's UI state: whether it is shown, the list (and the one to compare) being audited, the price as typed,
// the unit costs the engine keeps, and the newest audit (the finished job's result and id). Every figure comes from the engine.
import { create } from 'zustand';
import type { AuditCosts, AuditResult, ListInfo } from '../../../src/api/contract';
import { api } from '../api/create-client';
import { reportError } from './toast-store';

export type PriceMode = 'total' | 'cpm';

export interface AuditRun {
  jobId: string;
  result: AuditResult;
}

interface AuditState {
  shown: boolean;
  projectId: string | null;
  loading: boolean;
  listId: number | null;
  /** A second bought list to audit beside the first (null: one list). */
  compareId: number | null;
  /** The price as typed (dollars), per list, and whether it is the total or per thousand. */
  price: Record<number, { mode: PriceMode; text: string }>;
  /** The project's unit costs (audit.settings), as the engine saved them. */
  costs: AuditCosts | null;
  run: AuditRun | null;
}

const initial = {
  shown: false,
  projectId: null,
  loading: false,
  listId: null,
  compareId: null,
  price: {} as AuditState['price'],
  costs: null,
  run: null,
};

export const useAuditStore = create<AuditState>()(() => ({ ...initial }));

const get = () => useAuditStore.getState();
const set = useAuditStore.setState;
const current = (projectId: string) => get().projectId === projectId;

export function resetAudit(): void {
  set({ ...initial });
}

export function showAudit(shown: boolean): void {
  set({ shown });
}

/** Bought lists first (the ones worth auditing), then the rest, each in import order. */
export function auditableLists(lists: ListInfo[]): ListInfo[] {
  return [...lists.filter((l) => l.role === 'prospects'), ...lists.filter((l) => l.role !== 'prospects')];
}

/** The price field's starting text: the list details' price paid, else their CPM. */
export function priceFromDetails(list: ListInfo): { mode: PriceMode; text: string } {
  if (list.details.pricePaid !== undefined) return { mode: 'total', text: String(list.details.pricePaid) };
  if (list.details.cpm !== undefined) return { mode: 'cpm', text: String(list.details.cpm) };
  return { mode: 'total', text: '' };
}

export function priceOf(s: Pick<AuditState, 'price'>, list: ListInfo): { mode: PriceMode; text: string } {
  return s.price[list.id] ?? priceFromDetails(list);
}

/** A typed amount in dollars ("$1,250.00" reads as 1250); undefined when empty, NaN when not a number. */
export function parseDollars(text: string): number | undefined {
  const t = text.replace(/[$,\s]/g, '');
  if (t === '') return undefined;
  return /^\d+(\.\d*)?$|^\.\d+$/.test(t) ? Number(t) : NaN;
}

export function setAuditList(listId: number): void {
  set((s) => ({ listId, compareId: s.compareId === listId ? null : s.compareId }));
}

export function setCompareList(compareId: number | null): void {
  set({ compareId });
}

export function setPrice(listId: number, price: { mode: PriceMode; text: string }): void {
  set((s) => ({ price: { ...s.price, [listId]: price } }));
}

/** Saves the price typed for a list into its details (price paid or CPM) when it is a number and differs; false on an error. */
export async function commitPrice(projectId: string, list: ListInfo): Promise<boolean> {
  const p = priceOf(get(), list);
  const dollars = parseDollars(p.text);
  if (dollars === undefined || Number.isNaN(dollars) || dollars > (p.mode === 'total' ? 1e9 : 1e7)) return true;
  const same = p.mode === 'total' ? list.details.pricePaid === dollars : list.details.cpm === dollars && list.details.pricePaid === undefined;
  if (same) return true;
  try {
    await api().invoke('lists.setDetails', { projectId, listId: list.id, details: p.mode === 'total' ? { pricePaid: dollars } : { cpm: dollars } });
    return true;
  } catch (err) {
    reportError(`Could not save the price of “${list.name}”`, err);
    return false;
  }
}

/** The newest finished audit of the project (from the job history), so the view shows it after a restart too. */
async function readLastAudit(projectId: string): Promise<void> {
  const { jobs } = await api().invoke('jobs.history', { projectId });
  const done = jobs.filter((j) => j.kind === 'audit' && j.status === 'done' && j.result).sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
  const newest = done[0];
  if (!current(projectId) || !newest || get().run) return;
  const result = newest.result as AuditResult;
  const [first, second] = result.lists;
  set((s) => ({ run: { jobId: newest.jobId, result }, listId: s.listId ?? first?.listId ?? null, compareId: s.listId === null ? (second?.listId ?? null) : s.compareId }));
}

/** When the view opens (or the project changes): the unit costs, the newest audit, a list to start from. */
export async function loadAudit(projectId: string, lists: ListInfo[]): Promise<void> {
  if (get().projectId !== projectId) set({ ...initial, shown: get().shown, projectId });
  set({ loading: true });
  try {
    const costs = await api().invoke('audit.settings', { projectId });
    if (current(projectId)) set({ costs });
    await readLastAudit(projectId);
    const s = get();
    if (s.listId === null || !lists.some((l) => l.id === s.listId)) set({ listId: auditableLists(lists)[0]?.id ?? null });
  } catch (err) {
    reportError('Could not read the list audit', err);
  } finally {
    if (current(projectId)) set({ loading: false });
  }
}

/** After an audit job finished: it is the audit on screen. */
export function auditFinished(projectId: string, jobId: string, result: AuditResult): void {
  if (!current(projectId)) return;
  set({ run: { jobId, result } });
}

/** Saves edited unit costs (the next audit uses them); returns whether the engine took them. */
export async function saveCosts(projectId: string, costs: Partial<AuditCosts>): Promise<boolean> {
  try {
    const saved = await api().invoke('audit.saveSettings', { projectId, costs });
    if (current(projectId)) set({ costs: saved });
    return true;
  } catch (err) {
    reportError('Could not save the unit costs', err);
    return false;
  }
}
