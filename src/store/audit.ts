// The audit's unit costs (print and postage per piece, the "recently mailed" window), kept in project_settings.
import { auditCostsSchema, type AuditCosts } from '../api/contract';
import { DEFAULT_AUDIT_COSTS } from '../domain/audit/audit';
import type { Db } from './db';

const SETTINGS_KEY = 'audit';

/** The saved unit costs over the defaults (a saved value that no longer validates falls back to the default). */
export function auditCosts(db: Db): AuditCosts {
  const raw = db.prepare(`SELECT value FROM project_settings WHERE key = ?`).pluck().get(SETTINGS_KEY) as string | undefined;
  if (!raw) return DEFAULT_AUDIT_COSTS;
  const parsed = auditCostsSchema.safeParse({ ...DEFAULT_AUDIT_COSTS, ...(JSON.parse(raw) as Partial<AuditCosts>) });
  return parsed.success ? parsed.data : DEFAULT_AUDIT_COSTS;
}

export function saveAuditCosts(db: Db, costs: AuditCosts): void {
  db.prepare(`INSERT INTO project_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(SETTINGS_KEY, JSON.stringify(costs));
}
