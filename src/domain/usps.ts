// USPS Publication 28 tables (C1 street suffixes, directionals, C2 secondary units) and state names/codes, as lookups.

/** A finding about one value, in words the user understands. `error` means the value is wrong or unusable, `warning` that
 * it is probably fine but worth a look, `info` that something was changed or assumed. */
export interface Issue {
  code: string;
  message: string;
  severity: 'error' | 'warning' | 'info';
}

/**
 * Pub 28 Appendix C1: standard abbreviation → the primary name and the common variants USPS lists for it.
 * Written as one string per suffix so the table reads like the publication. Pub 28 maps some plurals onto the singular
 * abbreviation (PARKS → PARK, WALKS → WALK, SPURS → SPUR, PARKWAYS → PKWY); that is kept.
 */
const C1 = `
ALY ALLEY ALLEE ALLY
ANX ANEX ANNEX ANNX
ARC ARCADE
AVE AVENUE AV AVEN AVENU AVN AVNUE
BYU BAYOU BAYOO
BCH BEACH
BND BEND
BLF BLUFF BLUF
BLFS BLUFFS
BTM BOTTOM BOT BOTTM
BLVD BOULEVARD BOUL BOULV
BR BRANCH BRNCH
BRG BRIDGE BRDGE
BRK BROOK
BRKS BROOKS
BG BURG
BGS BURGS
BYP BYPASS BYPA BYPAS BYPS
CP CAMP CMP
CYN CANYON CANYN CNYN
CPE CAPE
CSWY CAUSEWAY CAUSWA
CTR CENTER CEN CENT CENTR CENTRE CNTER CNTR
CTRS CENTERS
CIR CIRCLE CIRC CIRCL CRCL CRCLE
CIRS CIRCLES
CLF CLIFF
CLFS CLIFFS
CLB CLUB
CMN COMMON
CMNS COMMONS
COR CORNER
CORS CORNERS
CRSE COURSE
CT COURT
CTS COURTS
CV COVE
CVS COVES
CRK CREEK
CRES CRESCENT CRSENT CRSNT
CRST CREST
XING CROSSING CRSSNG
XRD CROSSROAD
XRDS CROSSROADS
CURV CURVE
DL DALE
DM DAM
DV DIVIDE DIV DVD
DR DRIVE DRIV DRV
DRS DRIVES
EST ESTATE
ESTS ESTATES
EXPY EXPRESSWAY EXP EXPR EXPRESS EXPW
EXT EXTENSION EXTN EXTNSN
EXTS EXTENSIONS
FALL FALL
FLS FALLS
FRY FERRY FRRY
FLD FIELD
FLDS FIELDS
FLT FLAT
FLTS FLATS
FRD FORD
FRDS FORDS
FRST FOREST FORESTS
FRG FORGE FORG
FRGS FORGES
FRK FORK
FRKS FORKS
FT FORT FRT
FWY FREEWAY FREEWY FRWAY FRWY
GDN GARDEN GARDN GRDEN GRDN
GDNS GARDENS GRDNS
GTWY GATEWAY GATEWY GATWAY GTWAY
GLN GLEN
GLNS GLENS
GRN GREEN
GRNS GREENS
GRV GROVE GROV
GRVS GROVES
HBR HARBOR HARB HARBR HRBOR
HBRS HARBORS
HVN HAVEN
HTS HEIGHTS HT
HWY HIGHWAY HIGHWY HIWAY HIWY HWAY
HL HILL
HLS HILLS
HOLW HOLLOW HLLW HOLLOWS HOLWS
INLT INLET
IS ISLAND ISLND
ISS ISLANDS ISLNDS
ISLE ISLE ISLES
JCT JUNCTION JCTION JCTN JUNCTN JUNCTON
JCTS JUNCTIONS JCTNS
KY KEY
KYS KEYS
KNL KNOLL KNOL
KNLS KNOLLS
LK LAKE
LKS LAKES
LAND LAND
LNDG LANDING LNDNG
LN LANE
LGT LIGHT
LGTS LIGHTS
LF LOAF
LCK LOCK
LCKS LOCKS
LDG LODGE LDGE LODG
LOOP LOOP LOOPS
MALL MALL
MNR MANOR
MNRS MANORS
MDW MEADOW
MDWS MEADOWS MEDOWS
MEWS MEWS
ML MILL
MLS MILLS
MSN MISSION MISSN MSSN
MTWY MOTORWAY
MT MOUNT MNT
MTN MOUNTAIN MNTAIN MNTN MOUNTIN MTIN
MTNS MOUNTAINS MNTNS
NCK NECK
ORCH ORCHARD ORCHRD
OVAL OVAL OVL
OPAS OVERPASS
PARK PARK PRK PARKS
PKWY PARKWAY PARKWY PKWAY PKY PARKWAYS PKWYS
PASS PASS
PSGE PASSAGE
PATH PATH PATHS
PIKE PIKE PIKES
PNE PINE
PNES PINES
PL PLACE
PLN PLAIN
PLNS PLAINS
PLZ PLAZA PLZA
PT POINT
PTS POINTS
PRT PORT
PRTS PORTS
PR PRAIRIE PRR
RADL RADIAL RAD RADIEL
RAMP RAMP
RNCH RANCH RANCHES RNCHS
RPD RAPID
RPDS RAPIDS
RST REST
RDG RIDGE RDGE
RDGS RIDGES
RIV RIVER RVR RIVR
RD ROAD
RDS ROADS
RTE ROUTE
ROW ROW
RUE RUE
RUN RUN
SHL SHOAL
SHLS SHOALS
SHR SHORE SHOAR
SHRS SHORES SHOARS
SKWY SKYWAY
SPG SPRING SPNG SPRNG
SPGS SPRINGS SPNGS SPRNGS
SPUR SPUR SPURS
SQ SQUARE SQR SQRE SQU
SQS SQUARES SQRS
STA STATION STATN STN
STRA STRAVENUE STRAV STRAVEN STRAVN STRVN STRVNUE
STRM STREAM STREME
ST STREET STRT STR
STS STREETS
SMT SUMMIT SUMIT SUMITT
TER TERRACE TERR
TRWY THROUGHWAY
TRCE TRACE TRACES
TRAK TRACK TRACKS TRK TRKS
TRFY TRAFFICWAY
TRL TRAIL TRAILS TRLS
TRLR TRAILER TRLRS
TUNL TUNNEL TUNEL TUNLS TUNNELS TUNNL
TPKE TURNPIKE TRNPK TURNPK
UPAS UNDERPASS
UN UNION
UNS UNIONS
VLY VALLEY VALLY VLLY
VLYS VALLEYS
VIA VIADUCT VDCT VIADCT
VW VIEW
VWS VIEWS
VLG VILLAGE VILL VILLAG VILLG VILLIAGE
VLGS VILLAGES
VL VILLE
VIS VISTA VIST VST VSTA
WALK WALK WALKS
WALL WALL
WAY WAY WY
WAYS WAYS
WL WELL
WLS WELLS
`;

