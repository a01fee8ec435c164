// The CASS/NCOA round trip's file side: the record key Winnow writes for a service bureau, and the detection of the columns of the result file it sends back (SmartyStreets, Melissa, BCC, TrueNCOA and similar layouts) by their header names.

/** The columns of a service bureau's result file Winnow reads. */
export const POSTAL_FIELDS = [
  'key',
  'address1', 'address2', 'city', 'state', 'zip5', 'zip4',
  'dpv', 'vacant', 'results',
  'moveCode', 'moveType', 'moveDate', 'moveFlag',
  'newAddress1', 'newAddress2', 'newCity', 'newState', 'newZip5', 'newZip4',
] as const;
export type PostalField = (typeof POSTAL_FIELDS)[number];

/** Words for people: which column feeds what. */
export const POSTAL_FIELD_LABELS: Readonly<Record<PostalField, string>> = {
  key: 'record key', address1: 'address', address2: 'address line 2', city: 'city', state: 'state', zip5: 'ZIP', zip4: 'ZIP+4 add-on',
  dpv: 'DPV match code', vacant: 'vacant flag', results: 'result codes', moveCode: 'NCOA return code', moveType: 'move type',
  moveDate: 'move effective date', moveFlag: 'moved flag', newAddress1: 'new address', newAddress2: 'new address line 2', newCity: 'new city',
  newState: 'new state', newZip5: 'new ZIP', newZip4: 'new ZIP+4 add-on',
};

/** The header of the record key column `winnow export --fields cass` writes first. */
export const RECORD_KEY_HEADER = 'winnow_id';

/**
 * A record's key in files sent to a service bureau: "W" + list number + "-" + row number ("W3-17"). It survives the
 * round trip as text: the letter keeps spreadsheets from reading "3-17" as the 17th of March, and no formula character
 * starts it, so formula neutralization leaves it alone.
 */
export function recordKey(listId: number, rowNo: number): string {
  return `W${listId}-${rowNo}`;
}

/** The list and row a key names, or null when the text is not a key (a leading quote or spaces, as spreadsheets add them, are allowed). */
export function parseRecordKey(text: string): { listId: number; rowNo: number } | null {
  const m = /^'?\s*W?(\d{1,9})-(\d{1,10})\s*$/i.exec(text.trim());
  if (!m) return null;
  const listId = Number(m[1]);
  const rowNo = Number(m[2]);
  return listId > 0 && rowNo > 0 && rowNo <= 4294967295 ? { listId, rowNo } : null;
}

/** A header reduced to lower-case letters and digits: "DPV Match Code", "dpv_match_code" and "DPVMatchCode" are one name. */
export const headerKey = (h: string): string => h.normalize('NFKD').toLowerCase().replace(/\+/g, 'plus').replace(/[^a-z0-9]/g, '').replace(/^zipplus4/, 'zip4');

const ADDRESS1 = ['deliveryline1', 'deliveryline', 'standardizedaddress', 'standardizedaddress1', 'standardizedaddressline1', 'stdaddress', 'stdaddress1', 'cassaddress', 'cassaddress1', 'outputaddress', 'outputaddress1', 'outaddress', 'outaddress1', 'addressline1', 'deliveryaddress', 'deliveryaddress1', 'primaryaddress', 'address', 'streetaddress', 'street', 'addr1', 'addr', 'address1'];
const ADDRESS2 = ['deliveryline2', 'standardizedaddress2', 'standardizedaddressline2', 'stdaddress2', 'cassaddress2', 'outputaddress2', 'outaddress2', 'addressline2', 'deliveryaddress2', 'secondaryaddress', 'suite', 'suiteapt', 'aptsuite', 'apartment', 'apt', 'unit', 'addr2', 'address2'];
const CITY = ['cityname', 'standardizedcity', 'stdcity', 'casscity', 'outputcity', 'outcity', 'town', 'city'];
const STATE = ['stateabbreviation', 'standardizedstate', 'stdstate', 'cassstate', 'outputstate', 'outstate', 'statecode', 'stateabbr', 'st', 'province', 'state'];
const ZIP5 = ['zipcode', 'standardizedzip', 'stdzip', 'casszip', 'outputzip', 'outzip', 'zip5', 'zipcode5', 'postalcode', 'postcode', 'zip'];
const ZIP4 = ['plus4code', 'plus4', 'zip4', 'zip4code', 'zipplus4', 'plus4zip', 'zipaddon', 'addon', 'zipcodeplus4', 'postalcodeplus4', 'standardizedzip4', 'stdzip4', 'casszip4', 'outputzip4'];
const NEW_PREFIXES = ['ncoanew', 'new', 'ncoa', 'ncoalink', 'coa', 'forwarding', 'forward', 'fwd', 'moved', 'move'];

