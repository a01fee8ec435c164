// Tire-kicker and quality flags: rules the user can switch on and off, each saying in words why a lead is flagged.
import type { FlagRule, ScoreSettings } from '../../api/contract';
import type { CleanedRecord } from '../clean-record';
import { parseDay } from './features';

export const FLAG_LABELS: Record<FlagRule, string> = {
  free_email: 'Free e-mail address',
  role_email: 'Role address (info@, sales@…)',
  no_company: 'No company',
  no_title: 'No title',
  keywords: 'Student or competitor keyword',
  invalid_address: 'No deliverable address',
  stale: 'Stale record',
  responded_not_bought: 'Responded before, never bought',
};

/** Scoring settings a new project starts with (engagement points per kind default to DEFAULT_POINTS). */
export const DEFAULT_SCORE_SETTINGS: ScoreSettings = {
  rfm: { recencyDays: null, frequency: null, monetary: null, bestMin: 12 },
  flags: { free_email: false, role_email: true, no_company: false, no_title: false, keywords: true, invalid_address: true, stale: true, responded_not_bought: true },
  keywords: ['student', 'intern', 'unemployed'],
  staleMonths: 36,
  engagement: { halfLifeDays: 30, hotPoints: 15, points: {} },
  salesReady: { minFit: 80, required: ['email'], allowFlagged: false },
};

const word = (text: string, w: string) => new RegExp(`(^|[^a-z0-9])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z0-9]|$)`, 'i').test(text);

/** The flags a lead raises under the settings, in words. `today` is a day number (days since 1970). */
export function flagsOf(
  values: { acquired_date?: string },
  c: CleanedRecord,
  settings: ScoreSettings,
  freeMail: (d: string) => boolean,
  today: number,
): { rule: FlagRule; words: string }[] {
  const on = (r: FlagRule) => settings.flags[r] ?? DEFAULT_SCORE_SETTINGS.flags[r] ?? false;
  const out: { rule: FlagRule; words: string }[] = [];
  const domain = c.emailDomain.toLowerCase();
  if (on('free_email') && c.email && freeMail(domain)) out.push({ rule: 'free_email', words: `free e-mail (${domain})` });
  if (on('role_email') && c.issues.some((i) => i.code === 'email.role')) out.push({ rule: 'role_email', words: `role address (${c.email})` });
  if (on('no_company') && !c.company) out.push({ rule: 'no_company', words: 'no company' });
  if (on('no_title') && !c.title) out.push({ rule: 'no_title', words: 'no title' });
  if (on('keywords')) {
    const hit = settings.keywords.find((k) => word(c.title, k) || word(c.company, k));
    if (hit) out.push({ rule: 'keywords', words: `"${hit}" in ${word(c.title, hit) ? 'title' : 'company'}` });
  }
  if (on('invalid_address') && !c.mailable) out.push({ rule: 'invalid_address', words: 'no deliverable address' });
  if (on('stale') && values.acquired_date) {
    const d = parseDay(values.acquired_date);
    if (Number.isFinite(d) && today - d > settings.staleMonths * 30.44) out.push({ rule: 'stale', words: `acquired ${Math.floor((today - d) / 30.44)} months ago` });
  }
  return out;
}
