// Recency, frequency and monetary value of house customers: cut points (quintiles unless the user sets them), 1-5
// scores, named segments, and which customers are "best".
import type { ScoreSettings } from '../../api/contract';
import { parseDay, parseNumber } from './features';

export interface CustomerHistory {
  /** Day number (days since 1970) of the last order, or null. */
  lastOrder: number | null;
  orders: number | null;
  monetary: number | null;
}

/** A customer's history from canonical values: last_order_date, orders, amount (else revenue: lifetime value). */
export function historyOf(v: { last_order_date?: string; orders?: string; amount?: string; revenue?: string }): CustomerHistory {
  const day = v.last_order_date ? parseDay(v.last_order_date) : NaN;
  const orders = v.orders ? parseNumber(v.orders) : NaN;
  const money = v.amount ? parseNumber(v.amount) : v.revenue ? parseNumber(v.revenue) : NaN;
  return { lastOrder: Number.isFinite(day) ? day : null, orders: Number.isFinite(orders) ? orders : null, monetary: Number.isFinite(money) ? money : null };
}

/** Four cut points splitting the values in five equal parts (quintiles), ascending. */
export function quintiles(values: readonly number[]): number[] {
  if (values.length === 0) return [0, 0, 0, 0];
  const s = Float64Array.from(values).sort();
  return [1, 2, 3, 4].map((q) => s[Math.min(s.length - 1, Math.floor((q * s.length) / 5))]!);
}

/** Score 1-5 of a value against ascending cut points: above the k-th cut point scores k + 1. For recency, fewer days is better. */
export function scoreOf(value: number, cuts: readonly number[], lowerIsBetter = false): number {
  let k = 0;
  while (k < cuts.length && value > cuts[k]!) k++;
  return lowerIsBetter ? 5 - k : k + 1;
}

export interface Rfm {
  r: number;
  f: number;
  m: number;
}

export interface RfmModel {
  asOf: number | null;
  cuts: { recencyDays: number[]; frequency: number[]; monetary: number[] };
  bestMin: number;
}

/** Cut points from the customers' histories, or the user's. Recency counts back from the newest order in the file. */
export function rfmModel(histories: readonly CustomerHistory[], settings: ScoreSettings['rfm']): RfmModel {
  const days = histories.map((h) => h.lastOrder).filter((d): d is number => d !== null);
  const asOf = days.length > 0 ? Math.max(...days) : null;
  return {
    asOf,
    cuts: {
      recencyDays: settings.recencyDays ?? quintiles(asOf === null ? [] : days.map((d) => asOf - d)),
      frequency: settings.frequency ?? quintiles(histories.map((h) => h.orders).filter((x): x is number => x !== null)),
      monetary: settings.monetary ?? quintiles(histories.map((h) => h.monetary).filter((x): x is number => x !== null)),
    },
    bestMin: settings.bestMin,
  };
}

/** A customer's scores; a part with no data scores 3 (neither good nor bad). */
export function rfmOf(h: CustomerHistory, model: RfmModel): Rfm {
  return {
    r: h.lastOrder === null || model.asOf === null ? 3 : scoreOf(model.asOf - h.lastOrder, model.cuts.recencyDays, true),
    f: h.orders === null ? 3 : scoreOf(h.orders, model.cuts.frequency),
    m: h.monetary === null ? 3 : scoreOf(h.monetary, model.cuts.monetary),
  };
}

export const isBest = (s: Rfm, model: RfmModel) => s.r + s.f + s.m >= model.bestMin;

/** Named segments, first match wins (the service-bureau names most marketers know). */
export const SEGMENTS: readonly { name: string; rule: string; test: (s: Rfm) => boolean }[] = [
  { name: 'Champions', rule: 'R ≥ 4, F ≥ 4, M ≥ 4', test: (s) => s.r >= 4 && s.f >= 4 && s.m >= 4 },
  { name: 'Loyal', rule: 'F ≥ 4', test: (s) => s.f >= 4 },
  { name: 'Big spenders', rule: 'M ≥ 4', test: (s) => s.m >= 4 },
  { name: 'New', rule: 'R ≥ 4, F ≤ 2', test: (s) => s.r >= 4 && s.f <= 2 },
  { name: 'At risk', rule: 'R ≤ 2, F ≥ 3', test: (s) => s.r <= 2 && s.f >= 3 },
  { name: 'Lapsed', rule: 'R ≤ 2', test: (s) => s.r <= 2 },
  { name: 'Others', rule: 'the rest', test: () => true },
];

export function segmentOf(s: Rfm): string {
  return SEGMENTS.find((x) => x.test(s))!.name;
}
