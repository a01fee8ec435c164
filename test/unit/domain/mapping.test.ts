// Covers column mapping: real vendor headers to canonical fields, content sniffing, conflicts, presets, overrides, and properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CANONICAL_FIELDS, WinnowError, type CanonicalField } from '../../../src/api/contract';
import { autoMap, confirmMapping, headerKey, mapColumn, matchHeader, normalizeHeader, presetMapping, sniffValues } from '../../../src/domain/mapping';

/** Headers seen in real vendor files, list brokers' layouts, CRM and e-commerce exports, and the field each names. */
const HEADERS: [string, CanonicalField | null][] = [
  // address line 1
  ['Addr1', 'address1'], ['Address Line 1', 'address1'], ['Mailing Address', 'address1'], ['Street', 'address1'], ['Street Address', 'address1'],
  ['address_1', 'address1'], ['ADDRESS', 'address1'], ['Address1', 'address1'], ['BillingStreet', 'address1'], ['MailingStreet', 'address1'],
  ['Billing Address 1', 'address1'], ['Shipping Address1', 'address1'], ['Street Address 1', 'address1'], ['Delivery Line 1', 'address1'], ['addr_line_1', 'address1'],
  ['Physical Address', 'address1'], ['Business Address', 'address1'], ['HOME_ADDRESS', 'address1'],
  // address line 2
  ['Addr2', 'address2'], ['Suite', 'address2'], ['Apt', 'address2'], ['Address Line 2', 'address2'], ['address_2', 'address2'], ['Apt/Suite', 'address2'],
  ['Suite/Apt', 'address2'], ['Unit', 'address2'], ['Street 2', 'address2'], ['Address2', 'address2'],
  // ZIP
  ['Zip Code', 'zip'], ['ZIP', 'zip'], ['Postal', 'zip'], ['Postal Code', 'zip'], ['Zip5', 'zip'], ['postcode', 'zip'], ['ZIPCODE', 'zip'], ['Zip+4', 'zip'],
  ['zip_code', 'zip'], ['BillingPostalCode', 'zip'], ['MailingPostalCode', 'zip'], ['Zip/Postal Code', 'zip'], ['ZIP_5', 'zip'], ['Post Code', 'zip'], ['Billing Zip', 'zip'],
  // email
  ['E-mail', 'email'], ['Email Address', 'email'], ['EMAIL', 'email'], ['email_address', 'email'], ['E-Mail Address', 'email'], ['EmailAddress', 'email'],
  ['Contact Email', 'email'], ['Primary Email', 'email'], ['Work Email', 'email'], ['Email 1', 'email'],
  // company
  ['Site name', 'company'], ['Company Name', 'company'], ['Business', 'company'], ['Organization', 'company'], ['Account Name', 'company'], ['Company', 'company'],
  ['COMPANY_NAME', 'company'], ['Business Name', 'company'], ['Organisation', 'company'], ['Firm', 'company'], ['Employer', 'company'], ['DBA', 'company'],
  // names
  ['given_name', 'first_name'], ['First', 'first_name'], ['FName', 'first_name'], ['First Name', 'first_name'], ['FIRST_NAME', 'first_name'], ['firstName', 'first_name'],
  ['Contact First Name', 'first_name'], ['surname', 'last_name'], ['Last', 'last_name'], ['LName', 'last_name'], ['Last Name', 'last_name'], ['LAST_NAME', 'last_name'],
  ['lastName', 'last_name'], ['Family Name', 'last_name'], ['Middle Name', 'middle_name'], ['MI', 'middle_name'], ['Middle Initial', 'middle_name'],
  ['Salutation', 'prefix'], ['Prefix', 'prefix'], ['Suffix', 'suffix'], ['Contact', 'full_name'], ['Name', 'full_name'], ['Full Name', 'full_name'],
  ['Contact Name', 'full_name'], ['FULLNAME', 'full_name'], ['Customer Name', 'full_name'], ['Attn', 'full_name'],
  // city, state, country
  ['suburb', 'city'], ['Town', 'city'], ['City', 'city'], ['MailingCity', 'city'], ['BillingCity', 'city'], ['CITY_NAME', 'city'],
  ['Province', 'state'], ['ST', 'state'], ['State', 'state'], ['State/Province', 'state'], ['BillingState', 'state'], ['State Code', 'state'], ['Region', 'state'],
  ['Country', 'country'], ['Country Code', 'country'], ['BillingCountry', 'country'],
  // phones
  ['Tel', 'phone'], ['Phone Number', 'phone'], ['Telephone', 'phone'], ['Phone', 'phone'], ['PHONE_NO', 'phone'], ['Business Phone', 'phone'], ['Work Phone', 'phone'],
  ['Home Phone #', 'phone'], ['Tel No', 'phone'], ['Telephone Number', 'phone'], ['Cell', 'mobile'], ['Mobile Phone', 'mobile'], ['Mobile', 'mobile'],
  ['Cell Phone', 'mobile'], ['MobilePhone', 'mobile'], ['Cell #', 'mobile'],
  // job, web, firmographics
  ['Job Title', 'title'], ['Position', 'title'], ['Title', 'title'], ['JOB_TITLE', 'title'], ['Occupation', 'title'],
  ['Website', 'website'], ['Web Site', 'website'], ['URL', 'website'], ['Web Address', 'website'], ['Homepage', 'website'],
  ['SIC', 'industry'], ['Industry', 'industry'], ['SIC Code', 'industry'], ['NAICS', 'industry'], ['Primary SIC', 'industry'],
  ['Employees', 'employees'], ['Emp Size', 'employees'], ['Employee Count', 'employees'], ['Number of Employees', 'employees'], ['NumberOfEmployees', 'employees'],
  // customer value
  ['LTV', 'revenue'], ['Lifetime Value', 'revenue'], ['Total Sales', 'revenue'], ['Revenue', 'revenue'], ['Annual Revenue', 'revenue'], ['AnnualRevenue', 'revenue'],
  ['# Orders', 'orders'], ['Total Orders', 'orders'], ['Number of Orders', 'orders'], ['Order Count', 'orders'], ['orders_count', 'orders'],
  ['Last Order Date', 'last_order_date'], ['Last Purchase Date', 'last_order_date'], ['LastOrderDate', 'last_order_date'], ['Most Recent Order', 'last_order_date'],
  ['First Order Date', 'first_order_date'], ['First Purchase', 'first_order_date'], ['Customer Since', 'first_order_date'],
  ['Customer ID', 'customer_id'], ['Cust #', 'customer_id'], ['Account #', 'customer_id'], ['CustID', 'customer_id'], ['Customer Number', 'customer_id'],
  ['Acct No', 'customer_id'], ['Account Number', 'customer_id'], ['Member ID', 'customer_id'], ['ID', 'customer_id'], ['rec_id', 'customer_id'],
  ['Lead Source', 'source'], ['Source', 'source'], ['List Source', 'source'], ['Key Code', 'source'],
  ['Date Added', 'acquired_date'], ['Created Date', 'acquired_date'], ['Signup Date', 'acquired_date'],
  // campaigns
  ['Mailed', 'mailed_date'], ['Mail Date', 'mailed_date'], ['Drop Date', 'mailed_date'], ['Date Mailed', 'mailed_date'],
  ['Responded', 'responded'], ['Response', 'responded'], ['Converted', 'converted'], ['Bought', 'converted'], ['Purchased', 'converted'],
  ['Amount', 'amount'], ['Order Amount', 'amount'], ['Order Total', 'amount'], ['Gift Amount', 'amount'],
  // not fields
  ['Notes', null], ['Comments', null], ['Field 1', null], ['Column 7', null], ['x', null], ['', null], ['Favorite Color', null], ['Segment', null],
];

