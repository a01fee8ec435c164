// Proves that person names from real mailing lists split, case and classify correctly, and that the normalizers are stable on any input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatName, looksLikeCompany, looksLikePerson, parseNameFields, parsePersonName, properCaseName, type ParsedName } from '../../../src/domain/names';

/** "prefix|first|middle|last|suffix", with " + " before a couple's second person. */
const parts = (p: ParsedName): string =>
  `${[p.prefix, p.first, p.middle, p.last, p.suffix].join('|')}${p.second ? ' + ' + parts(p.second) : ''}`;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (s: string) => !LONE_SURROGATE.test(s) && s === s.normalize('NFC');

describe('parsePersonName splits real-world names', () => {
  it.each([
    // order: Last, First
    ['SMITH, JOHN A JR', '|John|A|Smith|Jr.'],
    ['smith, john a jr', '|John|A|Smith|Jr.'],
    ['Smith, John', '|John||Smith|'],
    ['SMITH,JOHN', '|John||Smith|'],
    ['Smith , John Q.', '|John|Q.|Smith|'],
    ['Smith Jr., John', '|John||Smith|Jr.'],
    ['SMITH, JOHN A, JR', '|John|A|Smith|Jr.'],
    ['Smith, Dr. John', 'Dr.|John||Smith|'],
    ["o'brien, patrick", "|Patrick||O'Brien|"],
    ['VAN DER BERG, JAN', '|Jan||Van der Berg|'],
    ['de la Cruz, Maria', '|Maria||de la Cruz|'],
    ['Müller, José', '|José||Müller|'],
    ['Garcia-Lopez, Ana Maria', '|Ana|Maria|Garcia-Lopez|'],
    // order: First Last
    ['JOHN SMITH', '|John||Smith|'],
    ['john smith', '|John||Smith|'],
    ['John Smith', '|John||Smith|'],
    ['John SMITH', '|John||Smith|'],
    ['JOHN A SMITH', '|John|A|Smith|'],
    ['John Quincy Adams', '|John|Quincy|Adams|'],
    ['  John    Smith  ', '|John||Smith|'],
    ['John\tSmith', '|John||Smith|'],
    // titles
    ["Dr. Mary-Ann O'Neil", "Dr.|Mary-Ann||O'Neil|"],
    ['DR MARY ANN ONEIL', 'Dr.|Mary|Ann|Oneil|'],
    ['Mr. John Smith', 'Mr.|John||Smith|'],
    ['MRS JANE DOE', 'Mrs.|Jane||Doe|'],
    ['Ms Jane Doe', 'Ms.|Jane||Doe|'],
    ['Miss Jane Doe', 'Miss|Jane||Doe|'],
    ['Prof. Alan Turing', 'Prof.|Alan||Turing|'],
    ['Rev. Dr. Martin Luther King Jr.', 'Rev. Dr.|Martin|Luther|King|Jr.'],
    ['Hon. Sonia Sotomayor', 'Hon.|Sonia||Sotomayor|'],
    ['Capt. James T. Kirk', 'Capt.|James|T.|Kirk|'],
    ['Mr. Smith', 'Mr.||||Smith|'.replace('||||', '|||')],
    ['Judge Judy Sheindlin', 'Judge|Judy||Sheindlin|'],
    ['Sister Mary Joseph', 'Sister|Mary||Joseph|'],
    // suffixes
    ['John Smith Jr', '|John||Smith|Jr.'],
    ['John Smith, Jr.', '|John||Smith|Jr.'],
    ['JOHN SMITH SR', '|John||Smith|Sr.'],
    ['John Q. Public III', '|John|Q.|Public|III'],
    ['JOHN Q PUBLIC IV', '|John|Q|Public|IV'],
    ['John Smith II', '|John||Smith|II'],
    ['John Smith, MD', '|John||Smith|MD'],
    ['John Smith, MD, PhD', '|John||Smith|MD PhD'],
    ['Jane Doe PH.D.', '|Jane||Doe|PhD'],
    ['Dr. John Smith DDS', 'Dr.|John||Smith|DDS'],
    ['Saul Goodman, Esq.', '|Saul||Goodman|Esq.'],
    ['Jane Roe CPA', '|Jane||Roe|CPA'],
    ['John Smith 3rd', '|John||Smith|3rd'],
    // particles
    ['LUDWIG VAN BEETHOVEN', '|Ludwig||van Beethoven|'],
    ['Ludwig van Beethoven', '|Ludwig||van Beethoven|'],
    ['Jan van der Berg', '|Jan||van der Berg|'],
    ['MARIA DE LA CRUZ', '|Maria||de la Cruz|'],
    ['Wernher von Braun', '|Wernher||von Braun|'],
    ['Leonardo da Vinci', '|Leonardo||da Vinci|'],
    ['Robert De Niro', '|Robert||De Niro|'],
    ['Anna del Rio', '|Anna||del Rio|'],
    ['Lucia di Lammermoor', '|Lucia||di Lammermoor|'],
    ['Mary St. John', '|Mary||St. John|'],
    ['MARY ST JOHN', '|Mary||St John|'],
    ['Jean le Carre', '|Jean||le Carre|'],
    ['John Le', '|John||Le|'],
    ['Gabriel Garcia y Marquez', '|Gabriel|Garcia|y Marquez|'],
    // hyphens and apostrophes
    ['Jean-Luc Picard', '|Jean-Luc||Picard|'],
    ['JEAN-LUC PICARD', '|Jean-Luc||Picard|'],
    ['Ann Smith-Jones', '|Ann||Smith-Jones|'],
    ["PATRICK O'BRIEN", "|Patrick||O'Brien|"],
    ["patrick o’brien", "|Patrick||O'Brien|"],
    ["Tony D'ANGELO", "|Tony||D'Angelo|"],
    ["Shaquille O'Neal", "|Shaquille||O'Neal|"],
    // Mc / Mac / camel
    ['RONALD MCDONALD', '|Ronald||McDonald|'],
    ['douglas macarthur', '|Douglas||MacArthur|'],
    ['CONNIE MACK', '|Connie||Mack|'],
    ['MANNY MACHADO', '|Manny||Machado|'],
    ['DANNY DEVITO', '|Danny||DeVito|'],
    ['Danny Devito', '|Danny||Devito|'],
    ['DeShawn Jackson', '|DeShawn||Jackson|'],
    ['Hugo deVries', '|Hugo||deVries|'],
    ['LeBron James', '|LeBron||James|'],
    // initials
    ['J. R. R. Tolkien', '|J.|R. R.|Tolkien|'],
    ['J.R.R. TOLKIEN', '|J.R.R.||Tolkien|'],
    ['J Smith', '|J||Smith|'],
    ['John F. Kennedy', '|John|F.|Kennedy|'],
    ['T. Boone Pickens', '|T.|Boone|Pickens|'],
    // nicknames
    ['Robert "Bob" Smith', '|Robert||Smith|'],
    ['Robert (Bob) Jones', '|Robert||Jones|'],
    ["William 'Bill' Gates", '|William||Gates|'],
    ['ROBERT “BOBBY” KENNEDY', '|Robert||Kennedy|'],
    // non-ASCII
    ['José Müller', '|José||Müller|'],
    ['JOSÉ MÜLLER', '|José||Müller|'],
    ['zoë saldaña', '|Zoë||Saldaña|'],
    ['François Hollande', '|François||Hollande|'],
    ['Søren Kierkegaard', '|Søren||Kierkegaard|'],
    ['José Garcia (decomposed)'.normalize('NFD').replace(' (decomposed)', ''), '|José||Garcia|'],
    ['Nguyễn Văn An', '|Nguyễn|Văn|An|'],
    // couples
    ['John & Jane Doe', '|John||Doe| + |Jane||Doe|'],
    ['JOHN AND JANE DOE', '|John||Doe| + |Jane||Doe|'],
    ['Mr. and Mrs. John Smith', 'Mr.|John||Smith| + Mrs.|||Smith|'],
    ['MR & MRS JOHN SMITH', 'Mr.|John||Smith| + Mrs.|||Smith|'],
    ['John Smith and Jane Doe', '|John||Smith| + |Jane||Doe|'],
    ['Smith, John & Jane', '|John||Smith| + |Jane||Smith|'],
    ['John A. & Mary B. Smith', '|John|A.|Smith| + |Mary|B.|Smith|'],
    ['Dr. John + Dr. Jane Doe', 'Dr.|John||Doe| + Dr.|Jane||Doe|'],
    // mailing-line noise around a name
    ['Attn: John Smith', '|John||Smith|'],
    ['ATTN JANE DOE', '|Jane||Doe|'],
    ['c/o John Smith', '|John||Smith|'],
    ['Estate of John Smith', '|John||Smith|'],
    ['John Smith (deceased)', '|John||Smith|'],
    ['JOHN DOE 123', '|John||Doe|'],
    ['#4471 MARY JONES', '|Mary||Jones|'],
    ['The Smith Family', '|||Smith|'],
    ['Dr. and Mrs. John Smith', 'Dr.|John||Smith| + Mrs.|||Smith|'],
    ['MR JOHN SMITH & MS JANE DOE', 'Mr.|John||Smith| + Ms.|Jane||Doe|'],
    ['John Smith Jr and Jane Smith', '|John||Smith|Jr. + |Jane||Smith|'],
    ['ROBERT E. LEE, JR.', '|Robert|E.|Lee|Jr.'],
    ['Smith, J.', '|J.||Smith|'],
    ['Mr. John Smith, Sr.', 'Mr.|John||Smith|Sr.'],
    ['Ms. Jane Doe-Smith', 'Ms.|Jane||Doe-Smith|'],
    ['Mohammed bin Salman', '|Mohammed||bin Salman|'],
    ['Maria Garcia de Lopez', '|Maria|Garcia|de Lopez|'],
    ['dr john smith phd', 'Dr.|John||Smith|PhD'],
    ['Smith, Mary, PA', '|Mary||Smith|PA'],
    // single words
    ['Cher', '|Cher|||'],
    ['SMITH', '|Smith|||'],
  ])('%s → %s', (raw, want) => {
    const p = parsePersonName(raw);
    expect(parts(p)).toBe(want);
    expect(['person', 'couple']).toContain(p.kind);
  });

  it.each([
    ['Robert "Bob" Smith', 'Bob'],
    ['Robert (Bob) Jones', 'Bob'],
    ["William 'Bill' Gates", 'Bill'],
    ['ROBERT “BOBBY” KENNEDY', 'Bobby'],
    ['Elizabeth ("Liz") Taylor', 'Liz'],
  ])('keeps the nickname of %s as %s', (raw, nick) => {
    expect(parsePersonName(raw).nickname).toBe(nick);
  });

  it.each([
    ['', 'empty', []],
    ['   ', 'empty', []],
    ['12345', 'unparsed', ['no_letters']],
    ['---', 'unparsed', ['no_letters']],
    ['N/A', 'unparsed', ['placeholder']],
    ['unknown', 'unparsed', ['placeholder']],
    ['Current Resident', 'unparsed', ['placeholder']],
    ['XXXXX', 'unparsed', ['placeholder']],
    ['asdf', 'unparsed', ['placeholder']],
    ['Acme Widgets Inc', 'company', ['company_in_person_field']],
    ['John Smith & Sons', 'company', ['company_in_person_field']],
    ['First Baptist Church', 'company', ['company_in_person_field']],
    ['Dept. of Motor Vehicles', 'company', ['company_in_person_field']],
    ['Smith Family Trust', 'company', ['company_in_person_field']],
    ['University of Michigan', 'company', ['company_in_person_field']],
    ['Cher', 'person', ['single_name']],
    ['The Smith Family', 'person', ['household']],
    ['SMITH HOUSEHOLD', 'person', ['household']],
    ['Attn: John Smith', 'person', ['care_of']],
    ['c/o Jane Doe', 'person', ['care_of']],
    ['Estate of John Smith', 'person', ['estate']],
    ['John Smith (deceased)', 'person', ['note_in_name']],
    ['JOHN DOE 123', 'person', ['digits_in_name']],
    ['J Smith', 'person', ['initial_only']],
    ['John Sm1th', 'person', ['digits_in_name']],
  ])('classifies %j as %s with %j', (raw, kind, codes) => {
    const p = parsePersonName(raw);
    expect(p.kind).toBe(kind);
    expect(p.issues.map((i) => i.code)).toEqual(codes);
  });

  it('reports a couple with both people', () => {
    const p = parsePersonName('John & Jane Doe');
    expect(p.kind).toBe('couple');
    expect(formatName(p)).toBe('John Doe & Jane Doe');
  });
});

