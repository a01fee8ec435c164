// Which level a suppression entry can safely match at: the most specific one its own fields allow.
import type { MatchRecord } from '../match/features';

/** Levels an entry matches at: the merge/purge levels, a company by name alone (a competitor list), or an exact e-mail / phone. */
export type EntryLevel = 'person' | 'household' | 'company' | 'companyName' | 'address' | 'email' | 'phone';

const hasAddress = (r: MatchRecord) => r.street !== '' && (r.postcode !== '' || r.city !== '');

/**
 * The most specific level an entry's own fields allow, or null when it is too thin to match anything safely (a first
 * name alone, a city alone): a person (name + address, or name + e-mail/phone); a household (surname at an address);
 * a company at an address; a company by name alone; an address; an e-mail; a phone.
 */
export function entryLevel(r: MatchRecord): EntryLevel | null {
  const address = hasAddress(r);
  if (r.first !== '' && r.last !== '' && (address || r.email !== '' || r.phone !== '')) return 'person';
  if (r.last !== '' && address && r.first === '') return 'household';
  if (r.company !== '' && address) return 'company';
  if (address) return 'address';
  if (r.email !== '') return 'email';
  if (r.phone !== '') return 'phone';
  if (r.company !== '') return 'companyName';
  return null;
}

/** What an entry at each level stands for, in words for the waterfall's notes. */
export const ENTRY_LEVEL_WORDS: Record<EntryLevel, string> = {
  person: 'person',
  household: 'household',
  company: 'company at an address',
  companyName: 'company name',
  address: 'address',
  email: 'e-mail',
  phone: 'phone',
};