describe('header synonyms', () => {
  it('covers at least 100 real vendor headers', () => {
    expect(HEADERS.length).toBeGreaterThanOrEqual(100);
  });

  it.each(HEADERS)('%j → %s', (header, field) => {
    const m = matchHeader(header);
    expect(m?.field ?? null).toBe(field);
    if (m) expect(m.reason).toContain(`"${header.trim()}"`);
  });

  it('gives an exact synonym 0.95 and says so in words', () => {
    expect(matchHeader('Zip Code')).toEqual({ field: 'zip', confidence: 0.95, reason: 'header "Zip Code" is a name for ZIP' });
  });

  it('trusts a qualified or partial wording less than an exact synonym', () => {
    expect(matchHeader('Home Phone #')!.confidence).toBeLessThan(0.95);
    expect(matchHeader('Preferred Email For Newsletters')).toMatchObject({ field: 'email', confidence: 0.7 });
  });

  it.each([
    ['Address Line 1', 'address_line_1', 'AddressLine1', 'ADDR LN 1', 'Addr. Line 1'],
    ['E-mail', 'EMAIL', 'e_mail', 'E mail'],
    ['Zip Code', 'zipcode', 'ZIP_CODE', 'Zip-Code'],
  ])('normalizes spellings of one header alike (%s)', (...spellings) => {
    const keys = new Set(spellings.map(normalizeHeader));
    expect(keys.size).toBe(1);
  });
});

