// Writes one entity as one row of a purchased list: the source's house style, plus realistic noise when the row is a duplicate.
import {
  CITIES,
  CITY_WORD_VARIANTS,
  COMPANY_SUFFIXES,
  DIRECTIONALS,
  FIRST_NAMES,
  NAME_SUFFIXES,
  ORDINAL_WORDS,
  PO_BOX_FORMS,
  SOURCES,
  STATES,
  STREET_SUFFIXES,
  TITLES,
  UNIT_KINDS,
} from './data';
import type { Entity, Street } from './entity';
import { hashKey, Rng, weightedKeys } from './prng';

export const COLUMNS = ['First Name', 'Last Name', 'Company', 'Title', 'Address', 'Address 2', 'City', 'State', 'Zip', 'Phone', 'Email', 'Source'] as const;

/** How one source writes its records: vendors differ systematically (one types ALL CAPS, one spells suffixes out…). */
export interface SourceStyle {
  upper: number;
  lower: number;
  /** Preferred forms: 0 = USPS abbreviation, 1 = spelled out, 2 = abbreviation with period. */
  suffixForm: number;
  phoneFormat: number;
  zip4: number;
  stateFull: number;
  unitInLine1: number;
  titleVariant: number;
  middleDot: boolean;
}

/** A company's own order system: tidy, consistent, unit on the street line. */
export const HOUSE_STYLE: SourceStyle = {
  upper: 0,
  lower: 0,
  suffixForm: 0,
  phoneFormat: 0,
  zip4: 0.15,
  stateFull: 0,
  unitInLine1: 1,
  titleVariant: 0,
  middleDot: false,
};

const styleCache = new Map<number, SourceStyle[]>();

function sourceStyles(seed: number): SourceStyle[] {
  let styles = styleCache.get(seed);
  if (!styles) {
    styles = SOURCES.map((_, i) => {
      const r = new Rng(hashKey(seed, 11, i));
      return {
        upper: r.chance(0.2) ? 0.9 : 0.02,
        lower: r.chance(0.1) ? 0.3 : 0.005,
        suffixForm: r.pick([0, 0, 0, 1, 2]),
        phoneFormat: r.int(PHONE_FORMATS.length),
        zip4: r.chance(0.5) ? 0.7 : 0.1,
        stateFull: r.chance(0.1) ? 0.4 : 0.01,
        unitInLine1: r.chance(0.3) ? 0.7 : 0.15,
        titleVariant: r.chance(0.5) ? 0.6 : 0.15,
        middleDot: r.chance(0.5),
      };
    });
    if (styleCache.size > 16) styleCache.clear();
    styleCache.set(seed, styles);
  }
  return styles;
}

const PHONE_FORMATS: readonly ((a: string, x: string, l: string) => string)[] = [
  (a, x, l) => `(${a}) ${x}-${l}`,
  (a, x, l) => `${a}-${x}-${l}`,
  (a, x, l) => `${a}.${x}.${l}`,
  (a, x, l) => `+1 ${a} ${x} ${l}`,
  (a, x, l) => `${a}${x}${l}`,
  (a, x, l) => `1-${a}-${x}-${l}`,
  (a, x, l) => `${a} ${x} ${l}`,
  (a, x, l) => `(${a})${x}-${l}`,
  (a, x, l) => `+1 (${a}) ${x}-${l}`,
];
const EXT_FORMS: readonly string[] = [' x', ' ext. ', ' Ext ', ' ext', ' EXT. ', ' #', ', ext. '];

/** Kinds of damage a duplicate row can carry; each duplicate gets one to four. */
type Noise =
  | 'nickname'
  | 'typo'
  | 'case'
  | 'swapNames'
  | 'middle'
  | 'nameSuffix'
  | 'unit'
  | 'zip'
  | 'phone'
  | 'email'
  | 'missing'
  | 'whitespace'
  | 'company'
  | 'accents'
  | 'title'
  | 'abbreviation';

const chooseNoise = weightedKeys<Noise>({
  nickname: 14,
  typo: 20,
  case: 7,
  swapNames: 2.5,
  middle: 8,
  nameSuffix: 2,
  unit: 7,
  zip: 8,
  phone: 9,
  email: 8,
  missing: 10,
  whitespace: 7,
  company: 9,
  accents: 3,
  title: 5,
  abbreviation: 9,
});

