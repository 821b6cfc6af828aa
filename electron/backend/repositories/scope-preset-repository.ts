import type { PresetDuration, PresetFields, ScopePreset } from '../../../shared/authorization/scope-preset';
import type { Scope } from '../../../shared/authorization/scope';
import type { Db } from '../store/database';

interface Row {
  id: string;
  version: number;
  name: string;
  scope: string;
  duration: string;
  retired: number;
  created_at: string;
  created_by_name: string | null;
}

function toPreset(row: Row): ScopePreset {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    scope: JSON.parse(row.scope) as Scope,
    duration: JSON.parse(row.duration) as PresetDuration,
    retired: row.retired === 1,
    createdAt: row.created_at,
    createdByName: row.created_by_name ?? '',
  };
}

const select = `SELECT p.id, p.version, p.name, p.scope, p.duration, p.retired, p.created_at, s.display_name AS created_by_name
  FROM scope_presets p LEFT JOIN staff s ON s.id = p.created_by`;

/** The latest version of every preset, retired ones included, by name. */
export function latestPresets(db: Db): ScopePreset[] {
  return (
    db
      .prepare(`${select} WHERE p.version = (SELECT max(version) FROM scope_presets q WHERE q.id = p.id) ORDER BY p.name COLLATE NOCASE, p.id`)
      .all() as Row[]
  ).map(toPreset);
}

export function presetVersions(db: Db, id: string): ScopePreset[] {
  return (db.prepare(`${select} WHERE p.id = ? ORDER BY p.version`).all(id) as Row[]).map(toPreset);
}

export function latestPreset(db: Db, id: string): ScopePreset | undefined {
  return presetVersions(db, id).at(-1);
}

/** Adds a version; rows already there never change. */
export function insertPresetVersion(db: Db, preset: PresetFields & { id: string; version: number; retired: boolean; createdAt: string; createdBy: string }): void {
  db.prepare(
    'INSERT INTO scope_presets (id, version, name, scope, duration, retired, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(preset.id, preset.version, preset.name, JSON.stringify(preset.scope), JSON.stringify(preset.duration), preset.retired ? 1 : 0, preset.createdAt, preset.createdBy);
}
