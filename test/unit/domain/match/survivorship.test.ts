// Survivorship: each field of a merged record from one member, by rule (priority, most complete, most recent, longest) or the user's pick.
import { describe, expect, it } from 'vitest';
import { cleanRecord, type CanonicalValues } from '../../../../src/domain/clean-record';
import { DEFAULT_SURVIVORSHIP, survive, type SurvivorMember } from '../../../../src/domain/match/survivorship';
import { emptyTables } from './tables';

const member = (v: CanonicalValues, priority: number, importedAt: string): SurvivorMember => {
  const clean = cleanRecord(v, emptyTables);
  return { priority, importedAt, quality: clean.quality, clean };
};

const house = member({ first_name: 'Robert', last_name: 'Smith', company: 'Acme Inc', address1: '12 Main St', city: 'Boston', state: 'MA', zip: '02134', email: 'bob@old.com', phone: '617-555-0100' }, 0, '2024-01-10');
const bought = member({ first_name: 'Robert', middle_name: 'J', last_name: 'Smith', suffix: 'Jr', company: 'ACME', address1: '12 Main Street Apt 4', city: 'Boston', state: 'MA', zip: '02134-1234', email: 'bob@new.com' }, 1, '2026-03-01');

describe('survive', () => {
  const merged = Object.fromEntries(survive([house, bought], DEFAULT_SURVIVORSHIP).map((v) => [v.field, v]));

  it('takes the most complete name and address, the company from the trusted list, the newest e-mail', () => {
    expect(merged.name!.value).toBe('Robert J Smith Jr.');
    expect(merged.name!.from).toBe(1);
    expect(merged.address!.value).toBe('12 MAIN ST APT 4, BOSTON, MA 02134-1234');
    expect(merged.company!.from).toBe(0);
    expect(merged.email!.value).toBe('bob@new.com');
    expect(merged.email!.why).toBe('from the most recent list of 2 values');
  });

  it('keeps a value only one member has, from that member', () => {
    expect(merged.phone!.value).toBe('+16175550100');
    expect(merged.phone!.from).toBe(0);
    expect(merged.phone!.why).toBe('the only value');
  });

  it('follows a changed rule and the user pick over any rule', () => {
    const byPriority = Object.fromEntries(survive([house, bought], { ...DEFAULT_SURVIVORSHIP, email: 'priority', name: 'priority' }, { address: 0 }).map((v) => [v.field, v]));
    expect(byPriority.email!.value).toBe('bob@old.com');
    expect(byPriority.name!.value).toBe('Robert Smith');
    expect(byPriority.address!.rule).toBe('pick');
    expect(byPriority.address!.value).toBe('12 MAIN ST, BOSTON, MA 02134');
  });

  it('says when no member has a value', () => {
    const title = survive([house, bought], DEFAULT_SURVIVORSHIP).find((v) => v.field === 'title')!;
    expect(title).toEqual(expect.objectContaining({ value: '', from: -1, why: 'no record has one' }));
  });
});
