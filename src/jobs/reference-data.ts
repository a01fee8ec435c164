// Loads the bundled reference data (ZIP table, nicknames, email domain lists) from resources/, once per folder.
// The parsers and every lookup are pure functions in src/domain; this is the only place that reads those files.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseUsMap, type UsMap } from '../domain/audit/us-map';
import { parseDomainList, type EmailLists } from '../domain/email-data';
import { parseNicknameTable, type NicknameTable } from '../domain/nicknames';
import { parseZipTable, type ZipTable } from '../domain/zip-data';

const cache = new Map<string, unknown>();

function once<T>(key: string, load: () => T): T {
  if (!cache.has(key)) cache.set(key, load());
  return cache.get(key) as T;
}

/** resources/zip/us-zips.csv: ZIP → preferred city, state, centroid. */
export function loadZipTable(resourcesDir: string): ZipTable {
  const file = path.join(resourcesDir, 'zip', 'us-zips.csv');
  return once(file, () => parseZipTable(readFileSync(file, 'utf8')));
}

/** resources/nicknames/names.csv: given names and their nicknames, for matching only. */
export function loadNicknameTable(resourcesDir: string): NicknameTable {
  const file = path.join(resourcesDir, 'nicknames', 'names.csv');
  return once(file, () => parseNicknameTable(readFileSync(file, 'utf8')));
}

/** resources/email/: disposable and free-mail domain lists. */
export function loadEmailLists(resourcesDir: string): EmailLists {
  const dir = path.join(resourcesDir, 'email');
  return once(dir, () => ({
    disposable: parseDomainList(readFileSync(path.join(dir, 'disposable-domains.txt'), 'utf8')),
    freeMail: parseDomainList(readFileSync(path.join(dir, 'free-mail-domains.txt'), 'utf8')),
  }));
}

/** resources/map/us-map.json: state outlines and ZIP3 centres for the audit report's map (null when the file is absent). */
export function loadUsMap(resourcesDir: string): UsMap | null {
  const file = path.join(resourcesDir, 'map', 'us-map.json');
  return once(file, () => (existsSync(file) ? parseUsMap(readFileSync(file, 'utf8')) : null));
}
