// Mapping presets repository: column mappings saved by name and found again by a file's header signature.
import type { ColumnMapping, MappingPreset } from '../api/contract';
import type { Db } from './db';

interface PresetRow {
  name: string;
  header: string;
  mapping: string;
  created_at: string;
}

function toPreset(r: PresetRow): MappingPreset {
  return { name: r.name, header: JSON.parse(r.header) as string[], mapping: JSON.parse(r.mapping) as ColumnMapping[], createdAt: r.created_at };
}

/** Saves (or replaces, by name regardless of case) a preset. */
export function savePreset(db: Db, p: { name: string; headerKey: string; header: string[]; mapping: ColumnMapping[] }, createdAt = new Date().toISOString()): void {
  db.prepare(`DELETE FROM mapping_presets WHERE name = ?`).run(p.name);
  db.prepare(`INSERT INTO mapping_presets (name, header_key, header, mapping, created_at) VALUES (?, ?, ?, ?, ?)`).run(
    p.name,
    p.headerKey,
    JSON.stringify(p.header),
    JSON.stringify(p.mapping),
    createdAt,
  );
}

export function allPresets(db: Db): MappingPreset[] {
  return (db.prepare(`SELECT name, header, mapping, created_at FROM mapping_presets ORDER BY name`).all() as PresetRow[]).map(toPreset);
}

export function getPreset(db: Db, name: string): MappingPreset | undefined {
  const r = db.prepare(`SELECT name, header, mapping, created_at FROM mapping_presets WHERE name = ?`).get(name) as PresetRow | undefined;
  return r && toPreset(r);
}

/** The newest preset made for this header signature, if any. */
export function presetForHeader(db: Db, headerKey: string): MappingPreset | undefined {
  const r = db
    .prepare(`SELECT name, header, mapping, created_at FROM mapping_presets WHERE header_key = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`)
    .get(headerKey) as PresetRow | undefined;
  return r && toPreset(r);
}

export function deletePreset(db: Db, name: string): boolean {
  return db.prepare(`DELETE FROM mapping_presets WHERE name = ?`).run(name).changes > 0;
}
