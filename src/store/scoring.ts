// Scoring settings and the last score of every prospect.
import { scoreSettingsSchema, type ScoreSettings } from '../api/contract';
import { DEFAULT_SCORE_SETTINGS } from '../domain/score/flags';
import { batchWriter } from './batch-writer';
import type { Db } from './db';

const SETTINGS_KEY = 'score';

/** The project's scoring settings: the saved ones over the defaults (a part that no longer validates falls back). */
export function scoreSettings(db: Db): ScoreSettings {
  const raw = db.prepare(`SELECT value FROM project_settings WHERE key = ?`).pluck().get(SETTINGS_KEY) as string | undefined;
  if (!raw) return DEFAULT_SCORE_SETTINGS;
  const merged = { ...DEFAULT_SCORE_SETTINGS, ...(JSON.parse(raw) as Partial<ScoreSettings>) };
  const parsed = scoreSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SCORE_SETTINGS;
}

export function saveScoreSettings(db: Db, s: ScoreSettings): void {
  db.prepare(`INSERT INTO project_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(SETTINGS_KEY, JSON.stringify(s));
}

export interface StoredLead {
  recordId: number;
  fit: number;
  grade: string;
  engagement: number;
  salesReady: number;
  reasons: string;
  flags: string;
  scoredAt: string;
}

/** Record ids that were sales-ready at the last score. */
export function salesReadyIds(db: Db): Set<number> {
  return new Set(db.prepare(`SELECT record_id FROM lead_scores WHERE sales_ready = 1`).pluck().all() as number[]);
}

/** Replaces every lead score (call inside a transaction). */
export function leadWriter(db: Db): { clear: () => void; add: (l: StoredLead) => void; flush: () => void } {
  const w = batchWriter(db, 'lead_scores', ['record_id', 'fit', 'grade', 'engagement', 'sales_ready', 'reasons', 'flags', 'scored_at']);
  return {
    clear: () => db.prepare(`DELETE FROM lead_scores`).run(),
    add: (l) => w.add(l.recordId, l.fit, l.grade, l.engagement, l.salesReady, l.reasons, l.flags, l.scoredAt),
    flush: w.flush,
  };
}

const LEAD_COLUMNS = `record_id AS recordId, fit, grade, engagement, sales_ready AS salesReady, reasons, flags, scored_at AS scoredAt`;

/** A page of leads, best fit first: all, the sales-ready ones, or one grade. */
export function leadPage(db: Db, filter: { salesReadyOnly: boolean; grade?: string | undefined }, offset: number, limit: number): { total: number; leads: StoredLead[] } {
  if (filter.salesReadyOnly) {
    return {
      total: db.prepare(`SELECT count(*) FROM lead_scores WHERE sales_ready = 1`).pluck().get() as number,
      leads: db.prepare(`SELECT ${LEAD_COLUMNS} FROM lead_scores WHERE sales_ready = 1 ORDER BY fit DESC, record_id LIMIT ? OFFSET ?`).all(limit, offset) as StoredLead[],
    };
  }
  if (filter.grade) {
    return {
      total: db.prepare(`SELECT count(*) FROM lead_scores WHERE grade = ?`).pluck().get(filter.grade) as number,
      leads: db.prepare(`SELECT ${LEAD_COLUMNS} FROM lead_scores WHERE grade = ? ORDER BY fit DESC, record_id LIMIT ? OFFSET ?`).all(filter.grade, limit, offset) as StoredLead[],
    };
  }
  return {
    total: db.prepare(`SELECT count(*) FROM lead_scores`).pluck().get() as number,
    leads: db.prepare(`SELECT ${LEAD_COLUMNS} FROM lead_scores ORDER BY fit DESC, record_id LIMIT ? OFFSET ?`).all(limit, offset) as StoredLead[],
  };
}

export function lastScoredAt(db: Db): string | null {
  return (db.prepare(`SELECT max(scored_at) FROM lead_scores`).pluck().get() as string | null) ?? null;
}

/** Every sales-ready lead, best fit first, in batches (for the hand-off file). */
export function* salesReadyBatches(db: Db, batch = 2000): Generator<StoredLead[]> {
  for (let offset = 0; ; offset += batch) {
    const page = leadPage(db, { salesReadyOnly: true }, offset, batch).leads;
    if (page.length === 0) return;
    yield page;
  }
}

/** The last score of every scored record of a list (fit and grade), by record id. */
export function listScores(db: Db, fromId: number, toId: number): Map<number, { fit: number; grade: string }> {
  const rows = db.prepare(`SELECT record_id AS id, fit, grade FROM lead_scores WHERE record_id >= ? AND record_id <= ?`).all(fromId, toId) as { id: number; fit: number; grade: string }[];
  return new Map(rows.map((r) => [r.id, { fit: r.fit, grade: r.grade }]));
}
