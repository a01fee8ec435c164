// The true record of each synthetic person or business contact, made from (seed, entityId) alone so any entity can be rebuilt at random.
import {
  ATTENTION_LINES,
  CITIES,
  COMPANY_STEMS,
  COMPANY_SUFFIXES,
  FIRST_NAME_WEIGHTS,
  FIRST_NAMES,
  FREE_MAIL_DOMAINS,
  INDUSTRIES,
  MIDDLE_NAMES,
  NAME_SUFFIXES,
  SOURCES,
  STREET_NAMES,
  STREET_SUFFIXES,
  SURNAMES,
  TITLES,
  BARE_STREETS,
  DIRECTIONALS,
  type City,
  type UnitKind,
} from './data';
import { hashKey, Rng, Weighted } from './prng';

export interface Street {
  number: string;
  /** Index into DIRECTIONALS, or -1. */
  preDir: number;
  /** Street name without suffix (a number for ordinal streets: '5' renders as 5th/Fifth). */
  name: string;
  ordinal: boolean;
  /** Index into STREET_SUFFIXES, or -1 for none (Broadway). */
  suffix: number;
  postDir: number;
}

export interface Unit {
  kind: UnitKind;
  id: string;
}

export interface Company {
  /** The name without its legal suffix, e.g. "Blue Ridge Logistics" or "Smith & Jones". */
  core: string;
  /** Index into COMPANY_SUFFIXES, or -1. */
  suffix: number;
  /** Email/web domain. */
  domain: string;
}

export interface Entity {
  id: number;
  /** Index into FIRST_NAMES. */
  first: number;
  /** The nickname this person goes by in their own records (-1: the formal name). */
  goesBy: number;
  middle: string;
  showMiddle: boolean;
  last: string;
  /** Index into NAME_SUFFIXES, or -1. */
  nameSuffix: number;
  company: Company | null;
  /** Index into TITLES, or -1. */
  title: number;
  street: Street | null;
  poBox: string;
  unit: Unit | null;
  attention: string;
  city: number;
  zip5: string;
  zip4: string;
  phone: { area: string; exchange: string; line: string; ext: string };
  email: string;
  /** Index into SOURCES: where the original record came from. */
  source: number;
}

const firstNames = new Weighted(FIRST_NAME_WEIGHTS);
const surnames = new Weighted(SURNAMES.map((s) => s.weight));
const cities = new Weighted(CITIES.map((c) => c.weight));
const streetSuffixes = new Weighted(STREET_SUFFIXES.map((s) => s.weight));
const companySuffixes = new Weighted(COMPANY_SUFFIXES.map((s) => s.weight));
const industries = new Weighted(INDUSTRIES.map((s) => s.weight));
const sources = new Weighted(SOURCES.map((s) => s.weight));
const freeMail = new Weighted(FREE_MAIL_DOMAINS.map((d) => d.weight));
const maleNames = FIRST_NAMES.flatMap((n, i) => (n.sex === 'M' ? [i] : []));
const femaleNames = FIRST_NAMES.flatMap((n, i) => (n.sex === 'F' ? [i] : []));

/** Share of entities that are business contacts (company + title); the rest are consumers at home. */
const BUSINESS_SHARE = 0.55;
/** Share of entities that are a relative or colleague of the entity before them (same address): matching traps. */
const RELATIVE_SHARE = 0.03;

const STREAM_ENTITY = 1;
const STREAM_RELATIVE = 2;

/** The entity's true record. Entities next to each other are sometimes family members or colleagues (not duplicates). */
export function makeEntity(seed: number, id: number): Entity {
  if (isRelative(seed, id)) return makeRelative(seed, id);
  return makeCore(seed, id);
}

function relativeFlag(seed: number, id: number): boolean {
  return hashKey(seed, STREAM_RELATIVE, id) / 4294967296 < RELATIVE_SHARE;
}

/** A relative of id-1 only if id-1 is not itself one, so there is never a chain to rebuild. */
function isRelative(seed: number, id: number): boolean {
  return id > 1 && relativeFlag(seed, id) && !relativeFlag(seed, id - 1);
}