function buildSuffixes(): { byVariant: Map<string, string>; nameOf: Map<string, string> } {
  const byVariant = new Map<string, string>();
  const nameOf = new Map<string, string>();
  for (const line of C1.trim().split('\n')) {
    const [abbr, name, ...variants] = line.trim().split(/\s+/) as [string, string, ...string[]];
    if (!nameOf.has(abbr)) nameOf.set(abbr, name);
    for (const v of [abbr, name, ...variants]) if (!byVariant.has(v)) byVariant.set(v, abbr);
  }
  return { byVariant, nameOf };
}
const SUFFIXES = buildSuffixes();

/** Every standard C1 abbreviation (ST, AVE, ...), for tests and for the UI's explanation of a change. */
export const STREET_SUFFIX_ABBREVIATIONS: readonly string[] = [...SUFFIXES.nameOf.keys()];

/** The USPS abbreviation for a street suffix or any common variant of it ("AVENUE", "AVN", "Ave." → "AVE"), or null. */
export function streetSuffix(word: string): string | null {
  // Parsed tokens are already upper case without periods: then the word is its own lookup key.
  if (isKeyForm(word)) return SUFFIXES.byVariant.get(word) ?? null;
  return SUFFIXES.byVariant.get(word.toUpperCase().replace(/\./g, '')) ?? null;
}

/** Text that upper-casing and dropping periods leave unchanged (ASCII capitals, digits, #, -). */
const KEY_FORM = /^[A-Z0-9#-]*$/;
/** KEY_FORM.test(word) by a scan of the char codes: the parser asks it of nearly every token, several times. */
function isKeyForm(word: string): boolean {
  if (typeof word !== 'string') return KEY_FORM.test(word);
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 35 || c === 45)) return false;
  }
  return true;
}
/** The primary (spelled-out) name of a standard suffix abbreviation ("AVE" → "AVENUE"). */
export function streetSuffixName(abbr: string): string | null {
  return SUFFIXES.nameOf.get(abbr) ?? null;
}

const DIRECTIONALS = new Map<string, string>([
  ['N', 'N'], ['NORTH', 'N'], ['S', 'S'], ['SOUTH', 'S'], ['E', 'E'], ['EAST', 'E'], ['W', 'W'], ['WEST', 'W'],
  ['NE', 'NE'], ['NORTHEAST', 'NE'], ['NW', 'NW'], ['NORTHWEST', 'NW'], ['SE', 'SE'], ['SOUTHEAST', 'SE'], ['SW', 'SW'], ['SOUTHWEST', 'SW'],
]);
/** The USPS directional ("North", "N." → "N"; "Northwest" → "NW"), or null. */
export function directional(word: string): string | null {
  if (isKeyForm(word)) return DIRECTIONALS.get(word) ?? null;
  return DIRECTIONALS.get(word.toUpperCase().replace(/\./g, '')) ?? null;
}

