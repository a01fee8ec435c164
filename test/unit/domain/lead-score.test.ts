// Lead scoring's pure parts: RFM histories, quintile cut points and scores, segments; size bands; smoothed lifts and
// the profile; fit reasons in words; tire-kicker flags.
import { describe, expect, it } from 'vitest';
import type { CleanedRecord } from '../../../src/domain/clean-record';
import { decayed, engagementLevel, eventKind, saysNo, saysYes } from '../../../src/domain/score/engagement';
import { DEFAULT_SCORE_SETTINGS, flagsOf } from '../../../src/domain/score/flags';
import { fitLetter, fitOf, liftOf, profileAttributes, ProfileCounts, sizeBand, type AttributeKey } from '../../../src/domain/score/profile';
import { historyOf, isBest, quintiles, rfmModel, rfmOf, scoreOf, segmentOf } from '../../../src/domain/score/rfm';

describe('RFM', () => {
  it('reads a history from the mapped fields: last order date, order count, amount (else lifetime value)', () => {
    expect(historyOf({ last_order_date: '4/27/2024', orders: '3', revenue: '$126.78' })).toEqual({ lastOrder: Date.UTC(2024, 3, 27) / 86_400_000, orders: 3, monetary: 126.78 });
    expect(historyOf({ amount: '10', revenue: '999' }).monetary).toBe(10);
    expect(historyOf({})).toEqual({ lastOrder: null, orders: null, monetary: null });
    expect(historyOf({ last_order_date: 'soon', orders: 'many' })).toEqual({ lastOrder: null, orders: null, monetary: null });
  });

  it('cuts values in quintiles and scores them 1-5 (recency: fewer days is better)', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quintiles(values)).toEqual([21, 41, 61, 81]);
    expect([1, 21, 22, 41, 42, 61, 62, 81, 82, 100].map((v) => scoreOf(v, [21, 41, 61, 81]))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect([0, 30, 400].map((d) => scoreOf(d, [10, 60, 180, 365], true))).toEqual([5, 4, 1]);
  });

  it('counts recency back from the newest order, takes the user\'s cut points, and scores missing parts 3', () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    const h = [
      { lastOrder: day('2025-06-01'), orders: 9, monetary: 900 },
      { lastOrder: day('2024-06-01'), orders: 1, monetary: 20 },
      { lastOrder: null, orders: null, monetary: null },
    ];
    const model = rfmModel(h, { recencyDays: [30, 90, 180, 365], frequency: [1, 2, 4, 8], monetary: [50, 100, 250, 500], bestMin: 12 });
    expect(model.asOf).toBe(day('2025-06-01'));
    expect(rfmOf(h[0]!, model)).toEqual({ r: 5, f: 5, m: 5 });
    // A year back is just within the 365-day cut point: R 2.
    expect(rfmOf(h[1]!, model)).toEqual({ r: 2, f: 1, m: 1 });
    expect(rfmOf(h[2]!, model)).toEqual({ r: 3, f: 3, m: 3 });
    expect(isBest(rfmOf(h[0]!, model), model)).toBe(true);
    expect(isBest(rfmOf(h[2]!, model), model)).toBe(false);
  });

  it.each([
    [{ r: 5, f: 4, m: 4 }, 'Champions'],
    [{ r: 2, f: 5, m: 1 }, 'Loyal'],
    [{ r: 3, f: 2, m: 5 }, 'Big spenders'],
    [{ r: 5, f: 1, m: 2 }, 'New'],
    [{ r: 1, f: 3, m: 3 }, 'At risk'],
    [{ r: 1, f: 1, m: 1 }, 'Lapsed'],
    [{ r: 3, f: 3, m: 3 }, 'Others'],
  ])('%j is %s', (s, name) => {
    expect(segmentOf(s)).toBe(name);
  });
});

describe('profile and fit', () => {
  it.each([
    ['7', '1-9 employees'],
    ['10-49', '10-49 employees'],
    ['1,200', '1,000+ employees'],
    ['250 to 499', '250-999 employees'],
    ['5000+', '1,000+ employees'],
    ['lots', ''],
    [undefined, ''],
  ])('size %j → %j', (text, band) => {
    expect(sizeBand(text)).toBe(band);
  });

  const attrs = (title: string, state: string): Record<AttributeKey, string> => ({ state, zip3: '', industry: '', title, employees: '', emailType: 'work e-mail', company: 'has a company' });

  /** 100 customers: 20 best; 10 of the best and 2 of the rest are purchasing managers. */
  function counts(): ProfileCounts {
    const c = new ProfileCounts();
    for (let i = 0; i < 100; i++) {
      const best = i < 20;
      const title = best ? (i < 10 ? 'Purchasing Manager' : 'Owner') : i < 22 ? 'Purchasing Manager' : 'Owner';
      c.addCustomer(attrs(title, i % 2 ? 'NV' : 'CA'), best);
    }
    for (let i = 0; i < 50; i++) c.addProspect(attrs(i < 5 ? 'Purchasing Manager' : 'Owner', 'CA'));
    return c;
  }

  it('finds the over-represented value, with its index against all customers and against prospects', () => {
    const p = profileAttributes(counts());
    // Best share 50 %; all customers 12 %; prospects (5 + ½) / 50 — half a prospect keeps a value no prospect has finite.
    expect(p[0]).toEqual({ attribute: 'title', label: 'Title', value: 'Purchasing Manager', best: 10, all: 12, prospects: 5, indexVsAll: 417, indexVsProspects: 455 });
    const owner = p.find((a) => a.value === 'Owner')!;
    expect(owner.indexVsAll).toBe(57);
  });

  it('smooths lifts toward 1 for rare values, and explains a fit by the values that raise it', () => {
    const c = counts();
    expect(liftOf(c, 'title', 'Purchasing Manager')).toBeGreaterThan(2);
    expect(liftOf(c, 'title', 'Purchasing Manager')).toBeLessThan(4.2);
    expect(liftOf(c, 'title', 'Astronaut')).toBe(1);
    const good = fitOf(c, attrs('Purchasing Manager', 'CA'));
    const plain = fitOf(c, attrs('Owner', 'CA'));
    expect(good.logLift).toBeGreaterThan(plain.logLift);
    expect(good.reasons[0]).toMatch(/^title Purchasing Manager: \d\.\d× more common among best customers$/);
    expect(plain.reasons).toEqual([]);
  });

  it.each([
    [100, 'A'],
    [75, 'A'],
    [74.9, 'B'],
    [50, 'B'],
    [25, 'C'],
    [0, 'D'],
  ])('fit %d is %s', (fit, letter) => {
    expect(fitLetter(fit)).toBe(letter);
  });
});