describe('content sniffing', () => {
  it.each<[string, string[], CanonicalField | null, string]>([
    ['email addresses', ['ann@example.com', 'BOB@Mail.Example.org', 'c.d+list@x.co'], 'email', 'email addresses'],
    ['phone numbers in every US format', ['(617) 555-1234', '617-555-1234', '617.555.1234', '+1 617 555 1234', '6175551234 x12'], 'phone', 'phone numbers'],
    ['ZIP and ZIP+4', ['02134', '10001-2345', '90210', '021341234'], 'zip', 'ZIP codes'],
    ['state codes', ['MA', 'ny', 'CA', 'TX', 'PR'], 'state', 'US state codes'],
    ['web addresses', ['www.acme.com', 'https://jones.com/about', 'lee.net'], 'website', 'web addresses'],
    ['person names', ['John Smith', 'Mary Ann Jones', 'Robert O’Neil'], 'full_name', 'person names'],
    ['first names', ['John', 'Mary', 'Robert', 'Linda'], 'first_name', 'first names'],
    ['dates (no field: which date is unclear)', ['2024-01-02', '3/4/2023', 'Mar 5, 2022'], null, 'dates'],
    ['money (no field)', ['$1,200.00', '35.50', '$0.99'], null, 'money amounts'],
  ])('recognizes %s', (_what, values, field, kind) => {
    expect(sniffValues(values)).toMatchObject({ field, kind, share: 1 });
  });

  it('recognizes nothing in mixed or empty columns', () => {
    expect(sniffValues([])).toBeNull();
    expect(sniffValues(['', '  '])).toBeNull();
    expect(sniffValues(['red', '12 Main St', 'ann@example.com', '02134'])).toBeNull();
  });

  it('ignores blank cells when measuring a share', () => {
    expect(sniffValues(['ann@example.com', '', '', 'bob@example.com'])).toMatchObject({ field: 'email', share: 1, count: 2 });
  });
});

