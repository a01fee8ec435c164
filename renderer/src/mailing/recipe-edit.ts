// Pure helpers of the Mailing view's recipe builder: step drafts (what the user types, as typed), their labels and checks, the
// code lists people type ("NV, CA ca;89501"), and the edit operations (add, move, remove). No counts: those come from the engine.
import type { ListInfo, MailingChannel, SuppressLevel, TargetRecipe, TargetStep } from '../../../src/api/contract';

export type StepKind = TargetStep['kind'];
type Mode = 'include' | 'exclude';

/** A step as the form holds it: numbers and code lists stay text until the recipe is built, so a half-typed value is kept. */
export type StepDraft = { id: number } & (
  | { kind: 'suppress'; listIds: number[]; level: SuppressLevel }
  | { kind: 'customers'; mode: 'exclude' | 'only'; level: SuppressLevel }
  | { kind: 'states'; mode: Mode; text: string }
  | { kind: 'zip3'; mode: Mode; text: string; note?: string }
  | { kind: 'zips'; mode: Mode; text: string }
  | { kind: 'radius'; mode: Mode; center: string; miles: string }
  | { kind: 'notMailed'; days: string; channels: MailingChannel[] }
  | { kind: 'householdLimit'; pieces: string; days: string }
  | { kind: 'mailable' }
  | { kind: 'multiBuyers'; minLists: string }
);

export type DraftOf<K extends StepKind> = Extract<StepDraft, { kind: K }>;

/** The "Add step" menu, in plain words, in the order a service bureau would usually apply them. */
export const STEP_MENU: { kind: StepKind; label: string; hint: string }[] = [
  { kind: 'suppress', label: 'Remove do-not-mail / suppression lists', hint: 'records matching an entry of the lists you pick' },
  { kind: 'customers', label: 'Exclude existing customers', hint: 'or keep only them' },
  { kind: 'states', label: 'States', hint: 'include or exclude two-letter state codes' },
  { kind: 'zip3', label: 'ZIP3 areas', hint: 'three-digit ZIP (SCF) areas' },
  { kind: 'zips', label: 'ZIP codes', hint: 'five-digit ZIP codes' },
  { kind: 'radius', label: 'Radius around a ZIP or address', hint: 'miles between ZIP centroids' },
  { kind: 'notMailed', label: 'Not mailed in the last N days', hint: 'per the mailing ledger' },
  { kind: 'householdLimit', label: 'Household limit', hint: 'at most K pieces per household per period' },
  { kind: 'mailable', label: 'Deliverable address only', hint: 'the clean step’s “mailable” verdict' },
  { kind: 'multiBuyers', label: 'Multi-buyers only', hint: 'people found on several bought lists' },
];

export const STEP_TITLES: Record<StepKind, string> = {
  suppress: 'Suppression lists',
  customers: 'Existing customers',
  states: 'States',
  zip3: 'ZIP3 areas',
  zips: 'ZIP codes',
  radius: 'Radius',
  notMailed: 'Not mailed recently',
  householdLimit: 'Household limit',
  mailable: 'Deliverable address only',
  multiBuyers: 'Multi-buyers only',
};

export const LEVEL_CHOICES: { level: SuppressLevel; label: string }[] = [
  { level: 'auto', label: 'Auto — the most specific the entry allows' },
  { level: 'person', label: 'Person' },
  { level: 'household', label: 'Household' },
  { level: 'company', label: 'Company' },
  { level: 'address', label: 'Address' },
  { level: 'email', label: 'E-mail' },
  { level: 'phone', label: 'Phone' },
];

export const CHANNEL_LABELS: Record<MailingChannel, string> = {
  'direct-mail': 'Direct mail',
  email: 'E-mail',
  tradeshow: 'Trade show',
  telemarketing: 'Telemarketing',
};

/** A new step of a kind, with the defaults a user would most often want (suppression lists preselected). */
export function newStep(kind: StepKind, id: number, lists: Pick<ListInfo, 'id' | 'role'>[] = []): StepDraft {
  switch (kind) {
    case 'suppress':
      return { id, kind, listIds: lists.filter((l) => l.role === 'suppression').map((l) => l.id), level: 'auto' };
    case 'customers':
      return { id, kind, mode: 'exclude', level: 'auto' };
    case 'states':
    case 'zip3':
    case 'zips':
      return { id, kind, mode: 'include', text: '' };
    case 'radius':
      return { id, kind, mode: 'include', center: '', miles: '25' };
    case 'notMailed':
      return { id, kind, days: '90', channels: [] };
    case 'householdLimit':
      return { id, kind, pieces: '1', days: '30' };
    case 'mailable':
      return { id, kind };
    case 'multiBuyers':
      return { id, kind, minLists: '2' };
  }
}

export type CodeKind = 'states' | 'zip3' | 'zips';
const CODE_RULES: Record<CodeKind, { re: RegExp; what: string }> = {
  states: { re: /^[A-Z]{2}$/, what: 'a two-letter state code' },
  zip3: { re: /^\d{3}$/, what: 'three digits' },
  zips: { re: /^\d{5}$/, what: 'five digits' },
};