/**
 * Ordered header names per field: an earlier name wins over a later one, so a vendor's output column wins over the input
 * it echoes. The names `winnow export --fields cass` writes (address1, city, state, zip) come last: a vendor that adds
 * its own columns leaves ours as the input; one that writes over them leaves only ours.
 */
const NAMES: Readonly<Record<PostalField, readonly string[]>> = {
  key: ['winnowid', 'inputwinnowid', 'inwinnowid', 'originalwinnowid', 'userwinnowid'],
  address1: ADDRESS1,
  address2: ADDRESS2,
  city: CITY,
  state: STATE,
  zip5: ZIP5,
  zip4: ZIP4,
  dpv: ['dpvmatchcode', 'dpvconfirmation', 'dpvconfirmationindicator', 'dpvconfirmationcode', 'dpvconfirm', 'dpvconfirmed', 'dpvstatus', 'dpvcode', 'dpvindicator', 'dpvresult', 'dpvmatch', 'dpv', 'deliverypointvalidation'],
  vacant: ['dpvvacant', 'dpvvacancy', 'dpvvacantindicator', 'vacant', 'vacancy', 'vacantflag', 'vacantindicator', 'vacancyindicator', 'vacantaddress'],
  results: ['results', 'resultcodes', 'resultcode', 'addressresults', 'mdresults', 'melissaresults'],
  moveCode: ['ncoareturncode', 'ncoalinkreturncode', 'ncoaactioncode', 'ncoaaction', 'ncoaresult', 'ncoaresultcode', 'ncoacode', 'ncoastatus', 'coacode', 'coareturncode', 'returncode', 'actioncode', 'movereturncode', 'nixiecode', 'ncoanixie'],
  moveType: ['ncoamovetype', 'ncoalinkmovetype', 'movetype', 'movetypecode', 'coatype', 'ncoatype'],
  moveDate: ['moveeffectivedate', 'ncoamoveeffectivedate', 'ncoamovedate', 'ncoaeffectivedate', 'moveeffdate', 'movedate', 'coaeffectivedate', 'effectivedate', 'movedon'],
  moveFlag: ['moveapplied', 'ncoamatch', 'ncoamatched', 'ncoamove', 'ncoaflag', 'coafound', 'moved', 'movedflag', 'moveflag', 'hasmoved'],
  newAddress1: NEW_PREFIXES.flatMap((p) => ['address', 'address1', 'addressline1', 'deliveryline1', 'deliveryaddress', 'streetaddress', 'street'].map((b) => p + b)),
  newAddress2: NEW_PREFIXES.flatMap((p) => ['address2', 'addressline2', 'deliveryline2', 'suite', 'apt', 'unit', 'secondaryaddress'].map((b) => p + b)),
  newCity: NEW_PREFIXES.flatMap((p) => ['city', 'cityname'].map((b) => p + b)),
  newState: NEW_PREFIXES.flatMap((p) => ['state', 'st', 'statecode', 'stateabbreviation'].map((b) => p + b)),
  newZip5: NEW_PREFIXES.flatMap((p) => ['zip', 'zipcode', 'zip5', 'postalcode'].map((b) => p + b)),
  newZip4: NEW_PREFIXES.flatMap((p) => ['zip4', 'plus4', 'plus4code', 'zipplus4'].map((b) => p + b)),
};

/** Headers that name the input a vendor echoes back, never its result: "Input Address", "in_city", "Original ZIP", "Old Address". */
const ECHO_PREFIXES = ['input', 'original', 'orig', 'source', 'old', 'in'];

