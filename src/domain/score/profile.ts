// The best-customer profile and fit: which attribute values (state, ZIP3, industry, title, company size, e-mail type)
// are over-represented among best customers, and how much a prospect looks like them — smoothed lifts, added as
// log-odds, with the reasons in words.
import type { ProfileAttribute } from '../../api/contract';
import type { CleanedRecord } from '../clean-record';
import { parseNumber } from './features';

export type AttributeKey = ProfileAttribute['attribute'];

export const ATTRIBUTE_LABELS: Record<AttributeKey, string> = {
  state: 'State',
  zip3: 'ZIP3 area',
  industry: 'Industry',
  title: 'Title',
  employees: 'Company size',
  emailType: 'E-mail',
  company: 'Company',
};

/** Company size bands, as list vendors sell them. */
export function sizeBand(employees: string | undefined): string {
  if (!employees) return '';
  const m = /(\d[\d,]*)\s*(?:-|to|–)\s*(\d[\d,]*)/.exec(employees);
  const n = m ? (parseNumber(m[1]!) + parseNumber(m[2]!)) / 2 : parseNumber(employees.replace(/\+$/, ''));
  if (!Number.isFinite(n)) return '';
  if (n < 10) return '1-9 employees';
  if (n < 50) return '10-49 employees';
  if (n < 250) return '50-249 employees';
  if (n < 1000) return '250-999 employees';
  return '1,000+ employees';
}

/** A record's value for each attribute ('' when it has none). */
export function attributesOf(values: { industry?: string; employees?: string }, c: CleanedRecord, freeMail: (d: string) => boolean): Record<AttributeKey, string> {
  const domain = c.emailDomain.toLowerCase();
  const emailType = c.email === '' || !c.emailable ? 'no usable e-mail' : c.issues.some((i) => i.code === 'email.role') ? 'role address' : freeMail(domain) ? 'free e-mail' : 'work e-mail';
  return {
    state: c.state,
    zip3: /^\d{5}$/.test(c.zip5) ? c.zip5.slice(0, 3) : '',
    industry: (values.industry ?? '').trim().replace(/\s+/g, ' '),
    title: c.title,
    employees: sizeBand(values.employees),
    emailType,
    company: c.company ? 'has a company' : 'no company',
  };
}

export const ATTRIBUTES = Object.keys(ATTRIBUTE_LABELS) as AttributeKey[];

/** Counts of each attribute value among best customers, all customers and prospects. */
export class ProfileCounts {
  readonly best = new Map<string, number>();
  readonly all = new Map<string, number>();
  readonly prospects = new Map<string, number>();
  bestTotal = 0;
  allTotal = 0;
  prospectTotal = 0;

  addCustomer(attrs: Record<AttributeKey, string>, best: boolean): void {
    this.allTotal++;
    if (best) this.bestTotal++;
    for (const a of ATTRIBUTES) {
      if (!attrs[a]) continue;
      const key = `${a}\u0000${attrs[a]}`;
      this.all.set(key, (this.all.get(key) ?? 0) + 1);
      if (best) this.best.set(key, (this.best.get(key) ?? 0) + 1);
    }
  }

  addProspect(attrs: Record<AttributeKey, string>): void {
    this.prospectTotal++;
    for (const a of ATTRIBUTES) {
      if (!attrs[a]) continue;
      const key = `${a}\u0000${attrs[a]}`;
      this.prospects.set(key, (this.prospects.get(key) ?? 0) + 1);
    }
  }
}

/** Pseudo-customers per value that pull its best-customer rate toward the overall rate: a value held by two customers lifts little. */
const SMOOTHING = 10;
/** A value needs this many best customers to appear in the profile. */
const MIN_BEST = 3;

/**
 * How many times more common a value is among best customers than among all (= how much likelier a holder is to be a
 * best customer), with the value's best-customer rate shrunk toward the overall rate by SMOOTHING pseudo-customers
 * (beta-binomial): 4 of 4 best is promising, not certain. A value no customer has counts 1×.
 */
export function liftOf(counts: ProfileCounts, attribute: AttributeKey, value: string): number {
  const key = `${attribute}\u0000${value}`;
  const all = counts.all.get(key) ?? 0;
  if (all === 0 || counts.allTotal === 0 || counts.bestTotal === 0) return 1;
  const overall = counts.bestTotal / counts.allTotal;
  const best = counts.best.get(key) ?? 0;
  return (best + SMOOTHING * overall) / (all + SMOOTHING) / overall;
}

/** The profile: values with at least MIN_BEST best customers, most over-represented first. */
export function profileAttributes(counts: ProfileCounts): ProfileAttribute[] {
  const out: ProfileAttribute[] = [];
  for (const [key, best] of counts.best) {
    if (best < MIN_BEST) continue;
    const [attribute, value] = key.split('\u0000') as [AttributeKey, string];
    const all = counts.all.get(key) ?? 0;
    const prospects = counts.prospects.get(key) ?? 0;
    const bestShare = best / counts.bestTotal;
    out.push({
      attribute,
      label: ATTRIBUTE_LABELS[attribute],
      value,
      best,
      all,
      prospects,
      indexVsAll: Math.round((bestShare / (all / counts.allTotal)) * 100),
      indexVsProspects: counts.prospectTotal === 0 ? null : Math.round((bestShare / ((prospects + 0.5) / counts.prospectTotal)) * 100),
    });
  }
  return out.sort((a, b) => b.indexVsAll - a.indexVsAll || b.best - a.best || a.label.localeCompare(b.label) || a.value.localeCompare(b.value));
}

/** A prospect's fit in log-odds (sum of log lifts) and the values that raise it most, in words. */
export function fitOf(counts: ProfileCounts, attrs: Record<AttributeKey, string>, reasons = 3): { logLift: number; reasons: string[] } {
  let logLift = 0;
  const up: [number, string][] = [];
  for (const a of ATTRIBUTES) {
    if (!attrs[a]) continue;
    const lift = liftOf(counts, a, attrs[a]);
    logLift += Math.log(lift);
    if (lift >= 1.2) up.push([lift, `${ATTRIBUTE_LABELS[a].toLowerCase()} ${attrs[a]}: ${lift.toFixed(1)}× more common among best customers`]);
  }
  up.sort((x, y) => y[0] - x[0]);
  return { logLift, reasons: up.slice(0, reasons).map(([, w]) => w) };
}

/** Fit letter from a 0-100 fit score. */
export function fitLetter(fit: number): 'A' | 'B' | 'C' | 'D' {
  return fit >= 75 ? 'A' : fit >= 50 ? 'B' : fit >= 25 ? 'C' : 'D';
}
