// Engagement from activity files: each event kind earns points that halve every `halfLifeDays`, so an old burst of
// interest fades; the total puts a lead at engagement 1 (hot), 2 (some sign) or 3 (none yet).

export const EVENT_KINDS = ['form', 'download', 'badge_scan', 'email_click', 'visit', 'email_open', 'call_interested', 'call_not_interested', 'call_other', 'response', 'purchase'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_WORDS: Record<EventKind, string> = {
  form: 'web form fill',
  download: 'download',
  badge_scan: 'tradeshow badge scan',
  email_click: 'e-mail click',
  visit: 'web visit',
  email_open: 'e-mail open',
  call_interested: 'call: interested',
  call_not_interested: 'call: not interested',
  call_other: 'call',
  response: 'campaign response',
  purchase: 'purchase',
};

export const DEFAULT_POINTS: Record<EventKind, number> = {
  form: 10,
  download: 8,
  badge_scan: 6,
  email_click: 5,
  visit: 3,
  email_open: 1,
  call_interested: 12,
  call_not_interested: -8,
  call_other: 1,
  response: 8,
  purchase: 15,
};

/** The kind of an activity as files write it: "Web form fill", "Whitepaper download", "Email - clicked", "Badge scan". */
export function eventKind(text: string): EventKind | null {
  const t = text.toLowerCase();
  if (/\bnot interested\b|\bno interest\b|\bdo not call\b|\bdnc\b|\brefused\b/.test(t)) return 'call_not_interested';
  if (/\binterested\b|\bappointment\b|\bmeeting (set|booked)\b|\bcallback\b|\bhot lead\b/.test(t)) return 'call_interested';
  if (/\bform\b|\bcontact us\b|\brequest(ed)? (a )?(quote|demo|info)|\bsign ?up\b|\bregist/.test(t)) return 'form';
  if (/\bdownload|\bwhite ?paper\b|\be-?book\b|\bcase study\b/.test(t)) return 'download';
  if (/\bbadge\b|\bscan|\btrade ?show\b|\bbooth\b|\bexpo\b|\bconference\b/.test(t)) return 'badge_scan';
  if (/\bclick/.test(t)) return 'email_click';
  if (/\bopen/.test(t)) return 'email_open';
  if (/\bvisit|\bpage ?view|\bweb\b|\bsite\b/.test(t)) return 'visit';
  if (/\bpurchas|\border(ed)?\b|\bbought\b|\bsale\b/.test(t)) return 'purchase';
  if (/\brespon|\breplied\b|\breply\b/.test(t)) return 'response';
  if (/\bcall|\bphone|\bvoicemail\b|\bno answer\b|\bleft message\b/.test(t)) return 'call_other';
  return null;
}

/** Whether a yes/no cell says yes: "yes", "Y", "1", "true", "x", a date, "responded". */
export function saysYes(cell: string | undefined): boolean {
  const t = (cell ?? '').trim().toLowerCase();
  if (t === '' || /^(no|n|0|false|f|none|-|null|na|n\/a)$/.test(t)) return false;
  return true;
}

/** Whether a yes/no cell clearly says no (empty is not "no"). */
export function saysNo(cell: string | undefined): boolean {
  return /^(no|n|0|false|f)$/.test((cell ?? '').trim().toLowerCase());
}

/** Points of one event `ageDays` old: its kind's points, halved every half-life (future dates count as today). */
export function decayed(points: number, ageDays: number, halfLifeDays: number): number {
  return points * 0.5 ** (Math.max(0, ageDays) / halfLifeDays);
}

/** Engagement level from decayed points: 1 hot (≥ hotPoints), 2 some sign (> 0), 3 none. */
export function engagementLevel(points: number, hotPoints: number): 1 | 2 | 3 {
  return points >= hotPoints ? 1 : points > 0.5 ? 2 : 3;
}