describe('header and content together', () => {
  const emails = ['ann@example.com', 'bob@example.org', 'cy@example.net', 'di@example.com'];

  it('maps a column of emails to email whatever its header says', () => {
    expect(mapColumn(0, 'Contact Info', emails)).toMatchObject({ field: 'email', reason: '100% of values look like email addresses' });
    expect(mapColumn(0, 'Notes', emails).field).toBe('email');
    // Even a header that names another field loses to values that are plainly email addresses.
    const m = mapColumn(0, 'Company', emails);
    expect(m.field).toBe('email');
    expect(m.reason).toMatch(/whatever header "Company" says/);
  });

  it('raises confidence when header and values agree, and says both', () => {
    const m = mapColumn(0, 'E-mail', emails);
    expect(m).toMatchObject({ field: 'email', confidence: 0.99 });
    expect(m.reason).toBe('header "E-mail" is a name for email, and 100% of values look like email addresses');
  });

  it('keeps a header synonym but trusts it less when the values contradict it', () => {
    const m = mapColumn(0, 'Email', ['Ann Lee', 'Bob Roe', 'Cy Dee', 'Di Fox']);
    expect(m.field).toBe('email');
    expect(m.confidence).toBeLessThan(0.7);
    expect(m.reason).toMatch(/but only 0% of values look like email addresses/);
  });

  it('reads a "Title" column of Mr/Mrs/Dr as a name prefix, and of job titles as a job title', () => {
    const m = mapColumn(0, 'Title', ['Mr', 'Mrs.', 'Dr', 'Ms']);
    expect(m).toMatchObject({ field: 'prefix', confidence: 0.9 });
    expect(m.reason).toBe('header "Title" could be a job title, but 100% of values look like name prefixes (Mr, Mrs, Dr)');
    expect(mapColumn(0, 'Title', ['Owner', 'CEO', 'Office Manager']).field).toBe('title');
    expect(mapColumn(0, 'Gen', ['Jr', 'Sr.', 'III']).field).toBe('suffix');
  });

  it('lets a header win over weak content (5-digit customer numbers are not ZIP codes)', () => {
    expect(mapColumn(0, 'Customer ID', ['10001', '10002', '10003']).field).toBe('customer_id');
  });

  it('maps by content alone when the header says nothing', () => {
    expect(mapColumn(3, 'Field 4', ['02134', '10001', '90210'])).toMatchObject({ index: 3, field: 'zip', confidence: 0.9, reason: '100% of values look like ZIP codes' });
    expect(mapColumn(3, '', ['(617) 555-1234', '212-555-0000'])).toMatchObject({ field: 'phone' });
  });

  it('explains a column it keeps custom', () => {
    expect(mapColumn(0, 'Notes', ['vip', 'call back'])).toMatchObject({ field: null, confidence: 0, reason: 'header "Notes" is not a known field; kept as a custom field' });
    expect(mapColumn(0, 'When', ['2024-01-02', '2023-05-06']).reason).toMatch(/look like dates, but the header does not say which/);
  });
});

describe('autoMap', () => {
  it('maps a typical bought list', () => {
    const header = ['Cust #', 'First', 'LName', 'Company Name', 'Addr1', 'Suite', 'Town', 'ST', 'Zip Code', 'E-mail', 'Tel', 'Notes'];
    const rows = [['1001', 'John', 'Smith', 'Acme Inc', '12 Main St', 'Apt 4', 'Springfield', 'IL', '62701', 'john@acme.com', '(217) 555-1234', 'vip']];
    expect(autoMap(header, rows).map((m) => m.field)).toEqual([
      'customer_id', 'first_name', 'last_name', 'company', 'address1', 'address2', 'city', 'state', 'zip', 'email', 'phone', null,
    ]);
  });

  it('never maps two columns to one field: the more certain keeps it, the other says why', () => {
    const m = autoMap(['Email', 'Contact Info'], [['a@b.com', 'c@d.com']]);
    expect(m.map((x) => x.field)).toEqual(['email', null]);
    expect(m[1]!.reason).toMatch(/column 1 "Email" is a better match for email/);
  });

  it('gives a tie to the leftmost column', () => {
    expect(autoMap(['Phone', 'Telephone'], []).map((m) => m.field)).toEqual(['phone', null]);
  });

  it('handles ragged sample rows and an empty table', () => {
    expect(autoMap(['Email', 'Zip'], [['a@b.com'], [], ['c@d.com', '02134', 'extra']]).map((m) => m.field)).toEqual(['email', 'zip']);
    expect(autoMap([], [])).toEqual([]);
  });
});