/** Splits what the user typed into codes (commas, semicolons, spaces, new lines), upper-cased and deduplicated in order;
 * a ZIP+4 counts as its ZIP, and the codes that are not valid are returned apart so the form can name them. */
export function parseCodes(text: string, kind: CodeKind): { codes: string[]; invalid: string[] } {
  const codes: string[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/[\s,;]+/)) {
    if (!raw) continue;
    let code = raw.toUpperCase();
    if (kind === 'zips' && /^\d{5}-\d{4}$/.test(code)) code = code.slice(0, 5);
    if (!CODE_RULES[kind].re.test(code)) {
      if (!invalid.includes(raw)) invalid.push(raw);
      continue;
    }
    if (seen.has(code)) continue;
    seen.add(code);
    codes.push(code);
  }
  return { codes, invalid };
}

/** A whole number typed in a field, within bounds; null when it is not one. */
export function parseWhole(text: string, min: number, max: number): number | null {
  const t = text.trim().replace(/,/g, '');
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

/** Miles: a positive number up to 5,000, decimals allowed ("12.5"). */
export function parseMiles(text: string): number | null {
  const t = text.trim().replace(/,/g, '');
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(t)) return null;
  const n = Number(t);
  return n > 0 && n <= 5000 ? n : null;
}

export type StepCheck = { ok: true; step: TargetStep } | { ok: false; error: string };

/** Turns a draft into the contract's step, or says in words what is missing. */
export function buildStep(d: StepDraft): StepCheck {
  switch (d.kind) {
    case 'suppress':
      return d.listIds.length === 0 ? { ok: false, error: 'Pick at least one list to suppress.' } : { ok: true, step: { kind: 'suppress', listIds: [...d.listIds], level: d.level } };
    case 'customers':
      return { ok: true, step: { kind: 'customers', mode: d.mode, level: d.level } };
    case 'states':
    case 'zip3':
    case 'zips': {
      const { codes, invalid } = parseCodes(d.text, d.kind);
      if (invalid.length > 0) return { ok: false, error: `Not ${CODE_RULES[d.kind].what}: ${invalid.slice(0, 3).join(', ')}${invalid.length > 3 ? ` and ${invalid.length - 3} more` : ''}.` };
      if (codes.length === 0) return { ok: false, error: d.kind === 'states' ? 'Type one or more state codes, e.g. NV, CA.' : d.kind === 'zip3' ? 'Type one or more ZIP3 areas, e.g. 895, 961.' : 'Type one or more ZIP codes, e.g. 89501.' };
      if (d.kind === 'states') return { ok: true, step: { kind: 'states', mode: d.mode, states: codes } };
      if (d.kind === 'zip3') return { ok: true, step: { kind: 'zip3', mode: d.mode, zip3: codes } };
      return { ok: true, step: { kind: 'zips', mode: d.mode, zips: codes } };
    }
    case 'radius': {
      const center = d.center.trim();
      if (center.length < 3) return { ok: false, error: 'Type a ZIP code or an address with a ZIP.' };
      const miles = parseMiles(d.miles);
      if (miles === null) return { ok: false, error: 'Miles: a number above 0, up to 5,000.' };
      return { ok: true, step: { kind: 'radius', center, miles, mode: d.mode } };
    }
    case 'notMailed': {
      const days = parseWhole(d.days, 1, 3650);
      if (days === null) return { ok: false, error: 'Days: a whole number from 1 to 3,650.' };
      return { ok: true, step: d.channels.length > 0 ? { kind: 'notMailed', days, channels: [...d.channels] } : { kind: 'notMailed', days } };
    }
    case 'householdLimit': {
      const pieces = parseWhole(d.pieces, 1, 100);
      if (pieces === null) return { ok: false, error: 'Pieces: a whole number from 1 to 100.' };
      const days = parseWhole(d.days, 1, 3650);
      if (days === null) return { ok: false, error: 'Days: a whole number from 1 to 3,650.' };
      return { ok: true, step: { kind: 'householdLimit', pieces, days } };
    }
    case 'mailable':
      return { ok: true, step: { kind: 'mailable' } };
    case 'multiBuyers': {
      const minLists = parseWhole(d.minLists, 2, 100);
      if (minLists === null) return { ok: false, error: 'Lists: a whole number from 2 to 100.' };
      return { ok: true, step: { kind: 'multiBuyers', minLists } };
    }
  }
}

export type RecipeCheck = { ok: true; recipe: TargetRecipe } | { ok: false; error: string; stepId?: number };

/** The recipe to run or save, or the first thing that stops it (with the step it is about). */
export function buildRecipe(fromListId: number | null, steps: StepDraft[]): RecipeCheck {
  if (fromListId === null) return { ok: false, error: 'Choose the list to mail from.' };
  const out: TargetStep[] = [];
  for (const [i, d] of steps.entries()) {
    const c = buildStep(d);
    if (!c.ok) return { ok: false, error: `Step ${i + 1} (${STEP_TITLES[d.kind]}): ${c.error}`, stepId: d.id };
    out.push(c.step);
  }
  return { ok: true, recipe: { fromListId, steps: out } };
}

