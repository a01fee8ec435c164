// Proves the cased-cells path of parseNameFields (suffixes, accents, spaces, nicknames, two given names) changes no output.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRows } from '../../../bench/normalize-bench';
import { parseNameFields, parseNameFieldsGeneral, type NameFields } from '../../../src/domain/names';

function same(fields: NameFields): void {
  expect(parseNameFields(fields)).toEqual(parseNameFieldsGeneral(fields));
}

/** Given and family names as lists carry them, accented ones in both NFC and decomposed form. */
const NAMES = ['john', 'Mary', 'SMITH', 'José', 'JOSÉ', 'josé', 'Jose\u0301', 'Peña', 'PEÑA', 'Núñez', 'Zoë', 'Renée', 'Chloé', 'Ávila', 'François', 'Strauß', 'STRAUß',
  'Łukasz', 'Dvořák', 'DVOŘÁK', 'ÿves', 'Jesús', 'García-López', 'smith-jones', 'MARY-ANN', "O'Brien", "o'brien", "D'ANGELO", "O'brien", 'McDonald', 'MACDONALD',
  'mckay', 'deShawn', 'DeLuca', 'Ng', 'Wei', 'Ii-Iv', 'A-b', 'Jr-Smith', 'Smith-Co'];
/** Particles, suffixes, titles, placeholders, company and couple words: every special branch of the parser. */
const SPECIAL = ['al', 'Al', 'AL', 'Di', 'le', 'Le', 'VAN', 'de', 'La', 'Del', 'do', 'Do', 'St', 'St.', 'San', 'y', 'Y', 'jr', 'Jr', 'JR.', 'Jr.', 'sr', 'Sr.', 'ii', 'III', 'iv',
  'Iv', 'v', 'V.', 'md', 'PhD', 'phd', 'Esq', 'esq.', 'CPA', 'DDS', 'dmd', 'Ma', 'pe', 'mr', 'Dr.', 'Miss', 'judge', 'sister', 'na', 'none', 'test', 'x', 'X.', 'inc', 'LLC',
  'co', 'Company', 'church', 'Law', 'bank', 'and', 'AND', '&', '+', 'or', 'the', 'of', 'dba', 'attn', 'Attn:', 'c/o', 'estate', 'family', 'sons', 'associates', 'son'];
/** Accented words hiding an ASCII word the parser's boundary patterns see, and letters that case or fold to ASCII. */
const NASTY = ['Ñand', 'Coño', 'Attné', 'Ádba', 'Éor', 'Sonñ', 'Ñco', 'Eſtate', 'İvan', 'ıvan', 'ŉa', 'Kelvin\u212A', 'Ⅸ', 'ﬁne', '\u00B5u', 'Ǆa', 'ǅo', 'Éé', 'ÉÉ', 'éé'];
const PUNCT = ['"Bob"', '"bob"', '"BOB"', '"Bo-Bo"', '"O\'Neil"', '"Retired"', '"son"', '"Al"', '"Jr"', '(Bob)', "'Bob'", '"', '.', ',', '-', "'", '123', '#4', '2nd',
  'A', 'a', 'A.', 'b.', 'Z', 'É', 'É.', 'j.r.', '\t', '\u00A0', '\u200B'];

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.constantFrom(...PUNCT) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-zÀ-ÿĀ-ž'-]{1,7}$/) },
);
const sep = fc.constantFrom(' ', ' ', ' ', '  ', ', ', ',', ' , ');
/** A cell of one to four pieces, with the separators and stray spaces lists have. */
const cell = fc
  .tuple(fc.array(fc.tuple(piece, sep), { minLength: 1, maxLength: 4 }), fc.constantFrom('', ' ', '  '), fc.constantFrom('', ' ', '  ', ','))
  .map(([parts, lead, trail]) => lead + parts.map(([p, s], i) => (i === 0 ? p : s + p)).join('') + trail);