/** Pub 28 Appendix C2: standard designator, whether USPS requires a number (range) after it, and its spellings. */
const C2: ReadonlyArray<readonly [string, boolean, readonly string[]]> = [
  ['APT', true, ['APARTMENT', 'APT', 'APTS', 'APTMT', 'APMT']],
  ['BSMT', false, ['BASEMENT', 'BSMT']],
  ['BLDG', true, ['BUILDING', 'BLDG', 'BLDNG', 'BLD', 'BDG']],
  ['DEPT', true, ['DEPARTMENT', 'DEPT', 'DPT']],
  ['FL', true, ['FLOOR', 'FL', 'FLR']],
  ['FRNT', false, ['FRONT', 'FRNT']],
  ['HNGR', true, ['HANGAR', 'HANGER', 'HNGR']],
  ['KEY', true, ['KEY']],
  ['LBBY', false, ['LOBBY', 'LBBY']],
  ['LOT', true, ['LOT']],
  ['LOWR', false, ['LOWER', 'LOWR']],
  ['OFC', false, ['OFFICE', 'OFC']],
  ['PH', false, ['PENTHOUSE', 'PH', 'PENTHSE']],
  ['PIER', true, ['PIER']],
  ['REAR', false, ['REAR']],
  ['RM', true, ['ROOM', 'RM']],
  ['SIDE', false, ['SIDE']],
  ['SLIP', true, ['SLIP']],
  ['SPC', true, ['SPACE', 'SPC']],
  ['STOP', true, ['STOP']],
  ['STE', true, ['SUITE', 'STE', 'SUIT', 'SUTE']],
  ['TRLR', true, ['TRAILER', 'TRLR']],
  ['UNIT', true, ['UNIT']],
  ['UPPR', false, ['UPPER', 'UPPR']],
];
const UNIT_BY_VARIANT = new Map<string, { abbr: string; needsNumber: boolean }>();
for (const [abbr, needsNumber, names] of C2) for (const n of names) UNIT_BY_VARIANT.set(n, { abbr, needsNumber });

/** Every word any of the C1 suffix, directional or C2 designator tables knows (in key form), for lookups built on them. */
export function addressTableWords(): string[] {
  return [...SUFFIXES.byVariant.keys(), ...DIRECTIONALS.keys(), ...UNIT_BY_VARIANT.keys(), '#'];
}

/** Every standard C2 designator, for tests. */
export const UNIT_DESIGNATORS: readonly string[] = C2.map(([abbr]) => abbr);

/** The USPS secondary unit designator ("Suite" → STE) and whether it takes a number, or null. "#" is its own designator. */
export function unitDesignator(word: string): { abbr: string; needsNumber: boolean } | null {
  const w = isKeyForm(word) ? word : word.toUpperCase().replace(/\./g, '');
  if (w === '#') return { abbr: '#', needsNumber: true };
  return UNIT_BY_VARIANT.get(w) ?? null;
}

/** USPS state and territory codes with their names, including military "states" AA/AE/AP. */
export const STATES: ReadonlyArray<readonly [string, string]> = [
  ['AL', 'ALABAMA'], ['AK', 'ALASKA'], ['AZ', 'ARIZONA'], ['AR', 'ARKANSAS'], ['CA', 'CALIFORNIA'], ['CO', 'COLORADO'],
  ['CT', 'CONNECTICUT'], ['DE', 'DELAWARE'], ['DC', 'DISTRICT OF COLUMBIA'], ['FL', 'FLORIDA'], ['GA', 'GEORGIA'],
  ['HI', 'HAWAII'], ['ID', 'IDAHO'], ['IL', 'ILLINOIS'], ['IN', 'INDIANA'], ['IA', 'IOWA'], ['KS', 'KANSAS'],
  ['KY', 'KENTUCKY'], ['LA', 'LOUISIANA'], ['ME', 'MAINE'], ['MD', 'MARYLAND'], ['MA', 'MASSACHUSETTS'],
  ['MI', 'MICHIGAN'], ['MN', 'MINNESOTA'], ['MS', 'MISSISSIPPI'], ['MO', 'MISSOURI'], ['MT', 'MONTANA'],
  ['NE', 'NEBRASKA'], ['NV', 'NEVADA'], ['NH', 'NEW HAMPSHIRE'], ['NJ', 'NEW JERSEY'], ['NM', 'NEW MEXICO'],
  ['NY', 'NEW YORK'], ['NC', 'NORTH CAROLINA'], ['ND', 'NORTH DAKOTA'], ['OH', 'OHIO'], ['OK', 'OKLAHOMA'],
  ['OR', 'OREGON'], ['PA', 'PENNSYLVANIA'], ['RI', 'RHODE ISLAND'], ['SC', 'SOUTH CAROLINA'], ['SD', 'SOUTH DAKOTA'],
  ['TN', 'TENNESSEE'], ['TX', 'TEXAS'], ['UT', 'UTAH'], ['VT', 'VERMONT'], ['VA', 'VIRGINIA'], ['WA', 'WASHINGTON'],
  ['WV', 'WEST VIRGINIA'], ['WI', 'WISCONSIN'], ['WY', 'WYOMING'],
  ['PR', 'PUERTO RICO'], ['VI', 'VIRGIN ISLANDS'], ['GU', 'GUAM'], ['AS', 'AMERICAN SAMOA'],
  ['MP', 'NORTHERN MARIANA ISLANDS'], ['FM', 'FEDERATED STATES OF MICRONESIA'], ['MH', 'MARSHALL ISLANDS'], ['PW', 'PALAU'],
  ['AA', 'ARMED FORCES AMERICAS'], ['AE', 'ARMED FORCES EUROPE'], ['AP', 'ARMED FORCES PACIFIC'],
];

