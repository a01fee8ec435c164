// What a licensed service bureau's CASS/DPV/NCOA result says about a record, in words, and how it changes the record's clean: issues on the address, and "not mailable" for an address DPV did not confirm, a vacant one or a move with no forwarding address.
import type { CleanedRecord, CleanIssue } from './clean-record';
import type { DpvCode, PostalRow } from './export/postal-layout';

/** The part of a stored result the verdict reads. */
export type PostalFinding = Pick<PostalRow, 'dpv' | 'vacant' | 'move' | 'moveType' | 'moveDate' | 'moveCode' | 'newAddress1' | 'newAddress2' | 'newCity' | 'newState' | 'newZip5' | 'newZip4'>;

/** What the result does to the record: 0 nothing, 1 warnings only, 2 undeliverable (not mailable). */
export type PostalEffect = 0 | 1 | 2;

const DPV_WORDS: Record<DpvCode, string> = {
  Y: 'confirmed deliverable (DPV Y)',
  S: 'building confirmed; the apartment or suite given is not (DPV S)',
  D: 'building confirmed; its apartment or suite is missing (DPV D)',
  N: 'not confirmed: USPS does not deliver to this address (DPV N)',
};

/** The DPV match code in words ("" when the bureau could not match the address at all). */
export function dpvWords(code: DpvCode | ''): string {
  return code === '' ? 'not matched (no DPV code)' : DPV_WORDS[code];
}

const MOVE_TYPES: Record<string, string> = { I: 'individual', F: 'family', B: 'business' };

const NO_FORWARDING_WORDS: Record<string, string> = {
  '01': 'moved abroad (NCOA 01, foreign move)',
  '02': 'moved, left no forwarding address (NCOA 02)',
  '03': 'PO box closed, no forwarding address (NCOA 03)',
  '05': 'moved; the new address cannot be used (NCOA 05)',
  '14': 'moved; the new address cannot be used (NCOA 14)',
  '19': 'moved; the new address is not deliverable (NCOA 19)',
  '66': 'moved; forwarding has ended (NCOA 66, daily delete)',
  '77': 'probably moved 19-48 months ago, no new address (NCOA 77, ANKLink)',
};

/** The new address of a move as one line: "12 OAK ST APT 2, RENO NV 89501-1234". */
export function newAddressLine(f: PostalFinding): string {
  const street = [f.newAddress1, f.newAddress2].filter((x) => x !== '').join(' ');
  const zip = f.newZip5 === '' ? '' : f.newZip4 === '' ? f.newZip5 : `${f.newZip5}-${f.newZip4}`;
  const last = [f.newCity, f.newState, zip].filter((x) => x !== '').join(' ');
  return [street, last].filter((x) => x !== '').join(', ');
}

/** The move in words ("" when there was none). */
export function moveWords(f: PostalFinding): string {
  if (f.move === 'none') return '';
  const kind = MOVE_TYPES[f.moveType];
  const when = f.moveDate ? `, effective ${f.moveDate}` : '';
  if (f.move === 'new-address') return `moved${kind ? ` (${kind}${when})` : when ? ` (${when.slice(2)})` : ''} to ${newAddressLine(f)}`;
  const code = f.moveCode.replace(/^(\d)$/, '0$1');
  const words = NO_FORWARDING_WORDS[code] ?? `moved, left no forwarding address${f.moveCode ? ` (NCOA ${f.moveCode})` : ''}`;
  return kind || when ? `${words}; ${[kind, when.slice(2)].filter((x) => x).join(', ')}` : words;
}

/** The findings a result adds to a record's clean: errors for what makes it undeliverable, warnings for what needs a look. */
export function postalIssues(f: PostalFinding): CleanIssue[] {
  const out: CleanIssue[] = [];
  if (f.dpv === 'N') out.push({ field: 'address', code: 'address.dpv_not_confirmed', severity: 'error', message: `Service bureau: ${DPV_WORDS.N}.` });
  if (f.vacant === true) out.push({ field: 'address', code: 'address.vacant', severity: 'error', message: 'Service bureau: vacant (USPS has marked this delivery point unoccupied for 90 days or more).' });
  if (f.move === 'no-forwarding') out.push({ field: 'address', code: 'address.moved_no_forwarding', severity: 'error', message: `Service bureau: ${moveWords(f)}.` });
  if (f.move === 'new-address') out.push({ field: 'address', code: 'address.moved', severity: 'warning', message: `Service bureau: ${moveWords(f)} (NCOA).`, suggestion: newAddressLine(f) });
  if (f.dpv === 'S' || f.dpv === 'D') out.push({ field: 'address', code: 'address.dpv_secondary', severity: 'warning', message: `Service bureau: ${DPV_WORDS[f.dpv]}.` });
  return out;
}

export function postalEffect(f: PostalFinding): PostalEffect {
  const issues = postalIssues(f);
  return issues.some((i) => i.severity === 'error') ? 2 : issues.length > 0 ? 1 : 0;
}

/** The reason an undeliverable result gives for "not mailable", short. */
function notMailableReason(f: PostalFinding): string {
  if (f.dpv === 'N') return 'DPV did not confirm the address';
  if (f.vacant === true) return 'vacant';
  return 'moved, no forwarding address';
}

const LOSS = /\(−(\d+)\)$/;
const WARNINGS = /^\d+ warnings? \(−\d+\)$/;

/**
 * The record's clean with a result applied: its issues added, not mailable when the result says undeliverable, and the
 * quality score worked out again the way cleanRecord does it (−35 for not mailable, 4 points per warning up to 10).
 * Applied to a fresh clean only, so applying it is never repeated.
 */
export function applyPostal(r: CleanedRecord, f: PostalFinding): CleanedRecord {
  const added = postalIssues(f);
  if (added.length === 0) return r;
  const issues = [...r.issues, ...added];
  const mailable = r.mailable && !added.some((i) => i.severity === 'error');
  const losses: [number, string][] = r.qualityReasons.filter((x) => !WARNINGS.test(x)).map((x) => [Number(LOSS.exec(x)?.[1] ?? 0), x]);
  if (r.mailable && !mailable) losses.push([35, `Not mailable: ${notMailableReason(f)} (−35)`]);
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  if (warnings > 0) {
    const n = Math.min(10, warnings * 4);
    losses.push([n, `${warnings === 1 ? '1 warning' : `${warnings} warnings`} (−${n})`]);
  }
  losses.sort((a, b) => b[0] - a[0]);
  const lost = losses.reduce((s, [n]) => s + n, 0);
  return { ...r, issues, mailable, quality: Math.max(0, 100 - lost), qualityReasons: losses.map((l) => l[1]) };
}
