// The list step's form: what the user typed, turned into the contract's ListDetails (only the role's own details).
import type { ListDetails, ListRole } from '../../../src/api/contract';

export const SUPPRESSION_KINDS: { value: NonNullable<ListDetails['suppressionKind']>; label: string }[] = [
  { value: 'do-not-mail', label: 'Do not mail' },
  { value: 'unsubscribes', label: 'Unsubscribes' },
  { value: 'deceased', label: 'Deceased' },
  { value: 'competitors', label: 'Competitors' },
  { value: 'other', label: 'Other' },
];

export interface ListForm {
  name: string;
  role: ListRole;
  vendor: string;
  /** As typed: "1,250.00", "$900". */
  pricePaid: string;
  /** yyyy-mm-dd from the date input, or ''. */
  purchaseDate: string;
  suppressionKind: NonNullable<ListDetails['suppressionKind']>;
  campaign: string;
  notes: string;
}

export function emptyListForm(name: string): ListForm {
  return { name, role: 'prospects', vendor: '', pricePaid: '', purchaseDate: '', suppressionKind: 'do-not-mail', campaign: '', notes: '' };
}

/** "1,250.50" / "$900" → 1250.5 / 900; null when it is not an amount. */
export function parseDollars(text: string): number | null {
  const t = text.trim().replace(/^\$\s*/, '').replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) && n <= 1e9 ? n : null;
}

export type DetailsOutcome = { ok: true; details: ListDetails } | { ok: false; field: 'pricePaid' | 'purchaseDate'; message: string };

export function toListDetails(form: ListForm): DetailsOutcome {
  const details: ListDetails = {};
  if (form.role === 'prospects') {
    if (form.vendor.trim()) details.vendor = form.vendor.trim();
    if (form.pricePaid.trim()) {
      const n = parseDollars(form.pricePaid);
      if (n === null) return { ok: false, field: 'pricePaid', message: 'Enter the price in dollars, like 1250 or 1,250.00.' };
      details.pricePaid = n;
    }
    if (form.purchaseDate) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(form.purchaseDate)) return { ok: false, field: 'purchaseDate', message: 'Enter the date the list was bought.' };
      details.purchaseDate = form.purchaseDate;
    }
  } else if (form.role === 'suppression') {
    details.suppressionKind = form.suppressionKind;
  } else if (form.role === 'responses') {
    if (form.campaign.trim()) details.campaign = form.campaign.trim();
  }
  if (form.notes.trim()) details.notes = form.notes.trim();
  return { ok: true, details };
}

/** The file's name without its extension, made unique among the project's lists ("acme", "acme (2)"). */
export function suggestListName(fileName: string, existing: readonly string[]): string {
  const stem = fileName.replace(/\.[^.]+$/, '').trim().slice(0, 190) || 'List';
  if (!existing.includes(stem)) return stem;
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})`;
    if (!existing.includes(candidate)) return candidate;
  }
}

/** "Acme Data · $1,250 · bought 2026-03-01", "Deceased", "Campaign: Spring mailer": a list's details in one line. */
export function describeDetails(d: ListDetails): string {
  const parts: string[] = [];
  if (d.vendor) parts.push(d.vendor);
  if (d.pricePaid !== undefined) parts.push(`$${d.pricePaid.toLocaleString('en-US', { minimumFractionDigits: d.pricePaid % 1 === 0 ? 0 : 2, maximumFractionDigits: 2 })}`);
  if (d.purchaseDate) parts.push(`bought ${d.purchaseDate}`);
  if (d.suppressionKind) parts.push(SUPPRESSION_KINDS.find((k) => k.value === d.suppressionKind)?.label ?? d.suppressionKind);
  if (d.campaign) parts.push(`Campaign: ${d.campaign}`);
  if (d.notes) parts.push(d.notes);
  return parts.join(' · ');
}