/** Old-style (GPO/AP) abbreviations and everyday spellings seen in lists; keys are upper case without dots. */
const STATE_ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['ALA', 'AL'], ['ALAS', 'AK'], ['ARIZ', 'AZ'], ['ARK', 'AR'], ['CAL', 'CA'], ['CALIF', 'CA'], ['CALI', 'CA'],
  ['COLO', 'CO'], ['COL', 'CO'], ['CONN', 'CT'], ['DEL', 'DE'], ['WASHINGTON DC', 'DC'], ['WASH DC', 'DC'],
  ['FLA', 'FL'], ['FLOR', 'FL'], ['HAW', 'HI'], ['IDA', 'ID'], ['ILL', 'IL'], ['ILLS', 'IL'], ['IND', 'IN'], ['KAN', 'KS'],
  ['KANS', 'KS'], ['KEN', 'KY'], ['KENT', 'KY'], ['MASS', 'MA'], ['MICH', 'MI'], ['MINN', 'MN'], ['MISS', 'MS'],
  ['MONT', 'MT'], ['NEB', 'NE'], ['NEBR', 'NE'], ['NEV', 'NV'], ['N MEX', 'NM'], ['N MEXICO', 'NM'], ['NMEX', 'NM'],
  ['N DAK', 'ND'], ['NDAK', 'ND'], ['S DAK', 'SD'], ['SDAK', 'SD'], ['OKLA', 'OK'], ['ORE', 'OR'], ['OREG', 'OR'],
  ['PENN', 'PA'], ['PENNA', 'PA'], ['TENN', 'TN'], ['TEX', 'TX'], ['VIRG', 'VA'], ['WASH', 'WA'], ['W VA', 'WV'],
  ['WVA', 'WV'], ['W VIRGINIA', 'WV'], ['WIS', 'WI'], ['WISC', 'WI'], ['WYO', 'WY'], ['US VIRGIN ISLANDS', 'VI'],
  ['U S VIRGIN ISLANDS', 'VI'], ['USVI', 'VI'], ['VIRGIN ISLANDS OF THE UNITED STATES', 'VI'],
  ['COMMONWEALTH OF PUERTO RICO', 'PR'], ['MICRONESIA', 'FM'], ['REPUBLIC OF PALAU', 'PW'],
  ['NORTHERN MARIANAS', 'MP'], ['CNMI', 'MP'], ['ARMED FORCES AFRICA', 'AE'], ['ARMED FORCES CANADA', 'AE'],
  ['ARMED FORCES MIDDLE EAST', 'AE'], ['ARMED FORCES EUROPE MIDDLE EAST AFRICA AND CANADA', 'AE'],
  ['STATE OF NEW YORK', 'NY'], ['NEW YORK STATE', 'NY'], ['NYS', 'NY'], ['N CAROLINA', 'NC'], ['S CAROLINA', 'SC'],
  ['N DAKOTA', 'ND'], ['S DAKOTA', 'SD'], ['N HAMPSHIRE', 'NH'], ['N JERSEY', 'NJ'], ['N YORK', 'NY'],
];

/** Lookup keyed by code, name and alias (upper case, dots and extra spaces removed). */
export const STATE_LOOKUP: ReadonlyMap<string, string> = new Map<string, string>([
  ...STATES.map(([c]) => [c, c] as const),
  ...STATES.map(([c, n]) => [n, c] as const),
  ...STATE_ALIASES,
]);

/** Name of a state code ("MA" → "MASSACHUSETTS"), or null. */
export function stateName(code: string): string | null {
  return STATES.find(([c]) => c === code)?.[1] ?? null;
}