/**
 * The 12 cells of one row. variant 0 is the entity's original row; 1… are duplicates and carry noise.
 * `fixedStyle` replaces the per-source styles (the sample house file uses HOUSE_STYLE).
 */
export function renderRow(seed: number, e: Entity, variant: number, fixedStyle?: SourceStyle): string[] {
  const r = new Rng(hashKey(seed, 3, e.id, variant));
  const noise = new Set<Noise>();
  let source = e.source;
  if (variant > 0) {
    const n = 1 + (r.chance(0.55) ? 1 : 0) + (r.chance(0.3) ? 1 : 0) + (r.chance(0.1) ? 1 : 0);
    while (noise.size < n) noise.add(chooseNoise(r));
    // Most duplicates arrive from a different source than the original.
    if (r.chance(0.75)) source = r.int(SOURCES.length);
  }
  const style = fixedStyle ?? sourceStyles(seed)[source]!;
  const fn = FIRST_NAMES[e.first]!;

  // Names.
  let first = e.goesBy >= 0 ? fn.nicknames[e.goesBy]! : fn.name;
  if (noise.has('nickname')) {
    if (e.goesBy >= 0) first = fn.name;
    else if (fn.nicknames.length > 0) first = r.pick(fn.nicknames);
    else noise.add('typo');
    if (e.goesBy < 0 && fn.nicknames.length > 0 && r.chance(0.12)) first = `${fn.name} "${first}"`;
  }
  let showMiddle = e.showMiddle;
  let middleText = e.middle.slice(0, 1) + (style.middleDot ? '.' : '');
  if (noise.has('middle') && e.middle) {
    if (showMiddle && r.chance(0.3)) middleText = e.middle;
    else showMiddle = !showMiddle;
  } else if (noise.has('middle') && !e.middle) {
    noise.add('case');
  }
  if (showMiddle && e.middle) first = `${first} ${middleText}`;

  let last = e.last;
  if (e.nameSuffix >= 0) {
    const forms = NAME_SUFFIXES[e.nameSuffix]!;
    const drop = noise.has('nameSuffix') && r.chance(0.5);
    const form = noise.has('nameSuffix') ? r.pick(forms) : forms[0]!;
    if (!drop) last = r.chance(noise.has('nameSuffix') ? 0.4 : 0.1) ? `${last}, ${form}` : `${last} ${form}`;
  }

  // Company and title.
  let company = '';
  if (e.company) {
    const c = e.company;
    let core = c.core;
    let suffix = c.suffix >= 0 ? COMPANY_SUFFIXES[c.suffix]!.forms[0]! : '';
    if (noise.has('company')) {
      const k = r.next();
      if (c.suffix >= 0 && k < 0.45) suffix = r.pick(COMPANY_SUFFIXES[c.suffix]!.forms);
      else if (c.suffix >= 0 && k < 0.65) suffix = '';
      else if (core.includes('&')) core = core.replace('&', r.chance(0.7) ? 'and' : '&amp;');
      else if (core.includes(' and ')) core = core.replace(' and ', ' & ');
      else if (core.startsWith('The ')) core = core.slice(4);
      else core = core.toUpperCase();
    } else if (c.suffix >= 0 && r.chance(0.15)) {
      suffix = COMPANY_SUFFIXES[c.suffix]!.forms[1]!;
    }
    company = suffix === '' ? core : suffix.startsWith(',') ? core + suffix : `${core} ${suffix}`;
  }
  let title = '';
  if (e.title >= 0) {
    const forms = TITLES[e.title]!;
    title = noise.has('title') ? r.pick(forms.slice(1)) : r.chance(style.titleVariant) ? r.pick(forms) : forms[0]!;
  }

  // Address.
  const abbrNoise = noise.has('abbreviation');
  let address = '';
  let address2 = '';
  let unitText = '';
  if (e.unit) {
    const forms = UNIT_KINDS[e.unit.kind];
    const form = noise.has('unit') || abbrNoise ? r.pick(forms) : style.suffixForm === 1 ? forms[0] : forms[1];
    unitText = form === '#' ? `#${e.unit.id}` : `${form} ${e.unit.id}`;
  }
  if (e.poBox) {
    address = `${noise.has('abbreviation') ? r.pick(PO_BOX_FORMS) : PO_BOX_FORMS[source % 3]!} ${e.poBox}`;
  } else if (e.street) {
    address = streetLine(e.street, r, abbrNoise ? r.int(4) : style.suffixForm);
  }
  if (unitText && !e.poBox) {
    const inLine1 = noise.has('unit') ? r.chance(0.5) : r.chance(style.unitInLine1);
    if (inLine1) address = `${address}${r.chance(0.4) ? ',' : ''} ${unitText}`;
    else address2 = unitText;
  }
  if (e.attention && r.chance(0.7)) {
    // Spreadsheet users put the attention line under the suite with Alt+Enter: a line break inside the cell.
    address2 = address2 ? (r.chance(0.5) ? `${address2}\n${e.attention}` : `${address2}, ${e.attention}`) : e.attention;
  }

  const cityRec = CITIES[e.city]!;
  let city = cityRec.name;
  for (const variants of CITY_WORD_VARIANTS) {
    if (city.startsWith(variants[0]! + ' ') && (abbrNoise || r.chance(0.3))) city = r.pick(variants) + city.slice(variants[0]!.length);
  }
  let state = r.chance(style.stateFull) ? STATES[cityRec.state]! : cityRec.state;
  if (abbrNoise && r.chance(0.3)) state = state.length === 2 ? STATES[cityRec.state]! : cityRec.state;

  let zip = e.zip5;
  if (e.zip4 && r.chance(style.zip4)) zip = `${e.zip5}-${e.zip4}`;
  if (noise.has('zip')) {
    const k = r.next();
    if (k < 0.35) zip = zip.length > 5 ? e.zip5 : e.zip4 ? `${e.zip5}-${e.zip4}` : e.zip5;
    else if (k < 0.5 && e.zip4) zip = e.zip5 + e.zip4;
    else if (k < 0.8 && e.zip5.startsWith('0')) zip = zip.replace(/^0+/, ''); // a spreadsheet ate the leading zero
    else if (k < 0.9) zip = '';
    else zip = `${e.zip5}-${e.zip4 || '0000'}`;
  }

  // Phone.
  const p = e.phone;
  const fmt = noise.has('phone') || (!fixedStyle && r.chance(0.25)) ? r.int(PHONE_FORMATS.length) : style.phoneFormat;
  let phone = PHONE_FORMATS[fmt]!(p.area, p.exchange, p.line);
  if (p.ext && !(noise.has('phone') && r.chance(0.5))) phone += r.pick(EXT_FORMS) + p.ext;
  if (noise.has('phone') && r.chance(0.3)) phone = '';

  let email = e.email;
  if (noise.has('email') && email) {
    const k = r.next();
    if (k < 0.35) email = '';
    else if (k < 0.55) email = email.toUpperCase();
    else email = email.replace(/(^|[._])([a-z])/g, (_m, sep: string, ch: string) => sep + ch.toUpperCase()).replace(/@([a-z])/, (_m, ch: string) => '@' + ch.toUpperCase());
  }

  const cells = [first, last, company, title, address, address2, city, state, zip, phone, email, SOURCES[source]!.name];

  // Damage that cuts across fields.
  if (noise.has('typo')) {
    const targets = [0, 1, 1, 4, 6, 2].filter((i) => cells[i]!.length >= 4);
    if (targets.length > 0) {
      const i = r.pick(targets);
      cells[i] = typo(r, cells[i]!);
    }
  }
  if (noise.has('accents')) {
    const i = r.chance(0.5) ? 1 : 0;
    const v = cells[i]!;
    if (/[^\x20-\x7e]/.test(v)) cells[i] = r.chance(0.15) ? mojibake(v) : v.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    else if (v.includes("'")) cells[i] = v.replace("'", r.chance(0.5) ? '' : ' ');
    else cells[i] = v.toUpperCase();
  }
  if (noise.has('swapNames')) [cells[0], cells[1]] = [cells[1]!, cells[0]!];
  if (noise.has('missing')) {
    const blanks = [2, 3, 9, 10, 5, 6].filter((i) => cells[i] !== '');
    for (let k = 0, n = r.chance(0.3) ? 2 : 1; k < n && blanks.length > 0; k++) cells[blanks.splice(r.int(blanks.length), 1)[0]!] = '';
  }
  if (noise.has('whitespace')) {
    for (let k = 0, n = r.range(1, 3); k < n; k++) {
      const i = r.int(11);
      const v = cells[i]!;
      if (!v) continue;
      const w = r.next();
      if (w < 0.4) cells[i] = ` ${v}`;
      else if (w < 0.7) cells[i] = `${v}  `;
      else if (w < 0.9) cells[i] = v.replace(' ', '  ');
      else cells[i] = v.replace(' ', '\u00a0'); // pasted from a web page
    }
  }
  const caseRoll = r.next();
  if (noise.has('case')) {
    const k = r.next();
    if (k < 0.4) upperRow(cells);
    else if (k < 0.6) cells[1] = cells[1]!.toUpperCase();
    else for (let i = 0; i < 2; i++) cells[i] = cells[i]!.toLowerCase();
  } else if (caseRoll < style.upper) {
    upperRow(cells);
  } else if (caseRoll < style.upper + style.lower) {
    for (const i of [0, 1, 10]) cells[i] = cells[i]!.toLowerCase();
  }
  return cells;
}

