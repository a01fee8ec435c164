// First-name nickname groups for matching (Bob ↔ Robert ↔ Bobby): the parsed table, pure lookups, and the one loader.

/**
 * The table as two indexes of lower-case names: `nicknames` maps a formal name to its nicknames (robert → bob, bobby…),
 * `formals` the reverse (bob → robert). Rows in the source say `name1,has_nickname,name2`.
 */
export interface NicknameTable {
  nicknames: ReadonlyMap<string, ReadonlySet<string>>;
  formals: ReadonlyMap<string, ReadonlySet<string>>;
}

export const EMPTY_NICKNAME_TABLE: NicknameTable = { nicknames: new Map(), formals: new Map() };

/** The form a first name is looked up by: NFC, lower-case, trimmed, periods and spaces dropped ("Bob." → "bob"). */
export function nicknameKey(name: string): string {
  return String(name ?? '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[.\s]+/g, '');
}

function add(m: Map<string, Set<string>>, k: string, v: string) {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
}

/** Parses the CSV text (header name1,relationship,name2; mixed CRLF/LF). Pure; lines that are not nickname rows are skipped. */
export function parseNicknameTable(csv: string): NicknameTable {
  const nicknames = new Map<string, Set<string>>();
  const formals = new Map<string, Set<string>>();
  for (const line of csv.split(/\r\n|\r|\n/)) {
    const [a, rel, b] = line.split(',').map((c) => nicknameKey(c ?? ''));
    if (!a || !b || a === b || rel !== 'has_nickname') continue;
    add(nicknames, a, b);
    add(formals, b, a);
  }
  return { nicknames, formals };
}

/**
 * Every first name that may stand for the same person as `name`: itself, its nicknames, the formal names it is a
 * nickname of, and the other nicknames of those formal names (Bobby → robert, bob, rob…). One hop only: following
 * chains would join unrelated names (the data lists Bill under both Robert and William). Sorted, lower-case.
 */
export function nicknameGroup(table: NicknameTable, name: string): string[] {
  const k = nicknameKey(name);
  if (!k) return [];
  const out = new Set<string>([k]);
  for (const n of table.nicknames.get(k) ?? []) out.add(n);
  for (const f of table.formals.get(k) ?? []) {
    out.add(f);
    for (const n of table.nicknames.get(f) ?? []) out.add(n);
  }
  return [...out].sort();
}

/** Why two first names may be the same person, or null when the table gives no reason. Symmetric and case-insensitive. */
export function nicknameMatch(table: NicknameTable, a: string, b: string): { reason: string } | null {
  const x = nicknameKey(a);
  const y = nicknameKey(b);
  if (!x || !y) return null;
  if (x === y) return { reason: 'same name' };
  if (table.nicknames.get(x)?.has(y)) return { reason: `${y} is a nickname of ${x}` };
  if (table.nicknames.get(y)?.has(x)) return { reason: `${x} is a nickname of ${y}` };
  for (const f of table.formals.get(x) ?? []) {
    if (table.nicknames.get(f)?.has(y)) return { reason: `both are nicknames of ${f}` };
  }
  return null;
}