/** A saved or run step back into a draft (to load a recipe, or the newest run's recipe). */
export function draftFromStep(s: TargetStep, id: number): StepDraft {
  switch (s.kind) {
    case 'suppress':
      return { id, kind: 'suppress', listIds: [...s.listIds], level: s.level };
    case 'customers':
      return { id, kind: 'customers', mode: s.mode, level: s.level };
    case 'states':
      return { id, kind: 'states', mode: s.mode, text: s.states.join(', ') };
    case 'zip3':
      return { id, kind: 'zip3', mode: s.mode, text: s.zip3.join(', ') };
    case 'zips':
      return { id, kind: 'zips', mode: s.mode, text: s.zips.join(', ') };
    case 'radius':
      return { id, kind: 'radius', mode: s.mode, center: s.center, miles: String(s.miles) };
    case 'notMailed':
      return { id, kind: 'notMailed', days: String(s.days), channels: [...(s.channels ?? [])] };
    case 'householdLimit':
      return { id, kind: 'householdLimit', pieces: String(s.pieces), days: String(s.days) };
    case 'mailable':
      return { id, kind: 'mailable' };
    case 'multiBuyers':
      return { id, kind: 'multiBuyers', minLists: String(s.minLists) };
  }
}

/** A one-line summary of a draft for its collapsed row ("Within 25 mi of 89501", "Exclude 3 states"). */
export function describeDraft(d: StepDraft, listName: (id: number) => string = (id) => `list ${id}`): string {
  switch (d.kind) {
    case 'suppress':
      return d.listIds.length === 0 ? 'No list picked' : `${d.listIds.map(listName).join(', ')} · ${d.level === 'auto' ? 'auto level' : d.level}`;
    case 'customers':
      return d.mode === 'exclude' ? 'Remove records that are existing customers' : 'Keep only existing customers';
    case 'states':
    case 'zip3':
    case 'zips': {
      const n = parseCodes(d.text, d.kind).codes.length;
      const noun = d.kind === 'states' ? (n === 1 ? 'state' : 'states') : d.kind === 'zip3' ? (n === 1 ? 'ZIP3 area' : 'ZIP3 areas') : n === 1 ? 'ZIP code' : 'ZIP codes';
      return `${d.mode === 'include' ? 'Only' : 'Not in'} ${n} ${noun}`;
    }
    case 'radius':
      return `${d.mode === 'include' ? 'Within' : 'Farther than'} ${d.miles.trim() || '?'} mi of ${d.center.trim() || '?'}`;
    case 'notMailed':
      return `Not mailed in the last ${d.days.trim() || '?'} days${d.channels.length > 0 ? ` (${d.channels.map((c) => CHANNEL_LABELS[c]).join(', ')})` : ''}`;
    case 'householdLimit':
      return `At most ${d.pieces.trim() || '?'} per household per ${d.days.trim() || '?'} days`;
    case 'mailable':
      return 'Remove records without a deliverable address';
    case 'multiBuyers':
      return `Keep people on ${d.minLists.trim() || '?'}+ bought lists`;
  }
}

/** Moves the step at `from` by `delta` places (clamped); the same array when it cannot move. */
export function moveStep<T>(steps: T[], from: number, delta: number): T[] {
  const to = Math.max(0, Math.min(steps.length - 1, from + delta));
  if (from < 0 || from >= steps.length || to === from) return steps;
  const out = steps.slice();
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item as T);
  return out;
}

export function removeStep<T extends { id: number }>(steps: T[], id: number): T[] {
  return steps.filter((s) => s.id !== id);
}

/** Replaces the step with this id by `patch` applied to it (kind never changes). */
export function updateStep(steps: StepDraft[], id: number, patch: Partial<StepDraft>): StepDraft[] {
  return steps.map((s) => (s.id === id ? ({ ...s, ...patch, kind: s.kind, id: s.id } as StepDraft) : s));
}

/** Lists to mail from: prospects first, then the others, each group in project order. */
export function mailFromOrder<T extends Pick<ListInfo, 'role'>>(lists: T[]): T[] {
  const rank = (r: string) => (r === 'prospects' ? 0 : r === 'responses' ? 1 : r === 'customers' ? 2 : 3);
  return lists
    .map((l, i) => ({ l, i }))
    .sort((a, b) => rank(a.l.role) - rank(b.l.role) || a.i - b.i)
    .map((x) => x.l);
}

/** "12 areas hold 80.4 % of customers" (or of purchase amount). */
export function describeBestAreas(r: { zip3: string[]; by: 'customers' | 'amount'; covered: number; total: number }): string {
  const share = r.total > 0 ? (r.covered / r.total) * 100 : 0;
  const areas = `${r.zip3.length} ${r.zip3.length === 1 ? 'area holds' : 'areas hold'}`;
  return `${areas} ${share.toFixed(1)} % of ${r.by === 'customers' ? 'customers' : 'purchase amount'}`;
}

/** Today as yyyy-mm-dd in the user's time zone (the default mailing date). */
export function isoDay(d: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Whether two recipes say the same thing (key order and an omitted default-free optional aside). */
export function sameRecipe(a: TargetRecipe, b: TargetRecipe): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
