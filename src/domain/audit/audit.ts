// The list audit's arithmetic: the waterfall of findings (each record counted once, at its first step), the savings
// meter, the list's price and cost per net-new record, the target area test and the per-record findings. Pure.
import type { AuditCosts, AuditStep, AuditStepKind, ListDetails, Savings, TargetStep } from '../../api/contract';
import { milesFrom, type Center, type Place } from '../target/geography';
import { formatMiles, someOf } from '../target/steps';

/** The waterfall's order. A record that is both a duplicate and suppressed counts as a duplicate. */
export const STEP_ORDER: readonly AuditStepKind[] = ['duplicates', 'house', 'earlier', 'suppressed', 'undeliverable', 'outside', 'stale'];

export const STEP_LABELS: Record<AuditStepKind, string> = {
  duplicates: 'Duplicates within the list',
  house: 'Already in the house file',
  earlier: 'On an earlier purchase',
  suppressed: 'Suppressed (do not mail)',
  undeliverable: 'Undeliverable-looking address',
  outside: 'Outside the target area',
  stale: 'Stale or recently mailed',
};

/** Bit of each finding in a record's mask. */
export const FINDING_BIT: Record<AuditStepKind, number> = { duplicates: 1, house: 2, earlier: 4, suppressed: 8, undeliverable: 16, outside: 32, stale: 64 };

/** Unit costs a project starts with: a letter-size piece printed in colour, and USPS Marketing Mail at presort rates. */
export const DEFAULT_AUDIT_COSTS: AuditCosts = { printPerPiece: 0.25, postagePerPiece: 0.4, recentDays: 90 };

const cents = (x: number) => Math.round(x * 100) / 100;

/** Pieces not mailed and what their print and postage would have cost. */
export function savingsOf(pieces: number, costs: Pick<AuditCosts, 'printPerPiece' | 'postagePerPiece'>): Savings {
  const print = cents(pieces * costs.printPerPiece);
  const postage = cents(pieces * costs.postagePerPiece);
  return { pieces, print, postage, total: cents(print + postage) };
}

export function addSavings(all: readonly Savings[]): Savings {
  return all.reduce((s, x) => ({ pieces: s.pieces + x.pieces, print: cents(s.print + x.print), postage: cents(s.postage + x.postage), total: cents(s.total + x.total) }), {
    pieces: 0,
    print: 0,
    postage: 0,
    total: 0,
  });
}

/**
 * The waterfall over per-record finding masks: each step's found (records with the finding), in and removed (records
 * with it that no earlier step took); in − removed = the next in; the last in − removed = net-new.
 */
export function auditWaterfall(masks: ArrayLike<number>, costs: Pick<AuditCosts, 'printPerPiece' | 'postagePerPiece'>, notes: Partial<Record<AuditStepKind, string>> = {}): { steps: AuditStep[]; netNew: number } {
  const found = new Array<number>(STEP_ORDER.length).fill(0);
  const removed = new Array<number>(STEP_ORDER.length).fill(0);
  let netNew = 0;
  for (let i = 0; i < masks.length; i++) {
    const m = masks[i]!;
    if (m === 0) {
      netNew++;
      continue;
    }
    let first = -1;
    for (let k = 0; k < STEP_ORDER.length; k++) {
      if (m & FINDING_BIT[STEP_ORDER[k]!]) {
        found[k]!++;
        if (first < 0) first = k;
      }
    }
    removed[first]!++;
  }
  let left = masks.length;
  const steps = STEP_ORDER.map((kind, k): AuditStep => {
    const step: AuditStep = { kind, label: STEP_LABELS[kind], in: left, found: found[k]!, removed: removed[k]!, savings: savingsOf(removed[k]!, costs) };
    const note = notes[kind];
    if (note) step.note = note;
    left -= removed[k]!;
    return step;
  });
  return { steps, netNew };
}

/**
 * The price of a list: a price given now wins, then a CPM given now, then the list details' price paid, then their CPM.
 * CPM is dollars per thousand records; the total is CPM × rows / 1000.
 */
export function listPrice(rows: number, details: Pick<ListDetails, 'pricePaid' | 'cpm'>, given: { price?: number | undefined; cpm?: number | undefined } = {}): { total: number; cpm: number; source: 'list details' | 'given' } | null {
  const cpmOf = (total: number) => (rows === 0 ? 0 : cents((total * 1000) / rows));
  if (given.price !== undefined) return { total: cents(given.price), cpm: cpmOf(given.price), source: 'given' };
  if (given.cpm !== undefined) return { total: cents((given.cpm * rows) / 1000), cpm: given.cpm, source: 'given' };
  if (details.pricePaid !== undefined) return { total: cents(details.pricePaid), cpm: cpmOf(details.pricePaid), source: 'list details' };
  if (details.cpm !== undefined) return { total: cents((details.cpm * rows) / 1000), cpm: details.cpm, source: 'list details' };
  return null;
}

