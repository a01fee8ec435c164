// The list audit's arithmetic: the waterfall over finding masks, savings, list price and cost per net-new record, the
// target-area test, missing fields, and the HTML report's escaping and self-containment.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditResult, ListAudit } from '../../../src/api/contract';
import {
  auditWaterfall,
  costPerNetNew,
  describeTarget,
  FINDING_BIT,
  formatDollars,
  formatShare,
  formatUnitCost,
  listPrice,
  missingOf,
  olderThanMonths,
  outsideTarget,
  savingsOf,
  STEP_ORDER,
  type GeoStep,
} from '../../../src/domain/audit/audit';
import { escapeHtml, renderAuditHtml } from '../../../src/domain/audit/report-html';
import { placeOf, resolveCenter, type Center } from '../../../src/domain/target/geography';
import { parseZipTable } from '../../../src/domain/zip-data';

const zips = parseZipTable(fs.readFileSync(path.resolve(import.meta.dirname, '../../../resources/zip/us-zips.csv'), 'utf8'));
const COSTS = { printPerPiece: 0.25, postagePerPiece: 0.4 };
const B = FINDING_BIT;

describe('auditWaterfall: each record counted once, at its first step', () => {
  it.each([
    ['no records', [], { found: [0, 0, 0, 0, 0, 0, 0], removed: [0, 0, 0, 0, 0, 0, 0], netNew: 0 }],
    ['all clean', [0, 0, 0], { found: [0, 0, 0, 0, 0, 0, 0], removed: [0, 0, 0, 0, 0, 0, 0], netNew: 3 }],
    ['a duplicate that is also suppressed counts as a duplicate', [B.duplicates | B.suppressed, 0], { found: [1, 0, 0, 1, 0, 0, 0], removed: [1, 0, 0, 0, 0, 0, 0], netNew: 1 }],
    ['house and earlier purchase: house first', [B.house | B.earlier, B.earlier], { found: [0, 1, 2, 0, 0, 0, 0], removed: [0, 1, 1, 0, 0, 0, 0], netNew: 0 }],
    ['undeliverable and outside', [B.undeliverable | B.outside, B.outside, B.stale, 0], { found: [0, 0, 0, 0, 1, 2, 1], removed: [0, 0, 0, 0, 1, 1, 1], netNew: 1 }],
    ['every finding on one record', [127], { found: [1, 1, 1, 1, 1, 1, 1], removed: [1, 0, 0, 0, 0, 0, 0], netNew: 0 }],
  ])('%s', (_, masks, want) => {
    const { steps, netNew } = auditWaterfall(Uint8Array.from(masks), COSTS);
    expect(steps.map((s) => s.kind)).toEqual(STEP_ORDER);
    expect(steps.map((s) => s.found)).toEqual(want.found);
    expect(steps.map((s) => s.removed)).toEqual(want.removed);
    expect(netNew).toBe(want.netNew);
  });

  it('adds up for any masks: in − removed = next in, the last out is net-new, found ≥ removed', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 127 }), { maxLength: 300 }), (masks) => {
        const { steps, netNew } = auditWaterfall(Uint8Array.from(masks), COSTS);
        expect(steps[0]!.in).toBe(masks.length);
        for (let k = 1; k < steps.length; k++) expect(steps[k]!.in).toBe(steps[k - 1]!.in - steps[k - 1]!.removed);
        expect(steps[steps.length - 1]!.in - steps[steps.length - 1]!.removed).toBe(netNew);
        for (const s of steps) expect(s.found).toBeGreaterThanOrEqual(s.removed);
        expect(netNew).toBe(masks.filter((m) => m === 0).length);
      }),
    );
  });

  it('puts the savings and notes on each step', () => {
    const { steps } = auditWaterfall(Uint8Array.from([B.house, B.house, B.stale]), COSTS, { house: 'two matched' });
    expect(steps[1]).toEqual({ kind: 'house', label: 'Already in the house file', in: 3, found: 2, removed: 2, savings: { pieces: 2, print: 0.5, postage: 0.8, total: 1.3 }, note: 'two matched' });
  });
});

