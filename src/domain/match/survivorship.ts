// Survivorship: the merged record of a cluster, field by field, each value taken from one member by a rule the user can
// see and change (source priority, most complete, most recent, longest) or by the user's own pick. Nothing is deleted:
// every value says which record it came from.
import { SURVIVOR_FIELDS, type SURVIVOR_RULES } from '../../api/contract';
import type { CleanedRecord } from '../clean-record';

/** Fields that survive as a unit (SURVIVOR_FIELDS): an address is taken whole from one record, never line 1 from one and the ZIP from another. */
export type SurvivorField = (typeof SURVIVOR_FIELDS)[number];
export type SurvivorRule = (typeof SURVIVOR_RULES)[number];

export const SURVIVOR_LABELS: Record<SurvivorField, string> = { name: 'Name', company: 'Company', title: 'Title', address: 'Address', email: 'E-mail', phone: 'Phone' };

const RULE_WORDS: Record<SurvivorRule, string> = {
  priority: 'from the list with the highest priority',
  complete: 'the most complete',
  recent: 'from the most recent list',
  longest: 'the longest',
};

/**
 * Default rules: a name and an address are best taken whole from the most complete record (middle initial, suffix,
 * unit, ZIP+4); a company from the trusted source; e-mail, phone and title change, so the newest list wins.
 */
export const DEFAULT_SURVIVORSHIP: Readonly<Record<SurvivorField, SurvivorRule>> = {
  name: 'complete',
  company: 'priority',
  title: 'recent',
  address: 'complete',
  email: 'recent',
  phone: 'recent',
};

export interface SurvivorMember {
  /** Rank of the member's list in source priority (0 = highest). */
  priority: number;
  /** When the member's list was imported (ISO), for "most recent". */
  importedAt: string;
  quality: number;
  clean: CleanedRecord;
}

export interface SurvivingValue {
  field: SurvivorField;
  label: string;
  /** The value as the merged record shows it ('' when no member has one). */
  value: string;
  /** Index of the member it came from, or -1. */
  from: number;
  rule: SurvivorRule | 'pick';
  /** "the most complete of 3 values", "your pick". */
  why: string;
}

/** A field's value of one member and how complete it is (filled parts). */
export function fieldValue(c: CleanedRecord, f: SurvivorField): { value: string; parts: number } {
  const join = (xs: string[]) => xs.filter((x) => x !== '').join(' ');
  switch (f) {
    case 'name': {
      const parts = [c.prefix, c.firstName, c.middleName, c.lastName, c.suffix];
      return { value: join(parts), parts: parts.filter(Boolean).length };
    }
    case 'company':
      return { value: c.company, parts: c.company ? 1 : 0 };
    case 'title':
      return { value: c.title, parts: c.title ? 1 : 0 };
    case 'address': {
      const last = join([c.city ? `${c.city},` : '', c.state, [c.zip5, c.zip4].filter(Boolean).join('-')]);
      const parts = [c.address1, c.address2, c.city, c.state, c.zip5, c.zip4];
      return { value: [c.address1, c.address2, last].filter(Boolean).join(', '), parts: parts.filter(Boolean).length + (c.mailable ? 2 : 0) };
    }
    case 'email':
      return { value: c.email, parts: c.email ? (c.emailable ? 2 : 1) : 0 };
    case 'phone':
      return { value: c.phone, parts: c.phone ? (c.callable ? 2 : 1) : 0 };
  }
}

/**
 * The merged record. Ties always fall back to source priority, then quality, then member order, so the result is the
 * same every time. `picks` maps a field to the member the user chose.
 */
export function survive(members: readonly SurvivorMember[], rules: Readonly<Record<SurvivorField, SurvivorRule>>, picks: Partial<Record<SurvivorField, number>> = {}): SurvivingValue[] {
  const byPriority = (a: number, b: number) => members[a]!.priority - members[b]!.priority || members[b]!.quality - members[a]!.quality || a - b;
  return SURVIVOR_FIELDS.map((field) => {
    const values = members.map((m) => fieldValue(m.clean, field));
    const having = members.map((_, i) => i).filter((i) => values[i]!.value !== '');
    const pick = picks[field];
    if (pick !== undefined && pick >= 0 && pick < members.length) {
      return { field, label: SURVIVOR_LABELS[field], value: values[pick]!.value, from: pick, rule: 'pick', why: 'your pick' };
    }
    const rule = rules[field];
    if (having.length === 0) return { field, label: SURVIVOR_LABELS[field], value: '', from: -1, rule, why: 'no record has one' };
    const order = [...having].sort((a, b) => {
      switch (rule) {
        case 'complete':
          return values[b]!.parts - values[a]!.parts || byPriority(a, b);
        case 'recent':
          return members[b]!.importedAt.localeCompare(members[a]!.importedAt) || byPriority(a, b);
        case 'longest':
          return values[b]!.value.length - values[a]!.value.length || byPriority(a, b);
        case 'priority':
          return byPriority(a, b);
      }
    });
    const from = order[0]!;
    const distinct = new Set(having.map((i) => values[i]!.value.toLowerCase())).size;
    const why = distinct === 1 ? (having.length === 1 ? 'the only value' : 'every record agrees') : `${RULE_WORDS[rule]} of ${distinct} values`;
    return { field, label: SURVIVOR_LABELS[field], value: values[from]!.value, from, rule, why };
  });
}