describe('properCaseName', () => {
  it.each([
    ['JOHN SMITH', 'John Smith'],
    ['john smith', 'John Smith'],
    ['MCDONALD', 'McDonald'],
    ['mcdonald', 'McDonald'],
    ['Mcdonald', 'Mcdonald'],
    ['MACDONALD', 'MacDonald'],
    ['MACK', 'Mack'],
    ['MACY', 'Macy'],
    ['MACHADO', 'Machado'],
    ["O'BRIEN", "O'Brien"],
    ["o'brien", "O'Brien"],
    ["O'brien", "O'Brien"],
    ["D'ANGELO", "D'Angelo"],
    ['DELUCA', 'DeLuca'],
    ['deluca', 'DeLuca'],
    ['Deluca', 'Deluca'],
    ['deVries', 'deVries'],
    ['DeShawn', 'DeShawn'],
    ['LUDWIG VAN BEETHOVEN', 'Ludwig van Beethoven'],
    ['VAN DER BERG', 'Van der Berg'],
    ['jan van der berg', 'Jan van der Berg'],
    ['Ludwig Van Beethoven', 'Ludwig Van Beethoven'],
    ['MARY-ANN SMITH-JONES', 'Mary-Ann Smith-Jones'],
    ['JOHN SMITH III', 'John Smith III'],
    ['John Smith iii', 'John Smith III'],
    ['JOHN SMITH JR.', 'John Smith Jr.'],
    ['JOHN SMITH JR', 'John Smith Jr'],
    ['JANE DOE PHD', 'Jane Doe PhD'],
    ['JANE DOE MD', 'Jane Doe MD'],
    ['JOSÉ MÜLLER', 'José Müller'],
    ['ÉLODIE ÇELIK', 'Élodie Çelik'],
    ['J.R.R. TOLKIEN', 'J.R.R. Tolkien'],
    ['ST. JOHN', 'St. John'],
    ['JOHN AND JANE DOE', 'John and Jane Doe'],
    ['', ''],
    ['  mary   ann  ', 'Mary Ann'],
  ])('%s → %s', (raw, want) => {
    expect(properCaseName(raw)).toBe(want);
  });
});