describe('savings, price and cost per net-new record', () => {
  it.each([
    [0, COSTS, { pieces: 0, print: 0, postage: 0, total: 0 }],
    [1, COSTS, { pieces: 1, print: 0.25, postage: 0.4, total: 0.65 }],
    [3, { printPerPiece: 0.333, postagePerPiece: 0.111 }, { pieces: 3, print: 1, postage: 0.33, total: 1.33 }],
    [1_000_000, { printPerPiece: 0.18, postagePerPiece: 0.327 }, { pieces: 1_000_000, print: 180_000, postage: 327_000, total: 507_000 }],
  ])('%d pieces at %j', (pieces, costs, want) => expect(savingsOf(pieces, costs)).toEqual(want));

  it.each([
    ['nothing known', 1000, {}, {}, null],
    ['price paid from the details', 10_000, { pricePaid: 850 }, {}, { total: 850, cpm: 85, source: 'list details' }],
    ['CPM from the details', 12_500, { cpm: 60 }, {}, { total: 750, cpm: 60, source: 'list details' }],
    ['price paid wins over CPM in the details', 1000, { pricePaid: 100, cpm: 60 }, {}, { total: 100, cpm: 100, source: 'list details' }],
    ['a given price wins over the details', 1000, { pricePaid: 100 }, { price: 45 }, { total: 45, cpm: 45, source: 'given' }],
    ['a given CPM wins over the details', 2000, { pricePaid: 100 }, { cpm: 45 }, { total: 90, cpm: 45, source: 'given' }],
    ['an empty list', 0, { pricePaid: 100 }, {}, { total: 100, cpm: 0, source: 'list details' }],
  ])('%s', (_, rows, details, given, want) => expect(listPrice(rows, details, given)).toEqual(want));

  it.each([
    [null, 10, null],
    [100, 0, null],
    [320, 10, 32],
    [45, 6571, 0.007],
    [1, 3, 0.333],
  ])('price %s for %d net-new → %s per record', (price, netNew, want) => expect(costPerNetNew(price, netNew)).toBe(want));

  it.each([
    [0, '$0.00'],
    [0.007, '$0.007'],
    [0.333, '$0.33'],
    [1234.5, '$1,234.50'],
  ])('formatDollars(%s) = %s', (x, want) => expect(formatDollars(x)).toBe(want));

  it.each([
    [0.25, '$0.25'],
    [0.352, '$0.352'],
    [0.0071, '$0.007'],
    [32, '$32.00'],
    [0, '$0.00'],
  ])('formatUnitCost(%s) = %s', (x, want) => expect(formatUnitCost(x)).toBe(want));

  it.each([
    [0, 0, '–'],
    [0, 10, '0%'],
    [56, 1_000_000, '<0.1%'],
    [3, 32, '9.4%'],
    [10, 32, '31%'],
    [32, 32, '100%'],
  ])('formatShare(%d, %d) = %s', (x, of, want) => expect(formatShare(x, of)).toBe(want));
});

describe('outsideTarget', () => {
  const reno = placeOf('89501', 'NV', zips);
  const sf = placeOf('94102', 'CA', zips);
  const nowhere = placeOf('', '', zips);
  const stateOnly = placeOf('', 'nv', zips);
  const center = resolveCenter('89501', zips);
  const centers = new Map<number, Center>([[0, center]]);
  it.each<[string, GeoStep[], boolean[]]>([
    ['states include', [{ kind: 'states', mode: 'include', states: ['nv'] }], [false, true, true, false]],
    ['states exclude', [{ kind: 'states', mode: 'exclude', states: ['NV'] }], [true, false, false, true]],
    ['zip3 include', [{ kind: 'zip3', mode: 'include', zip3: ['895'] }], [false, true, true, true]],
    ['zips exclude', [{ kind: 'zips', mode: 'exclude', zips: ['94102'] }], [false, true, false, false]],
    ['radius include 30 miles', [{ kind: 'radius', mode: 'include', center: '89501', miles: 30 }], [false, true, true, true]],
    ['radius exclude 30 miles', [{ kind: 'radius', mode: 'exclude', center: '89501', miles: 30 }], [true, false, false, false]],
  ])('%s: Reno, San Francisco, no place, only a state', (_, steps, want) => {
    expect([reno, sf, nowhere, stateOnly].map((p) => outsideTarget(p, steps, centers))).toEqual(want);
  });

  it('describes the area in words', () => {
    expect(describeTarget([{ kind: 'states', mode: 'include', states: ['nv', 'ut'] }, { kind: 'radius', mode: 'include', center: '89501', miles: 25 }], new Map([[1, center]]))).toBe(
      `states NV, UT; within 25 miles of ${center.label}`,
    );
  });
});