describe('presets and confirmed mappings', () => {
  it('matches headers by a signature that ignores case and spacing, not order', () => {
    expect(headerKey(['Email', ' Zip  Code'])).toBe(headerKey(['EMAIL', 'zip code']));
    expect(headerKey(['Email', 'Zip'])).not.toBe(headerKey(['Zip', 'Email']));
  });

  it('applies a preset with confidence 1 and names it', () => {
    expect(presetMapping('Acme', [{ index: 1, field: 'zip' }], 3)).toEqual([
      { index: 0, field: null, confidence: 1, reason: 'from preset "Acme"' },
      { index: 1, field: 'zip', confidence: 1, reason: 'from preset "Acme"' },
      { index: 2, field: null, confidence: 1, reason: 'from preset "Acme"' },
    ]);
  });

  const auto = autoMap(['Email', 'Zip', 'Notes'], []);

  it('uses the automatic mapping for columns the user left out', () => {
    expect(confirmMapping(auto, undefined, [])).toEqual([
      { index: 0, field: 'email' },
      { index: 1, field: 'zip' },
      { index: 2, field: null },
    ]);
    expect(confirmMapping(auto, [{ index: 2, field: 'source' }], []).map((m) => m.field)).toEqual(['email', 'zip', 'source']);
  });

  it('moves a field the user gives to another column away from the automatic one', () => {
    expect(confirmMapping(auto, [{ index: 2, field: 'email' }], []).map((m) => m.field)).toEqual([null, 'zip', 'email']);
  });

  it('refuses two columns on one field, naming both', () => {
    const names = ['Email', 'Zip', 'Notes'];
    let err: unknown;
    try {
      confirmMapping(auto, [{ index: 0, field: 'city' }, { index: 2, field: 'city' }], names);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WinnowError);
    expect((err as WinnowError).code).toBe('INVALID_INPUT');
    expect((err as WinnowError).message).toMatch(/column 1 "Email" and column 3 "Notes"/);
  });

  it('refuses a column number past the table', () => {
    expect(() => confirmMapping(auto, [{ index: 3, field: 'city' }], [])).toThrow(/column 4, but the file has 3 columns/);
  });
});

describe('properties', () => {
  const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('Zip', 'E-mail', '#', '&', '+', '', ' ', '__proto__', 'constructor', 'toString'));

  it('never throws on arbitrary headers and cells, and maps every column once', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 12 }), fc.array(fc.array(anyText, { maxLength: 14 }), { maxLength: 8 }), (header, rows) => {
        const m = autoMap(header, rows);
        expect(m.map((x) => x.index)).toEqual(header.map((_, i) => i));
        const fields = m.map((x) => x.field).filter((f) => f !== null);
        expect(new Set(fields).size).toBe(fields.length);
        for (const x of m) {
          expect(x.field === null || (CANONICAL_FIELDS as readonly string[]).includes(x.field)).toBe(true);
          expect(x.confidence).toBeGreaterThanOrEqual(0);
          expect(x.confidence).toBeLessThanOrEqual(1);
          expect(x.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 8 }), fc.array(fc.array(anyText, { maxLength: 8 }), { maxLength: 5 }), (header, rows) => {
        expect(autoMap(header, rows)).toEqual(autoMap([...header], rows.map((r) => [...r])));
      }),
      { numRuns: 200 },
    );
  });

  it('normalizing a header twice equals normalizing it once', () => {
    fc.assert(
      fc.property(anyText, (h) => {
        expect(normalizeHeader(normalizeHeader(h))).toBe(normalizeHeader(h));
      }),
      { numRuns: 500 },
    );
  });
});
