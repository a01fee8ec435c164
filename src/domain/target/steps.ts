// Waterfall steps in words, records in a few words, and the accounting that makes the counts add up.
import type { TargetStep } from '../../api/contract';
import type { MatchRecord } from '../match/features';

const LEVEL_WORDS: Record<string, string> = {
  auto: 'most specific level each entry allows',
  person: 'person',
  household: 'household',
  company: 'company',
  address: 'address',
  email: 'e-mail',
  phone: 'phone',
};

/** A list of codes for a label: the first few, then how many more. */
export function someOf(codes: readonly string[], shown = 8): string {
  return codes.length <= shown ? codes.join(', ') : `${codes.slice(0, shown).join(', ')} … (+${codes.length - shown})`;
}

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

/** A step in words, for the waterfall: 'Suppress "Do not mail" (person)', 'Within 25 miles of RENO, NV 89501'. */
export function stepLabel(step: TargetStep, listName: (id: number) => string, centerLabel?: string): string {
  switch (step.kind) {
    case 'suppress':
      return `Suppress ${quoted(step.listIds.map(listName))} (${LEVEL_WORDS[step.level]})`;
    case 'customers': {
      const lists = step.listIds ? ` (${quoted(step.listIds.map(listName))})` : '';
      return step.mode === 'only' ? `Existing customers only${lists}` : `Exclude existing customers${lists}`;
    }
    case 'states':
      return `${step.mode === 'include' ? 'States' : 'Not in states'}: ${someOf(step.states.map((s) => s.toUpperCase()))}`;
    case 'zip3':
      return `${step.mode === 'include' ? 'ZIP3 areas' : 'Not in ZIP3 areas'}: ${someOf(step.zip3)}`;
    case 'zips':
      return `${step.mode === 'include' ? 'ZIP codes' : 'Not in ZIP codes'}: ${someOf(step.zips)}`;
    case 'radius':
      return `${step.mode === 'include' ? 'Within' : 'Farther than'} ${formatMiles(step.miles)} of ${centerLabel ?? step.center}`;
    case 'notMailed':
      return `Not mailed in the last ${step.days} days${step.channels ? ` (${step.channels.join(', ')})` : ''}`;
    case 'householdLimit':
      return `At most ${step.pieces} ${step.pieces === 1 ? 'piece' : 'pieces'} per household in ${step.days} days`;
    case 'mailable':
      return 'Deliverable postal address';
    case 'multiBuyers':
      return `Multi-buyers only (on ${step.minLists}+ bought lists)`;
  }
}

export function formatMiles(miles: number): string {
  return `${Number.isInteger(miles) ? miles : miles.toFixed(1)} ${miles === 1 ? 'mile' : 'miles'}`;
}

const title = (s: string) => s.replace(/\b([a-z])([a-z]*)/g, (_, a: string, b: string) => a.toUpperCase() + b);

/** A record in a few words from its match values: "Bob Smith, Acme, 12 Main St Apt 1, 89501" (or its e-mail, phone). */
export function describeRecord(r: MatchRecord): string {
  const name = [r.first, r.last].filter((x) => x).join(' ');
  const line = [r.houseNo, r.street, r.unit].filter((x) => x).join(' ');
  const place = r.postcode || r.city;
  const parts = [name && title(name), r.company && title(r.company), line && `${title(line)}${place ? `, ${place.toUpperCase()}` : ''}`].filter((x) => x);
  if (parts.length === 0 || (!line && !name)) {
    if (r.email) parts.push(r.email);
    else if (r.phone) parts.push(r.phone);
  }
  return parts.join(', ') || '(no name or address)';
}

/** The waterfall's bookkeeping: which input records are still in, and what each step took out and why. */
export class Waterfall {
  readonly alive: Uint8Array;
  private left: number;
  readonly removedAt: Int16Array;
  readonly reasons: (string | undefined)[];
  readonly counts: { in: number; removed: number }[] = [];

  constructor(readonly n: number) {
    this.alive = new Uint8Array(n).fill(1);
    this.removedAt = new Int16Array(n).fill(-1);
    this.reasons = new Array<string | undefined>(n);
    this.left = n;
  }

  get remaining(): number {
    return this.left;
  }

  /** Runs one step: removes the records it names (those still in) with their reasons; a record is removed once, by the first step. */
  step(index: number, removals: Iterable<readonly [number, string]>): { in: number; removed: number } {
    const before = this.left;
    let removed = 0;
    for (const [i, reason] of removals) {
      if (!this.alive[i]) continue;
      this.alive[i] = 0;
      this.removedAt[i] = index;
      this.reasons[i] = reason;
      removed++;
    }
    this.left -= removed;
    const c = { in: before, removed };
    this.counts.push(c);
    return c;
  }

  /** Indices of the records still in. */
  *kept(): Generator<number> {
    for (let i = 0; i < this.n; i++) if (this.alive[i]) yield i;
  }
}