function makeCore(seed: number, id: number): Entity {
  const r = new Rng(hashKey(seed, STREAM_ENTITY, id));
  const first = firstNames.index(r);
  const fn = FIRST_NAMES[first]!;
  const goesBy = fn.nicknames.length > 0 && r.chance(0.12) ? r.int(fn.nicknames.length) : -1;
  const middle = r.chance(0.55) ? r.pick(MIDDLE_NAMES) : '';
  const last = SURNAMES[surnames.index(r)]!.name;
  const nameSuffix = fn.sex === 'M' && r.chance(0.03) ? r.int(NAME_SUFFIXES.length) : -1;
  const cityIdx = cities.index(r);
  const city = CITIES[cityIdx]!;
  const business = r.chance(BUSINESS_SHARE);
  const company = business ? makeCompany(r, last) : null;
  const title = business && r.chance(0.9) ? r.int(TITLES.length) : -1;

  const poBox = r.chance(business ? 0.03 : 0.05) ? String(r.chance(0.7) ? r.range(1, 9999) : r.range(10000, 99999)) : '';
  const street = makeStreet(r, business);
  let unit: Unit | null = null;
  if (business ? r.chance(0.45) : r.chance(0.22)) {
    unit = business ? businessUnit(r) : { kind: r.chance(0.85) ? 'apartment' : 'unit', id: apartmentId(r) };
  }
  const attention = business && r.chance(0.03) ? r.pick(ATTENTION_LINES) : '';

  const zip5 = r.pick(city.zips);
  const zip4 = r.chance(0.6) ? String(r.range(1, 9999)).padStart(4, '0') : '';
  const phone = makePhone(r, city, business);
  const email = r.chance(business ? 0.85 : 0.65) ? makeEmail(r, fn.name, goesBy >= 0 ? fn.nicknames[goesBy]! : fn.name, last, company) : '';
  return {
    id,
    first,
    goesBy,
    middle,
    showMiddle: middle !== '' && r.chance(0.4),
    last,
    nameSuffix,
    company,
    title,
    street,
    poBox,
    unit,
    attention,
    city: cityIdx,
    zip5,
    zip4,
    phone,
    email,
    source: sources.index(r),
  };
}

/** A different person at the same address as entity id-1: a spouse, a child (often a Jr), or a colleague. */
function makeRelative(seed: number, id: number): Entity {
  const base = makeCore(seed, id - 1);
  const own = makeCore(seed, id);
  const r = new Rng(hashKey(seed, STREAM_RELATIVE, id, 7));
  const baseName = FIRST_NAMES[base.first]!;
  if (base.company) {
    // A colleague: same company, address and switchboard; their own name, title, extension and mailbox.
    const domain = base.company.domain;
    const fn = FIRST_NAMES[own.first]!;
    return {
      ...own,
      company: base.company,
      street: base.street,
      poBox: base.poBox,
      unit: base.unit,
      attention: base.attention,
      city: base.city,
      zip5: base.zip5,
      zip4: base.zip4,
      phone: { ...base.phone, ext: String(r.range(100, 499)) },
      email: `${emailLocal(r, fn.name, own.last)}@${domain}`.toLowerCase(),
    };
  }
  // Family: same surname, address and home phone. A son with his father's first name is the classic trap (Jr/Sr).
  const junior = baseName.sex === 'M' && base.nameSuffix < 0 && r.chance(0.35);
  const pool = r.chance(0.5) ? maleNames : femaleNames;
  let first = junior ? base.first : pool[r.int(pool.length)]!;
  if (first === base.first && !junior) first = (first + 2) % FIRST_NAMES.length;
  const fn = FIRST_NAMES[first]!;
  return {
    ...own,
    first,
    goesBy: -1,
    last: base.last,
    nameSuffix: junior ? 0 : fn.sex === 'M' ? own.nameSuffix : -1,
    street: base.street,
    poBox: base.poBox,
    unit: base.unit,
    city: base.city,
    zip5: base.zip5,
    zip4: base.zip4,
    phone: r.chance(0.6) ? base.phone : own.phone,
    email: own.email ? makeEmail(r, fn.name, fn.name, base.last, null) : '',
  };
}

function makeStreet(r: Rng, business: boolean): Street {
  const number = String(business ? r.range(1, 40) * (r.chance(0.5) ? 100 : 10) + r.int(10) : houseNumber(r));
  const preDir = r.chance(0.12) ? r.int(DIRECTIONALS.length) : -1;
  const postDir = preDir < 0 && r.chance(0.04) ? r.int(4) : -1;
  const kind = r.next();
  if (kind < 0.14) {
    const n = r.chance(0.6) ? r.range(1, 10) : r.range(11, 125);
    return { number, preDir, name: String(n), ordinal: true, suffix: r.chance(0.6) ? 0 : 1, postDir };
  }
  if (kind < 0.16) return { number, preDir: -1, name: r.pick(BARE_STREETS), ordinal: false, suffix: -1, postDir: -1 };
  return { number, preDir, name: r.pick(STREET_NAMES), ordinal: false, suffix: streetSuffixes.index(r), postDir };
}

