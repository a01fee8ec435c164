// Proves that first-name nickname lookups work both ways, ignore case, stay one hop deep, and that the bundled table loads.
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_NICKNAME_TABLE, nicknameGroup, nicknameKey, nicknameMatch, parseNicknameTable } from '../../../src/domain/nicknames';
import { loadNicknameTable } from '../../../src/jobs/reference-data';

const SMALL = parseNicknameTable(
  ['name1,relationship,name2', 'robert,has_nickname,bob', 'robert,has_nickname,bobby\r', 'robert,has_nickname,rob', 'william,has_nickname,bill', 'robert,has_nickname,bill', 'william,has_nickname,will', 'not,a,row', ',,', 'x'].join('\n'),
);
const table = loadNicknameTable(path.resolve(import.meta.dirname, '../../../resources'));

describe('parseNicknameTable and nicknameGroup', () => {
  it('reads both directions and skips rows that are not nickname rows', () => {
    expect(nicknameGroup(SMALL, 'Robert')).toEqual(['bill', 'bob', 'bobby', 'rob', 'robert']);
    expect(nicknameGroup(SMALL, 'BOBBY')).toEqual(['bill', 'bob', 'bobby', 'rob', 'robert']);
    expect(nicknameGroup(SMALL, 'not')).toEqual(['not']);
    expect(nicknameGroup(SMALL, '')).toEqual([]);
  });

  it('goes one hop only: Will and Bob share no formal name', () => {
    expect(nicknameMatch(SMALL, 'Will', 'Bob')).toBeNull();
    expect(nicknameMatch(SMALL, 'Bill', 'Bob')).toEqual({ reason: 'both are nicknames of robert' });
  });

  it('has no entries in the empty table', () => {
    expect(nicknameGroup(EMPTY_NICKNAME_TABLE, 'Bob')).toEqual(['bob']);
  });

  it('normalizes keys', () => {
    expect(nicknameKey(' Bob. ')).toBe('bob');
    expect(nicknameKey('JOSÉ')).toBe('josé');
  });
});

describe('the bundled table (resources/nicknames/names.csv)', () => {
  it('loads thousands of rows', () => {
    expect(table.nicknames.size).toBeGreaterThan(500);
    expect(loadNicknameTable(path.resolve(import.meta.dirname, '../../../resources'))).toBe(table);
  });

  it.each([
    ['Bob', 'Robert'],
    ['robert', 'BOB'],
    ['Bobby', 'Robert'],
    ['Rob', 'Robert'],
    ['Bobby', 'Rob'],
    ['Bill', 'William'],
    ['William', 'Billy'],
    ['Will', 'William'],
    ['Liz', 'Elizabeth'],
    ['Beth', 'Elizabeth'],
    ['Peggy', 'Margaret'],
    ['Dick', 'Richard'],
    ['Rick', 'Richard'],
    ['Jim', 'James'],
    ['Jimmy', 'James'],
    ['Kate', 'Katherine'],
    ['Tony', 'Anthony'],
    ['Chuck', 'Charles'],
    ['Ted', 'Edward'],
    ['Sandy', 'Alexandra'],
    ['Patty', 'Patricia'],
    ['Mike', 'Michael'],
  ])('%s and %s may be the same person', (a, b) => {
    expect(nicknameMatch(table, a, b)).not.toBeNull();
    expect(nicknameMatch(table, b, a)).not.toBeNull();
    expect(nicknameGroup(table, a)).toContain(b.toLowerCase());
  });

  it.each([
    ['Robert', 'Michael'],
    ['John', 'Mary'],
    ['Liz', 'Margaret'],
    ['Bob', ''],
  ])('%s and %s are not nickname-related', (a, b) => {
    expect(nicknameMatch(table, a, b)).toBeNull();
  });

  it('is symmetric, case-insensitive and never throws', () => {
    const names = fc.oneof(fc.constantFrom('Bob', 'ROBERT', 'bill', 'William', 'Liz', 'Peggy', 'Jim', 'Zed', '__proto__', ''), fc.string());
    fc.assert(
      fc.property(names, names, (a, b) => {
        expect(Boolean(nicknameMatch(table, a, b))).toBe(Boolean(nicknameMatch(table, b, a)));
        // (Only where upper-casing round-trips: "ß" upper-cases to "SS", a different name.)
        if (a.toUpperCase().toLowerCase() === a.toLowerCase()) expect(nicknameGroup(table, a.toUpperCase())).toEqual(nicknameGroup(table, a.toLowerCase()));
      }),
    );
  });
});
