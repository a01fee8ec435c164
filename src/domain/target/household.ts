// A household for the ledger's "pieces per household" rule: a surname at one delivery address.
import type { MatchRecord } from '../match/features';

/**
 * The household key of a record: ZIP, house number, street, unit and surname as the clean step standardized them, or
 * '' when the record has no street address or no surname (it is then a household of its own).
 */
export function householdKey(r: Pick<MatchRecord, 'postcode' | 'houseNo' | 'street' | 'unit' | 'last' | 'city'>): string {
  if (r.street === '' || r.last === '' || (r.postcode === '' && r.city === '')) return '';
  return [r.postcode || r.city, r.houseNo, r.street, r.unit, r.last].join('|');
}

/** A household key in words: "SMITH at 12 MAIN ST APT 1, 89501". */
export function householdWords(key: string): string {
  const [place, houseNo, street, unit, last] = key.split('|');
  const line = [houseNo, street, unit].filter((x) => x).join(' ').toUpperCase();
  return `${(last ?? '').toUpperCase()} at ${line}, ${(place ?? '').toUpperCase()}`;
}