describe('flags', () => {
  const base: CleanedRecord = {
    nameKind: 'person', prefix: '', firstName: 'Ann', middleName: '', lastName: 'Lee', suffix: '', company: 'Acme', companyKey: 'acme', title: 'Buyer',
    email: 'ann@acme.com', emailDomain: 'acme.com', phone: '+17755550100', address1: '1 MAIN ST', address2: '', city: 'RENO', state: 'NV', zip5: '89501', zip4: '',
    lat: null, lon: null, mailable: true, emailable: true, callable: true, quality: 100, qualityReasons: [], issues: [],
  };
  const today = Date.parse('2026-11-24T00:00:00Z') / 86_400_000;
  const free = (d: string) => d === 'gmail.com';
  const on = { ...DEFAULT_SCORE_SETTINGS, flags: { free_email: true, role_email: true, no_company: true, no_title: true, keywords: true, invalid_address: true, stale: true } };

  it('raises nothing for a complete business lead', () => {
    expect(flagsOf({ acquired_date: '2026-01-01' }, base, on, free, today)).toEqual([]);
  });

  it('says why a lead is flagged, one rule at a time', () => {
    const f = flagsOf(
      { acquired_date: '2019-03-01' },
      { ...base, email: 'info@gmail.com', emailDomain: 'gmail.com', company: '', title: 'Student Intern', mailable: false, issues: [{ code: 'email.role', field: 'email', severity: 'warning', message: 'role' }] } as CleanedRecord,
      on,
      free,
      today,
    );
    expect(f.map((x) => x.rule)).toEqual(['free_email', 'role_email', 'no_company', 'keywords', 'invalid_address', 'stale']);
    expect(f.find((x) => x.rule === 'keywords')!.words).toBe('"student" in title');
    expect(f.find((x) => x.rule === 'stale')!.words).toBe('acquired 92 months ago');
  });

  it('keeps switched-off rules quiet, and matches keywords as words ("intern" is not in "international")', () => {
    const off = { ...on, flags: { ...on.flags, free_email: false } };
    expect(flagsOf({}, { ...base, email: 'a@gmail.com', emailDomain: 'gmail.com' }, off, free, today)).toEqual([]);
    expect(flagsOf({}, { ...base, company: 'International Paper' }, on, free, today)).toEqual([]);
  });
});

describe('engagement', () => {
  it.each([
    ['Web form fill', 'form'],
    ['Contact us form', 'form'],
    ['Requested a demo', 'form'],
    ['Whitepaper download', 'download'],
    ['Badge scan – Expo 2026', 'badge_scan'],
    ['Email clicked', 'email_click'],
    ['Email - opened', 'email_open'],
    ['Web visit', 'visit'],
    ['Page view', 'visit'],
    ['Call: interested, send pricing', 'call_interested'],
    ['Call - not interested', 'call_not_interested'],
    ['Left message', 'call_other'],
    ['Purchased', 'purchase'],
    ['Replied to mailer', 'response'],
    ['Birthday', null],
  ])('%s → %s', (text, kind) => {
    expect(eventKind(text)).toBe(kind);
  });

  it('halves points every half-life, so an old burst fades', () => {
    expect(decayed(10, 0, 30)).toBe(10);
    expect(decayed(10, 30, 30)).toBe(5);
    expect(decayed(10, 90, 30)).toBe(1.25);
    expect(decayed(10, -5, 30)).toBe(10);
    const burstLastYear = 5 * decayed(10, 365, 30);
    const oneFormToday = decayed(10, 0, 30);
    expect(burstLastYear).toBeLessThan(oneFormToday / 100);
    expect([engagementLevel(20, 15), engagementLevel(3, 15), engagementLevel(0.1, 15), engagementLevel(-8, 15)]).toEqual([1, 2, 3, 3]);
  });

  it.each([
    ['yes', true, false],
    ['Y', true, false],
    ['1', true, false],
    ['2026-03-04', true, false],
    ['no', false, true],
    ['0', false, true],
    ['', false, false],
    ['N/A', false, false],
  ])('%j says yes: %s, no: %s', (cell, yes, no) => {
    expect(saysYes(cell)).toBe(yes);
    expect(saysNo(cell)).toBe(no);
  });
});