describe('parseNameFields picks the best split from separate columns', () => {
  it.each([
    [{ first: 'JOHN A', last: 'SMITH JR' }, '|John|A|Smith|Jr.'],
    [{ first: 'john', last: 'smith' }, '|John||Smith|'],
    [{ first: 'Jan', last: 'VAN DER BERG' }, '|Jan||Van der Berg|'],
    [{ first: 'Ludwig', last: 'van Beethoven' }, '|Ludwig||van Beethoven|'],
    [{ first: 'DR JOHN', last: 'SMITH' }, 'Dr.|John||Smith|'],
    [{ prefix: 'Mrs', first: 'Jane', middle: 'Q', last: 'Public', suffix: 'III' }, 'Mrs.|Jane|Q|Public|III'],
    [{ first: 'John & Jane', last: 'Doe' }, '|John||Doe| + |Jane||Doe|'],
    [{ full: 'SMITH, JOHN A JR' }, '|John|A|Smith|Jr.'],
    [{ full: 'John Smith', first: '', last: '' }, '|John||Smith|'],
    [{ full: 'ignored when columns exist', first: 'Ann', last: 'Lee' }, '|Ann||Lee|'],
    [{ first: 'John Smith' }, '|John||Smith|'],
    [{ last: 'Smith' }, '|||Smith|'],
    [{ last: 'Smith, John' }, '|John||Smith|'],
    [{ first: "MARY-ANN", last: "O'NEIL" }, "|Mary-Ann||O'Neil|"],
    [{ first: 'José', last: 'Müller' }, '|José||Müller|'],
  ])('%j → %s', (fields, want) => {
    expect(parts(parseNameFields(fields))).toBe(want);
  });

  it('flags a company typed into the name columns', () => {
    expect(parseNameFields({ first: 'Acme', last: 'Widgets LLC' }).kind).toBe('company');
  });
  it('flags a full name in the first-name column', () => {
    expect(parseNameFields({ first: 'John Smith' }).issues.map((i) => i.code)).toContain('full_name_in_first_field');
  });
});

