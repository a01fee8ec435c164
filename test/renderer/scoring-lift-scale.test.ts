// The lift chart's scale: values grouped by attribute (strongest group first, strongest value first), the axis ending at a
// nice index above the largest bar (never below 150, capped), 100 marked, bars beyond the cap clipped, labels for screen readers.
import { describe, expect, it } from 'vitest';
import type { ProfileAttribute } from '../../src/api/contract';
import { formatIndex, liftAxisMax, liftScale } from '../../renderer/src/scoring/lift-scale';

const attr = (attribute: ProfileAttribute['attribute'], label: string, value: string, indexVsAll: number, indexVsProspects: number | null = 100): ProfileAttribute => ({
  attribute,
  label,
  value,
  best: 5,
  all: 20,
  prospects: 30,
  indexVsAll,
  indexVsProspects,
});

describe('lift axis', () => {
  it.each([
    [[80, 120], 150],
    [[149.9], 150],
    [[150.1], 200],
    [[310], 400],
    [[510], 750],
    [[999], 1000],
    [[4200], 1000],
    [[], 150],
  ])('largest of %j → axis to %i', (indexes, max) => {
    expect(liftAxisMax(indexes)).toBe(max);
  });

  it('a lower cap wins over the nice step', () => {
    expect(liftAxisMax([900], 500)).toBe(500);
  });
});

describe('lift scale', () => {
  const profile = [
    attr('state', 'State', 'NV', 180),
    attr('title', 'Title', 'Purchasing Manager', 310, 250),
    attr('state', 'State', 'CA', 60),
    attr('emailType', 'E-mail', 'business', 140),
    attr('title', 'Title', 'Owner', 90),
    attr('state', 'State', 'TX', 120),
  ];

  it('groups by attribute label, strongest group first, each group strongest first', () => {
    const s = liftScale(profile);
    expect(s.groups.map((g) => g.label)).toEqual(['Title', 'State', 'E-mail']);
    expect(s.groups[1]!.bars.map((b) => b.value)).toEqual(['NV', 'TX', 'CA']);
    expect(s.bars).toBe(6);
  });

  it('lays every bar on one axis with 100 as the baseline', () => {
    const s = liftScale(profile);
    expect(s.max).toBe(400);
    expect(s.baseline).toBe(0.25);
    const pm = s.groups[0]!.bars[0]!;
    expect(pm.width).toBeCloseTo(310 / 400);
    expect(pm.above).toBe(true);
    const ca = s.groups[1]!.bars[2]!;
    expect(ca.above).toBe(false);
    expect(ca.width).toBeCloseTo(0.15);
    expect(s.ticks.map((t) => t.index)).toEqual([0, 100, 200, 300, 400]);
    expect(s.ticks.find((t) => t.index === 100)!.at).toBe(s.baseline);
  });

  it('an index of exactly 100 is not "above"', () => {
    expect(liftScale([attr('state', 'State', 'OH', 100)]).groups[0]!.bars[0]!.above).toBe(false);
  });

  it('says each bar in words', () => {
    expect(liftScale(profile).groups[0]!.bars[0]!.aria).toBe('Title Purchasing Manager: index 310');
    expect(liftScale([attr('zip3', 'ZIP3', '895', 212.6)]).groups[0]!.bars[0]!.aria).toBe('ZIP3 895: index 213');
  });

  it('keeps at most perGroup values of an attribute (the strongest)', () => {
    const many = Array.from({ length: 12 }, (_, i) => attr('zip3', 'ZIP3', String(100 + i), 100 + i * 10));
    const s = liftScale(many, { perGroup: 5 });
    expect(s.groups[0]!.bars.map((b) => b.value)).toEqual(['111', '110', '109', '108', '107']);
  });

  it('clips a bar beyond the cap to the full width and marks it', () => {
    const s = liftScale([attr('title', 'Title', 'CFO', 2400), attr('title', 'Title', 'Buyer', 300)]);
    expect(s.max).toBe(1000);
    expect(s.groups[0]!.bars[0]).toMatchObject({ width: 1, clipped: true });
    expect(s.groups[0]!.bars[1]).toMatchObject({ clipped: false });
    expect(s.groups[0]!.bars[1]!.width).toBeCloseTo(0.3);
  });

  it('drops values whose index is not a number, and an empty profile has no bars', () => {
    expect(liftScale([attr('state', 'State', 'NV', Number.NaN)]).bars).toBe(0);
    expect(liftScale([]).groups).toEqual([]);
  });

  it('formats an index, and null as a dash', () => {
    expect(formatIndex(309.6)).toBe('310');
    expect(formatIndex(null)).toBe('—');
  });
});