/** Dollars per net-new mailable record, or null without a price or without net-new records. */
export function costPerNetNew(price: number | null, netNew: number): number | null {
  if (price === null || netNew <= 0) return null;
  return Math.round((price / netNew) * 1000) / 1000;
}

/** The geography kinds of a recipe's steps: what makes a target area. */
export type GeoStep = Extract<TargetStep, { kind: 'states' | 'zip3' | 'zips' | 'radius' }>;

export const isGeoStep = (s: TargetStep): s is GeoStep => s.kind === 'states' || s.kind === 'zip3' || s.kind === 'zips' || s.kind === 'radius';

/** A target area in words: "States: NV, UT; within 25 miles of RENO, NV 89501". */
export function describeTarget(steps: readonly GeoStep[], centers: ReadonlyMap<number, Center>): string {
  return steps
    .map((s, k) => {
      switch (s.kind) {
        case 'states':
          return `${s.mode === 'include' ? 'states' : 'not in states'} ${someOf(s.states.map((x) => x.toUpperCase()))}`;
        case 'zip3':
          return `${s.mode === 'include' ? 'ZIP3 areas' : 'not in ZIP3 areas'} ${someOf(s.zip3)}`;
        case 'zips':
          return `${s.mode === 'include' ? 'ZIP codes' : 'not in ZIP codes'} ${someOf(s.zips)}`;
        case 'radius':
          return `${s.mode === 'include' ? 'within' : 'farther than'} ${formatMiles(s.miles)} of ${centers.get(k)?.label ?? s.center}`;
      }
    })
    .join('; ');
}

/**
 * Whether a place is outside the target area: it fails any geography step. A record with no usable ZIP or state is
 * outside an "include" rule (its place cannot be shown to be inside), as the mailing waterfall treats it.
 */
export function outsideTarget(place: Place, steps: readonly GeoStep[], centers: ReadonlyMap<number, Center>): boolean {
  return steps.some((s, k) => {
    switch (s.kind) {
      case 'states': {
        const hit = s.states.some((x) => x.toUpperCase() === place.state);
        return s.mode === 'include' ? !hit : hit;
      }
      case 'zip3': {
        const hit = place.zip3 !== '' && s.zip3.includes(place.zip3);
        return s.mode === 'include' ? !hit : hit;
      }
      case 'zips': {
        const hit = place.zip !== '' && s.zips.includes(place.zip);
        return s.mode === 'include' ? !hit : hit;
      }
      case 'radius': {
        const d = milesFrom(centers.get(k)!, place);
        if (d === null) return s.mode === 'include';
        return s.mode === 'include' ? d > s.miles : d <= s.miles;
      }
    }
  });
}

/** Whether a day (days since 1970) is more than `months` months before today. */
export function olderThanMonths(day: number, today: number, months: number): boolean {
  return Number.isFinite(day) && today - day > months * 30.44;
}

export const MISSING_FIELDS = [
  ['name', 'Name or company'],
  ['address', 'Street address'],
  ['city', 'City'],
  ['state', 'State'],
  ['zip', 'ZIP code'],
  ['email', 'E-mail'],
  ['phone', 'Phone'],
] as const;
export type MissingField = (typeof MISSING_FIELDS)[number][0];

/** Which fields a cleaned record lacks. */
export function missingOf(c: { firstName: string; lastName: string; company: string; address1: string; city: string; state: string; zip5: string; email: string; phone: string }): MissingField[] {
  const out: MissingField[] = [];
  if (!c.firstName && !c.lastName && !c.company) out.push('name');
  if (!c.address1) out.push('address');
  if (!c.city) out.push('city');
  if (!c.state) out.push('state');
  if (!c.zip5) out.push('zip');
  if (!c.email) out.push('email');
  if (!c.phone) out.push('phone');
  return out;
}

/** Dollars for people: "$1,234.50", or "$0.087" under a dime so a cost per record keeps its meaning. */
export function formatDollars(x: number): string {
  if (Math.abs(x) < 0.1 && x !== 0) return `$${x.toFixed(3)}`;
  return `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A cost per piece or per record: a third decimal under a dollar when it has one ("$0.352", "$0.25"), else as formatDollars. */
export function formatUnitCost(x: number): string {
  return Math.abs(x) < 1 && Math.round(Math.abs(x) * 1000) % 10 !== 0 ? `$${x.toFixed(3)}` : `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A share in percent for people: "31%", "9.4%", "<0.1%" for a few records in a million, "–" of nothing. */
export function formatShare(x: number, of: number): string {
  if (of === 0) return '–';
  const p = (100 * x) / of;
  if (x > 0 && p < 0.1) return '<0.1%';
  return `${p.toFixed(x === 0 || p >= 10 ? 0 : 1)}%`;
}