describe('looksLikeCompany / looksLikePerson', () => {
  it.each([
    ['Acme Widgets, Inc.', true],
    ['Smith & Sons', true],
    ['Johnson Associates', true],
    ['ABC Services Group', true],
    ['First National Bank', true],
    ['Grace Community Church', true],
    ['Church of Christ', true],
    ['Dept. of Revenue', true],
    ['Harvard University', true],
    ['The Home Depot', false],
    ['Smith Holdings LLC dba Joe\'s Pizza', true],
    ['Charlotte Church', false],
    ['Joan Law', false],
    ['John Smith', false],
    ['Mary-Ann O\'Neil', false],
    ['Dr. John Smith', false],
  ])('company? %s → %s', (s, want) => {
    const r = looksLikeCompany(s);
    expect(r.likely).toBe(want);
    if (want) expect(r.reasons.length).toBeGreaterThan(0);
  });

  it.each([
    ['Dr. John Smith', true],
    ['Smith, John', true],
    ['John Q. Public', true],
    ['John Smith Jr.', true],
    ['Mr. & Mrs. John Smith', true],
    ['John Smith', false],
    ['Acme Widgets', false],
    ['Acme Widgets Inc', false],
    ['Home Depot, The', false],
    ['12345', false],
  ])('person? %s → %s', (s, want) => {
    expect(looksLikePerson(s).likely).toBe(want);
  });
});