function upperRow(cells: string[]): void {
  for (let i = 0; i < 11; i++) cells[i] = cells[i]!.toUpperCase();
}

function streetLine(s: Street, r: Rng, form: number): string {
  const parts = [s.number];
  const dir = (d: number) => DIRECTIONALS[d]![form === 1 ? 0 : form === 2 ? 2 : 1]!;
  if (s.preDir >= 0) parts.push(dir(s.preDir));
  if (s.ordinal) {
    const n = Number(s.name);
    parts.push(n <= 10 && (form === 1 || r.chance(0.2)) ? ORDINAL_WORDS[n]! : ordinal(n));
  } else {
    let name = s.name;
    if (name.startsWith('Saint ') && form !== 1) name = (form === 2 ? 'St. ' : 'St ') + name.slice(6);
    if (name === 'Martin Luther King Jr' && form === 3) name = r.pick(['MLK', 'M L King', 'Martin L King Jr', 'Martin Luther King']);
    parts.push(name);
  }
  if (s.suffix >= 0) {
    const sf = STREET_SUFFIXES[s.suffix]!;
    parts.push(form === 0 ? sf.abbr : form === 1 ? sf.full : form === 2 ? (sf.variants[0]!.endsWith('.') ? sf.variants[0]! : sf.abbr) : r.pick([sf.abbr, sf.full, ...sf.variants]));
  }
  if (s.postDir >= 0) parts.push(dir(s.postDir));
  return parts.join(' ');
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** Keys next to each other on a US keyboard, for believable substitutions. */
const KEY_NEIGHBORS: Readonly<Record<string, string>> = {
  a: 'qwsz', b: 'vghn', c: 'xdfv', d: 'serfcx', e: 'wsdr', f: 'drtgvc', g: 'ftyhbv', h: 'gyujnb', i: 'ujko', j: 'huikmn',
  k: 'jiolm', l: 'kop', m: 'njk', n: 'bhjm', o: 'iklp', p: 'ol', q: 'wa', r: 'edft', s: 'awedxz', t: 'rfgy', u: 'yhji',
  v: 'cfgb', w: 'qase', x: 'zsdc', y: 'tghu', z: 'asx',
};

/** One keyboard slip: swap two neighbours, drop a letter, hit the next key, or double a letter. */
export function typo(r: Rng, s: string): string {
  const letters: number[] = [];
  for (let i = 1; i < s.length; i++) if (/[A-Za-z]/.test(s[i]!)) letters.push(i);
  if (letters.length < 2) return s;
  const i = r.pick(letters);
  const k = r.next();
  if (k < 0.3 && i + 1 < s.length && /[A-Za-z]/.test(s[i + 1]!) && s[i] !== s[i + 1]) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  if (k < 0.55) return s.slice(0, i) + s.slice(i + 1);
  if (k < 0.85) {
    const ch = s[i]!;
    const near = KEY_NEIGHBORS[ch.toLowerCase()];
    if (!near) return s.slice(0, i) + s.slice(i + 1);
    const sub = near[r.int(near.length)]!;
    return s.slice(0, i) + (ch === ch.toUpperCase() ? sub.toUpperCase() : sub) + s.slice(i + 1);
  }
  return s.slice(0, i) + s[i] + s.slice(i);
}

/** UTF-8 text that was once read as Windows-1252 and saved again: "José" → "JosÃ©" (only for à–ÿ, which map cleanly). */
export function mojibake(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out += c >= 0xe0 && c <= 0xff ? 'Ã' + String.fromCharCode(0x80 + (c - 0xc0)) : ch;
  }
  return out;
}