/** The shapes the cased-cells path takes, built to hit it often: Given ["Nick"] [Given] [I] | Word [Word] [I] [Suffix]. */
const given = fc.constantFrom(...NAMES, 'Al', 'DI', 'le', 'Van');
const initial = fc.tuple(fc.constantFrom(...'ABJMVXYvxyé'), fc.constantFrom('', '.')).map(([c, d]) => c + d);
const suffix = fc.constantFrom('Jr', 'JR', 'jr.', 'Sr', 'SR.', 'II', 'iii', 'IV', 'iv', 'MD', 'phd', 'PhD', 'Esq', 'ESQ.', 'cpa', 'DDS', 'V', 'do', 'Ma', '2nd');
const opt = <T,>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const firstCell = fc
  .tuple(given, opt(fc.constantFrom('"Bob"', '"bo"', '"LINDY"', '"Al"', '"Retired"', '"Bo-Bo"')), opt(given), opt(initial), fc.constantFrom(' ', '  '), fc.constantFrom('', ' '))
  .map(([g, n, g2, i, s, pad]) => pad + [g, n, g2, i].filter((x) => x !== undefined).join(s) + pad);
const lastCell = fc
  .tuple(given, opt(given), opt(initial), opt(suffix), fc.constantFrom(' ', ', ', ','), fc.constantFrom('', '  '))
  .map(([w, w2, i, sx, s, pad]) => [w, w2, i].filter((x) => x !== undefined).join(' ') + (sx === undefined ? '' : s + sx) + pad);

describe('parseNameFields cased-cells path', () => {
  it('equals the full parse on the shapes it takes', () => {
    fc.assert(fc.property(firstCell, lastCell, (first, last) => {
      same({ first, last });
    }), { numRuns: 30_000 });
  });

  it('equals the full parse on cells of special words, accents, punctuation and nasty letters', () => {
    fc.assert(fc.property(cell, cell, (first, last) => {
      same({ first, last });
    }), { numRuns: 30_000 });
  });

  it('equals the full parse on random text and with other columns present', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: fc.constantFrom(...'aZé ,."\'-&Vy\u0301ſı'), maxLength: 14 }));
    fc.assert(
      fc.property(fc.oneof(text, firstCell), fc.oneof(text, lastCell), fc.constantFrom(undefined, null, '', 'x', 'Jr'), (first, last, other) => {
        same({ first, last });
        same({ first, last, middle: other });
        same({ first, last, suffix: other, full: other });
      }),
      { numRuns: 20_000 },
    );
  });

  it('equals the full parse on generated list rows', () => {
    for (const seed of [21, 22]) for (const r of generateRows(20_000, seed)) same({ first: r[0], last: r[1] });
  });

  it('reads the common shapes as before', () => {
    const cases: [string, string, Partial<Record<'first' | 'middle' | 'last' | 'suffix' | 'nickname', string>>][] = [
      ['Dan', 'Bennett II', { first: 'Dan', last: 'Bennett', suffix: 'II' }],
      ['RAY', 'VARGAS JR', { first: 'Ray', last: 'Vargas', suffix: 'Jr.' }],
      ['ABE', 'THOMAS, IV', { first: 'Abe', last: 'Thomas', suffix: 'IV' }],
      ['JOSÉ', 'SANTIAGO', { first: 'José', last: 'Santiago' }],
      ['Emma U', 'Núñez', { first: 'Emma', middle: 'U', last: 'Núñez' }],
      [' Charles W', 'Gutierrez  ', { first: 'Charles', middle: 'W', last: 'Gutierrez' }],
      ['Evelyn "Evie"', 'Garcia', { first: 'Evelyn', last: 'Garcia', nickname: 'Evie' }],
      ['William Wayne', 'Hill', { first: 'William', middle: 'Wayne', last: 'Hill' }],
      ['Ronald V.', 'Wright Sr', { first: 'Ronald', middle: '', last: 'Wright', suffix: 'Sr. V' }],
      ['White', 'Sandra A.', { first: 'White', last: 'Sandra A.' }],
      ['Al', 'Perez', { first: 'Al', last: 'Perez' }],
    ];
    for (const [first, last, want] of cases) {
      expect(parseNameFields({ first, last })).toMatchObject({ ...want, kind: 'person', issues: [] });
      same({ first, last });
    }
  });
});