/** Where each field is in a result file (column index), with the header it was found under. */
export interface PostalLayout {
  columns: Partial<Record<PostalField, number>>;
  /** What was found, in words: 'winnow_id → record key', 'DPVMatchCode → DPV match code'. */
  found: { field: PostalField; column: number; header: string }[];
  /** Whether the new address of a move comes from its own columns (false: the vendor wrote it over the address columns). */
  separateNewAddress: boolean;
}

/** Columns any result file must have one of, besides the key. */
export const RESULT_FIELDS: readonly PostalField[] = ['address1', 'zip5', 'zip4', 'dpv', 'vacant', 'results', 'moveCode', 'moveType', 'moveFlag', 'newAddress1'];

/**
 * Finds the columns of a result file by header names, and the key column also by its values (a column where most
 * values are Winnow keys, whatever its header). Each column feeds one field; a field takes the column whose header is
 * the earliest of its names, so a vendor's "delivery_line_1" wins over our own "address1" echoed back beside it.
 */
export function detectPostalLayout(header: readonly string[], sample: readonly (readonly string[])[]): PostalLayout {
  const keys = header.map(headerKey);
  const taken = new Set<number>();
  const columns: Partial<Record<PostalField, number>> = {};
  // The new address first: "NCOA Address" must not be read as the standardized address.
  const order: PostalField[] = ['key', 'newAddress1', 'newAddress2', 'newCity', 'newState', 'newZip5', 'newZip4', 'dpv', 'vacant', 'results', 'moveCode', 'moveType', 'moveDate', 'moveFlag', 'zip4', 'address1', 'address2', 'city', 'state', 'zip5'];
  for (const field of order) {
    let best = -1;
    let bestRank = Infinity;
    for (let c = 0; c < keys.length; c++) {
      if (taken.has(c)) continue;
      const k = keys[c]!;
      let rank = NAMES[field].indexOf(k);
      // A vendor's echo of the input ("Input Address1") is the result only when nothing else is: ranked after every plain name.
      if (rank < 0 && field !== 'key') {
        const prefix = ECHO_PREFIXES.find((p) => k.startsWith(p) && NAMES[field].includes(k.slice(p.length)));
        if (prefix) rank = 1000 + NAMES[field].indexOf(k.slice(prefix.length));
      }
      // On equal names the later column wins: vendors append their output after the input columns.
      if (rank >= 0 && rank <= bestRank) {
        best = c;
        bestRank = rank;
      }
    }
    if (field === 'key' && best < 0) best = keyColumnByValues(sample, header.length, taken);
    if (best >= 0) {
      columns[field] = best;
      taken.add(best);
    }
  }
  const found = POSTAL_FIELDS.flatMap((field) => (columns[field] === undefined ? [] : [{ field, column: columns[field]!, header: header[columns[field]!] ?? '' }]));
  return { columns, found, separateNewAddress: columns.newAddress1 !== undefined };
}