function houseNumber(r: Rng): number {
  const digits = r.next();
  if (digits < 0.08) return r.range(1, 99);
  if (digits < 0.45) return r.range(100, 999);
  if (digits < 0.9) return r.range(1000, 9999);
  return r.range(10000, 29999);
}

function businessUnit(r: Rng): Unit {
  const k = r.next();
  if (k < 0.75) return { kind: 'suite', id: String(r.range(1, 30) * 100 + (r.chance(0.5) ? 0 : r.range(1, 50))) };
  if (k < 0.88) return { kind: 'floor', id: String(r.range(2, 40)) };
  if (k < 0.95) return { kind: 'building', id: r.chance(0.5) ? String(r.range(1, 12)) : String.fromCharCode(65 + r.int(8)) };
  return { kind: 'room', id: String(r.range(100, 450)) };
}

function apartmentId(r: Rng): string {
  const k = r.next();
  if (k < 0.45) return String(r.range(1, 30)) + String.fromCharCode(65 + r.int(6));
  if (k < 0.85) return String(r.range(1, 25) * 100 + r.range(1, 20));
  return String.fromCharCode(65 + r.int(8));
}

function makeCompany(r: Rng, ownerSurname: string): Company {
  const industry = INDUSTRIES[industries.index(r)]!;
  const word = r.pick(industry.words);
  const style = r.next();
  let core: string;
  if (style < 0.22) core = `${ownerSurname} ${word}`;
  else if (style < 0.3) core = `${ownerSurname}'s ${word}`;
  else if (style < 0.38 && (industry.name === 'Legal' || industry.name === 'Accounting')) {
    core = `${ownerSurname} & ${SURNAMES[surnames.index(r)]!.name}`;
  } else if (style < 0.42) core = `The ${r.pick(COMPANY_STEMS)} ${word}`;
  else core = `${r.pick(COMPANY_STEMS)} ${word}`;
  const suffix = r.chance(0.75) ? companySuffixes.index(r) : -1;
  const slug = asciiFold(core.replace(/^The /, '').replace(/&/g, 'and'))
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
  const tld = r.chance(0.85) ? 'com' : r.pick(['net', 'biz', 'us', 'org']);
  return { core, suffix, domain: `${slug.slice(0, 24)}.${tld}` };
}

function makePhone(r: Rng, city: City, business: boolean): Entity['phone'] {
  const area = r.pick(city.areaCodes);
  // Exchanges never start with 0/1, and N11 exchanges are service codes.
  let exchange = r.range(200, 999);
  if (exchange % 100 === 11) exchange += 1;
  return { area, exchange: String(exchange), line: String(r.int(10000)).padStart(4, '0'), ext: business && r.chance(0.12) ? String(r.range(10, 999)) : '' };
}

const NON_ASCII = /[\u0080-\uffff]/;

/** "Müller" → "Muller" for email addresses and domains; most names are ASCII already, and normalize() is slow. */
function asciiFold(s: string): string {
  return NON_ASCII.test(s) ? s.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : s;
}

function emailLocal(r: Rng, first: string, last: string): string {
  const f = asciiFold(first).replace(/[^A-Za-z]/g, '');
  const l = asciiFold(last).replace(/[^A-Za-z]/g, '');
  const k = r.next();
  if (k < 0.35) return `${f}.${l}`;
  if (k < 0.6) return `${f[0] ?? ''}${l}`;
  if (k < 0.7) return `${f}${l[0] ?? ''}`;
  if (k < 0.8) return f;
  if (k < 0.9) return `${f}_${l}`;
  return `${f}${l}`;
}

function makeEmail(r: Rng, formal: string, usual: string, last: string, company: Company | null): string {
  if (company && r.chance(0.8)) return `${emailLocal(r, formal, last)}@${company.domain}`.toLowerCase();
  const domain = FREE_MAIL_DOMAINS[freeMail.index(r)]!.domain;
  let local = emailLocal(r, r.chance(0.7) ? formal : usual, last);
  if (r.chance(0.45)) local += String(r.chance(0.5) ? r.range(1, 99) : r.range(1950, 2005));
  return `${local}@${domain}`.toLowerCase();
}

export function entityCity(e: Entity): City {
  return CITIES[e.city]!;
}