describe('record findings', () => {
  const empty = { firstName: '', lastName: '', company: '', address1: '', city: '', state: '', zip5: '', email: '', phone: '' };
  it.each([
    ['nothing', empty, ['name', 'address', 'city', 'state', 'zip', 'email', 'phone']],
    ['a company is a name', { ...empty, company: 'Acme', address1: '1 Main St', city: 'Reno', state: 'NV', zip5: '89501' }, ['email', 'phone']],
    ['a surname alone is a name', { ...empty, lastName: 'Smith', email: 'a@b.co', phone: '+17755550100' }, ['address', 'city', 'state', 'zip']],
  ])('missingOf: %s', (_, c, want) => expect(missingOf(c)).toEqual(want));

  it.each([
    [0, 20000, 36, true],
    [20000 - 36 * 30.44 + 1, 20000, 36, false],
    [20000 - 36 * 30.44 - 1, 20000, 36, true],
    [NaN, 20000, 36, false],
  ])('olderThanMonths(%s, %s, %s) = %s', (day, today, months, want) => expect(olderThanMonths(day, today, months)).toBe(want));
});

describe('the HTML report', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', '&#60;img src=x onerror=alert(1)&#62;'],
    [`"quoted" & 'single' \`tick\``, '&#34;quoted&#34; &#38; &#39;single&#39; &#96;tick&#96;'],
    ['Müller & Söhne', 'Müller &#38; Söhne'],
  ])('escapes %s', (raw, want) => expect(escapeHtml(raw)).toBe(want));

  const list = (name: string, over: Partial<ListAudit> = {}): ListAudit => {
    const { steps, netNew } = auditWaterfall(Uint8Array.from([B.duplicates, B.house, 0, 0]), COSTS, { house: 'note <b>' });
    return {
      listId: 1, listName: name, role: 'prospects', importedAt: '2026-01-02T03:04:05.000Z', vendor: '<script>x</script>', purchaseDate: null, rows: 4, level: 'person',
      steps, netNew, savings: savingsOf(2, COSTS), house: [{ listId: 2, listName: 'House </td>', role: 'customers', importedAt: '2025-01-01T00:00:00Z', records: 1 }], earlier: [], suppression: [],
      missing: [{ field: 'phone', label: 'Phone', records: 4 }], verdicts: { mailable: 4, emailable: 4, callable: 0, averageQuality: 80 },
      price: { total: 10, cpm: 2500, source: 'given' }, costPerNetNew: 5, states: [{ state: 'NV', records: 3, netNew: 2, inTarget: true }, { state: '', records: 1, netNew: 0, inTarget: false }],
      zip3: [{ zip3: '895', records: 3, netNew: 2, inTarget: true }, { zip3: '941', records: 1, netNew: 0, inTarget: false }],
      notes: ['A <note>'], ...over,
    };
  };
  const result = (lists: ListAudit[]): AuditResult => ({
    lists, target: { description: 'states <NV>', source: 'recipe', recipeName: 'West "coast"' }, costs: { ...COSTS, recentDays: 90 }, staleMonths: 36, createdAt: '2026-11-25T00:00:00.000Z', seconds: 1,
  });

  it('is self-contained, escapes every user value and shows both lists side by side', () => {
    const html = renderAuditHtml(result([list('A <b>'), list('B & co')]), { projectName: 'P <x>' });
    expect(html).not.toMatch(/https?:\/\/|<script|<link|url\(|@import/i);
    for (const raw of ['A <b>', 'B & co', 'P <x>', 'House </td>', 'states <NV>', 'West "coast"', 'A <note>', 'note <b>']) expect(html).not.toContain(raw);
    expect(html).toContain('<th>A &#60;b&#62;</th><th>B &#38; co</th>');
    expect(html).toContain('@media print');
    expect(html).toContain('class="cols two"');
  });

  it('draws the map from the map data: states, and a circle per ZIP3 area, grey outside the target area', () => {
    const map = { width: 100, height: 50, states: { NV: 'M0 0l10 0l0 10z', CA: 'M20 0l10 0l0 10z' }, zip3: { '895': [5, 5] as [number, number], '941': [25, 5] as [number, number] } };
    const html = renderAuditHtml(result([list('A')]), { projectName: 'P', map });
    expect(html).toContain('<svg viewBox="0 0 100 50"');
    expect(html).toContain('<path d="M0 0l10 0l0 10z" fill="#e4ebfa"');
    expect(html).toMatch(/<circle cx="5" cy="5" r="22.0" fill="#2f6feb"/);
    expect(html).toMatch(/<circle cx="25" cy="5" r="[\d.]+" fill="#9aa3b2"/);
  });

  it('says when there is no target area and no price', () => {
    const html = renderAuditHtml({ ...result([list('A', { price: null, costPerNetNew: null })]), target: null }, { projectName: 'P' });
    expect(html).toContain('No target area set');
    expect(html).toContain('no price entered');
    expect(html).not.toContain('class="cols two"');
  });
});