describe('name normalizers on any input', () => {
  const anyText = fc.oneof(
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.string(),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
    fc.array(fc.constantFrom('JOHN', 'mc', 'MAC', "o'", 'van', 'DER', 'Jr.', 'III', ',', '&', 'and', 'Dr.', '"Bob"', '(x)', '-', 'José', 'Müller', ' ', '.', "'", '\uD800', 'Inc', 'é', 'e\u0301', 'ß', 'İ', 'ᾀ', 'ǅ', 'ﬁ', "o'b", 'x-y', 'ST.'), { maxLength: 8 }).map((a) => a.join(' ')),
  );

  it('properCaseName is idempotent, well-formed and never throws', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const once = properCaseName(s);
        expect(properCaseName(once)).toBe(once);
        expect(wellFormed(once)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('parsePersonName and parseNameFields never throw and return well-formed parts', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        for (const p of [parsePersonName(a), parseNameFields({ first: a, last: b }), parseNameFields({ full: a })]) {
          expect(['person', 'couple', 'company', 'empty', 'unparsed']).toContain(p.kind);
          for (const x of [p, p.second].filter((y): y is ParsedName => !!y)) {
            for (const v of [x.prefix, x.first, x.middle, x.last, x.suffix, x.nickname]) expect(wellFormed(v)).toBe(true);
          }

        }
      }),
      { numRuns: 1000 },
    );
  });

  it('parsing the formatted result of a person gives the same parts', () => {
    fc.assert(
      fc.property(fc.constantFrom('john', 'MARY-ANN', "o'neil", 'José', 'mcdonald', 'Li'), fc.constantFrom('', 'Q', 'Lee'), fc.constantFrom('smith', 'VAN DER BERG', "D'ANGELO", 'Müller'), (f, m, l) => {
        const p = parsePersonName(`${f} ${m} ${l}`);
        expect(parts(parsePersonName(formatName(p)))).toBe(parts(p));
      }),
    );
  });
});