/** The column most of whose sample values are Winnow keys (at least half of the non-empty ones), or -1. */
function keyColumnByValues(sample: readonly (readonly string[])[], width: number, taken: ReadonlySet<number>): number {
  let best = -1;
  let bestShare = 0.5;
  for (let c = 0; c < width; c++) {
    if (taken.has(c)) continue;
    let filled = 0;
    let keys = 0;
    for (const row of sample) {
      const v = (row[c] ?? '').trim();
      if (v === '') continue;
      filled++;
      if (/^'?W\d+-\d+$/i.test(v)) keys++;
    }
    if (filled > 0 && keys / filled >= bestShare) {
      best = c;
      bestShare = keys / filled;
    }
  }
  return best;
}

/** DPV match codes: Y confirmed; S the building confirmed, the apartment or suite given is not; D the building confirmed, its apartment or suite missing; N not confirmed. */
export type DpvCode = 'Y' | 'S' | 'D' | 'N';

/** What a move in the NCOA file was. */
export type MoveKind = 'none' | 'new-address' | 'no-forwarding';

/** One result row, read. */
export interface PostalRow {
  address1: string;
  address2: string;
  city: string;
  state: string;
  zip5: string;
  zip4: string;
  dpv: DpvCode | '';
  vacant: boolean | null;
  move: MoveKind;
  /** I individual, F family, B business, or ''. */
  moveType: '' | 'I' | 'F' | 'B';
  /** yyyy-mm or yyyy-mm-dd when recognized, else as written. */
  moveDate: string;
  /** The vendor's NCOA return code as written ("A", "02", "MLNA"). */
  moveCode: string;
  newAddress1: string;
  newAddress2: string;
  newCity: string;
  newState: string;
  newZip5: string;
  newZip4: string;
}

/** A value Winnow cannot read, with what it expected; the caller adds the file and line. */
export class PostalValueError extends Error {
  constructor(
    readonly field: PostalField,
    readonly value: string,
    readonly expected: string,
  ) {
    super(`${POSTAL_FIELD_LABELS[field]} "${value}" is not ${expected}`);
  }
}

const clean = (v: string | undefined): string => (v ?? '').replace(/^'(?=[=+\-@\s])/, '').trim();

const YES = new Set(['y', 'yes', 'true', 't', '1', 'x', 'vacant']);
const NO = new Set(['n', 'no', 'false', 'f', '0', 'occupied', 'notvacant']);

function flag(field: PostalField, v: string): boolean | null {
  const k = v.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (k === '') return null;
  if (YES.has(k)) return true;
  if (NO.has(k)) return false;
  throw new PostalValueError(field, v, 'a yes/no flag (Y, N, Yes, No, True, False, 1, 0)');
}

const DPV_WORDS: Record<string, DpvCode> = {
  y: 'Y', yes: 'Y', confirmed: 'Y', true: 'Y', valid: 'Y', s: 'S', d: 'D', n: 'N', no: 'N', false: 'N', notconfirmed: 'N', unconfirmed: 'N', invalid: 'N',
};

function dpvOf(v: string): DpvCode | '' {
  const k = v.toLowerCase().replace(/[^a-z]/g, '');
  if (k === '' || k === 'blank' || k === 'na') return '';
  const code = DPV_WORDS[k];
  if (code) return code;
  throw new PostalValueError('dpv', v, 'a DPV match code (Y, S, D or N, or blank when the address was not matched)');
}

/**
 * NCOALink return codes: A, 91, 92 a match with a new address; 01 foreign move, 02 moved left no address, 03 box closed
 * no order, 05 / 14 / 19 a match whose new address cannot be used, 66 daily delete, 77 ANKLink (moved 19-48 months ago,
 * no new address): none of these can be mailed at the old address. Other codes (00 no match, 04-20 cannot match) are
 * not moves.
 */
const NEW_ADDRESS_CODES = new Set(['A', '91', '92']);
const NO_FORWARDING_CODES = new Set(['01', '02', '03', '05', '14', '19', '66', '77', 'MLNA', 'BCNO', 'FOREIGN']);

function moveCodeKind(code: string): MoveKind {
  const k = code.toUpperCase().replace(/\s+/g, '');
  const two = /^\d$/.test(k) ? `0${k}` : k;
  if (NEW_ADDRESS_CODES.has(two)) return 'new-address';
  if (NO_FORWARDING_CODES.has(two)) return 'no-forwarding';
  return 'none';
}

function moveTypeOf(v: string): PostalRow['moveType'] {
  const k = v.trim().toUpperCase();
  if (k === '') return '';
  const c = k.charAt(0);
  if (c === 'I' || c === 'F' || c === 'B') return c;
  throw new PostalValueError('moveType', v, 'a move type (I individual, F family or B business)');
}

/** "202403", "2024-03", "03/2024", "3/15/2024", "20240315" → "2024-03" / "2024-03-15"; anything else as written. */
export function moveDateOf(v: string): string {
  const t = v.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-?(\d{2})$/.exec(t))) return `${m[1]}-${m[2]}`;
  if ((m = /^(\d{1,2})\/(\d{4})$/.exec(t))) return `${m[2]}-${m[1]!.padStart(2, '0')}`;
  if ((m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(t))) return `${m[1]}-${m[2]}-${m[3]}`;
  if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t))) return `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
  return t;
}

/** ZIP and ZIP+4 cells: "12345", "12345-6789", "123456789", "6789"; a ZIP column may carry the add-on too. */
function zipParts(zipCell: string, plus4Cell: string): { zip5: string; zip4: string } {
  const z = zipCell.replace(/\s+/g, '');
  const p = plus4Cell.replace(/\s+/g, '');
  let zip5 = '';
  let zip4 = '';
  let m: RegExpExecArray | null;
  if ((m = /^(\d{5})-?(\d{4})?$/.exec(z))) {
    zip5 = m[1]!;
    zip4 = m[2] ?? '';
  } else if (/^\d{3,4}$/.test(z)) zip5 = z.padStart(5, '0');
  else if (z !== '') zip5 = z;
  if ((m = /^(?:(\d{5})-?)?(\d{4})$/.exec(p))) {
    zip4 = m[2]!;
    if (!zip5 && m[1]) zip5 = m[1];
  }
  return { zip5, zip4 };
}

/** Melissa-style result codes: AS01 verified, AS02 street only (suite missing or wrong), AS03 / AS17 no USPS delivery, AS16 vacant, AE.. errors. */
function fromResultCodes(text: string): { dpv: DpvCode | ''; vacant: boolean | null } {
  const codes = new Set(text.toUpperCase().match(/\bA[SE]\d\d\b/g) ?? []);
  if (codes.size === 0) return { dpv: '', vacant: null };
  const dpv: DpvCode | '' = codes.has('AS03') || codes.has('AS17') ? 'N' : codes.has('AS01') ? 'Y' : codes.has('AS02') ? 'S' : [...codes].some((c) => c.startsWith('AE')) ? 'N' : '';
  return { dpv, vacant: codes.has('AS16') ? true : dpv === '' ? null : false };
}

/** Reads one result row with a layout; throws PostalValueError for a value that cannot mean what its column says. */
export function readPostalRow(cells: readonly string[], layout: PostalLayout): PostalRow {
  const get = (f: PostalField) => (layout.columns[f] === undefined ? '' : clean(cells[layout.columns[f]!]));
  const zip = zipParts(get('zip5'), get('zip4'));
  const newZip = zipParts(get('newZip5'), get('newZip4'));
  let dpv = dpvOf(get('dpv'));
  let vacant = flag('vacant', get('vacant'));
  if (layout.columns.results !== undefined) {
    const r = fromResultCodes(get('results'));
    if (dpv === '') dpv = r.dpv;
    if (vacant === null) vacant = r.vacant;
  }
  const moveCode = get('moveCode');
  const moveType = moveTypeOf(get('moveType'));
  const moveFlagText = get('moveFlag');
  // A "moved" column may hold a flag or the date the move was applied (TrueNCOA's "Move Applied").
  const moveFlag = moveFlagText === '' ? null : /\d/.test(moveFlagText) && !/^[01]$/.test(moveFlagText) ? true : flag('moveFlag', moveFlagText);
  let newAddress = { a1: get('newAddress1'), a2: get('newAddress2'), city: get('newCity'), state: get('newState'), ...{ zip5: newZip.zip5, zip4: newZip.zip4 } };
  let move: MoveKind = moveCode !== '' ? moveCodeKind(moveCode) : moveFlag === true || (moveFlag === null && moveType !== '') ? 'new-address' : 'none';
  if (move === 'new-address' && !layout.separateNewAddress) {
    // The vendor wrote the new address over the address columns (a move "applied").
    newAddress = { a1: get('address1'), a2: get('address2'), city: get('city'), state: get('state'), zip5: zip.zip5, zip4: zip.zip4 };
  }
  if (move === 'new-address' && newAddress.a1 === '') move = 'no-forwarding';
  if (move !== 'new-address') newAddress = { a1: '', a2: '', city: '', state: '', zip5: '', zip4: '' };
  return {
    address1: get('address1'),
    address2: get('address2'),
    city: get('city'),
    state: get('state').toUpperCase(),
    zip5: zip.zip5,
    zip4: zip.zip4,
    dpv,
    vacant,
    move,
    moveType: move === 'none' ? '' : moveType,
    moveDate: move === 'none' ? '' : moveDateOf(get('moveDate')),
    moveCode,
    newAddress1: newAddress.a1,
    newAddress2: newAddress.a2,
    newCity: newAddress.city,
    newState: newAddress.state.toUpperCase(),
    newZip5: newAddress.zip5,
    newZip4: newAddress.zip4,
  };
}
