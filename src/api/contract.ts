// The one API contract: every method's input schema and result type, and every event. All hosts carry exactly this.
import { z } from 'zod';

export const LIST_ROLES = ['prospects', 'customers', 'suppression', 'responses'] as const;
export type ListRole = (typeof LIST_ROLES)[number];

/** A file the host handed to the engine (from a dialog, an upload or a CLI argument); the renderer never sees paths. */
// Extra keys (name, size) that hosts attach for display are dropped, not refused.
export const fileRefSchema = z.object({ fileId: z.string().min(1).max(100) });
export type FileRef = z.infer<typeof fileRefSchema>;

const id = z.string().min(1).max(100);
const projectInput = z.object({ projectId: id }).strict();

/** The canonical fields a column can be mapped to; anything else is kept as a custom field under its own header. */
export const CANONICAL_FIELDS = [
  'prefix', 'first_name', 'middle_name', 'last_name', 'suffix', 'full_name', 'birth_date', 'national_id',
  'company', 'title', 'email', 'phone', 'mobile',
  'house_number', 'address1', 'address2', 'city', 'state', 'zip', 'country',
  'website', 'industry', 'employees', 'revenue', 'orders', 'first_order_date', 'last_order_date',
  'customer_id', 'source', 'acquired_date',
  'mailed_date', 'responded', 'converted', 'amount', 'activity', 'activity_date',
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

/** How to read a source file; every field is optional and overrides what Winnow detected. */
export const readOptionsSchema = z
  .object({
    /** A WHATWG encoding label: utf-8, utf-16le, utf-16be, windows-1252, iso-8859-1, ... */
    encoding: z.string().trim().min(1).max(40).optional(),
    /** One of , \t ; | (or the words comma, tab, semicolon, pipe). */
    delimiter: z.string().min(1).max(10).optional(),
    /** Workbook sheet by name (xlsx only); default the first sheet with data. */
    sheet: z.string().min(1).max(200).optional(),
    /** 1-based row of the file that holds the header (title rows above it are kept aside); default detected. */
    headerRow: z.number().int().min(1).max(1000).optional(),
  })
  .strict();
export type ReadOptions = z.infer<typeof readOptionsSchema>;

/** A column's mapping: the canonical field it feeds, or null for a custom field kept under its header. */
export const columnMappingSchema = z.object({ index: z.number().int().min(0).max(100_000), field: z.enum(CANONICAL_FIELDS).nullable() }).strict();
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/** Details a user gives about a list when importing it (all optional). */
export const listDetailsSchema = z
  .object({
    vendor: z.string().max(200).optional(),
    /** What the list cost, in dollars. */
    pricePaid: z.number().min(0).max(1e9).optional(),
    /** What the list cost per thousand records (CPM), in dollars, when it was priced that way; pricePaid wins when both are given. */
    cpm: z.number().min(0).max(1e7).optional(),
    /** ISO date (yyyy-mm-dd). */
    purchaseDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    /** For suppression lists: what kind of do-not-mail list this is. */
    suppressionKind: z.enum(['do-not-mail', 'unsubscribes', 'deceased', 'competitors', 'other']).optional(),
    /** For campaign responses: the campaign's name. */
    campaign: z.string().max(200).optional(),
    notes: z.string().max(2000).optional(),
  })
  .strict();
export type ListDetails = z.infer<typeof listDetailsSchema>;

export interface ColumnInfo {
  /** 0-based position in the source file. */
  index: number;
  /** The column's name as shown: the header text, made unique ("Email (2)") and never empty ("Column 7"). */
  name: string;
  /** The header cell exactly as it appears in the file, when it differs from `name`. */
  original?: string;
  /** The canonical field this column feeds, or null for a custom field. Absent on lists imported before mapping existed. */
  field?: CanonicalField | null;
}

export interface SourceFormat {
  /** 'delimited' text or an 'xlsx' workbook. Absent means delimited (lists imported before workbooks). */
  kind?: 'delimited' | 'xlsx';
  encoding: string;
  bom: boolean;
  delimiter: string;
  newline: string;
  quoteChar: string;
  /** xlsx: the sheet that was imported. */
  sheet?: string;
  /** 1-based row of the file holding the header. */
  headerRow?: number;
  /** Rows above the header (titles, notes), kept exactly as read. */
  preamble?: string[][];
}

export interface ListInfo {
  id: number;
  name: string;
  role: ListRole;
  sourceFile: string | null;
  sourceSize: number | null;
  importedAt: string;
  rowCount: number;
  columns: ColumnInfo[];
  format: SourceFormat | null;
  details: ListDetails;
  /** Rows kept with a problem (wrong cell count, undecodable bytes), listed by lists.problems. */
  problemCount: number;
  /** The last clean of this list, or null when it was never cleaned. */
  clean: ListCleanInfo | null;
}

/** Where a list stands after cleaning: when, and how many records pass each verdict. */
export interface ListCleanInfo {
  cleanedAt: string;
  /** Records cleaned (every row of the list). */
  rows: number;
  mailable: number;
  emailable: number;
  callable: number;
  /** Records with at least one warning or error. */
  withIssues: number;
  /** Mean data-quality score, 0-100. */
  averageQuality: number;
}

export interface ProjectInfo {
  projectId: string;
  name: string;
  /** Where the project file lives, for display only. */
  location: string;
  schemaVersion: number;
  lists: ListInfo[];
}

export interface ProjectCheckResult {
  ok: boolean;
  /** SQLite's findings in its words (at most 20); empty when ok. */
  problems: string[];
  seconds: number;
}

/** What project.recover copied from a damaged file, table by table and list by list. */
export interface RecoverResult {
  /** Where the new project was written, for display only. */
  location: string;
  /** Every table of the new project that the old file had: rows copied, and rows known or guessed to be lost. */
  tables: { name: string; copied: number; lost: boolean; note?: string }[];
  /** Per list: rows it had (row_count) and rows copied. */
  lists: { listId: number; name: string; rows: number; recovered: number }[];
  /** Tables of the old file that could not be read at all. */
  unreadable: string[];
  /** True when every row of every table was copied. */
  complete: boolean;
  /** A few sentences for the user: what was lost and what to do next. */
  summary: string[];
  seconds: number;
}

export interface RecentProject {
  recentId: string;
  name: string;
  location: string;
  openedAt: string;
  exists: boolean;
}

/** The canonical field a cleaning finding is about; the grid puts its badge on the columns that feed that field. */
export const ISSUE_FIELDS = ['name', 'company', 'title', 'email', 'phone', 'address', 'city', 'state', 'zip'] as const;
export type IssueField = (typeof ISSUE_FIELDS)[number];
export type IssueSeverity = 'error' | 'warning' | 'info';

/** One finding of the clean step about one field of one record. */
export interface RecordIssue {
  field: IssueField;
  /** Stable code, "<field>.<what>": 'email.typo', 'zip.state_mismatch', 'name.company_in_person_field'. */
  code: string;
  severity: IssueSeverity;
  /** Plain words for a mail coordinator. */
  message: string;
  /** A proposed fix the user may accept (never applied automatically), e.g. the e-mail with its domain typo fixed. */
  suggestion?: string;
  /** 0-based source columns this finding is about (the columns mapped to the field); empty when the list has none. */
  columns: number[];
}

/** The verdicts of the clean step for one record. */
export interface RecordVerdict {
  mailable: boolean;
  emailable: boolean;
  callable: boolean;
  /** Data quality 0-100. */
  quality: number;
}

export interface GridRow {
  /** 1-based position in the view (equals rowNo when the view is not filtered). */
  pos: number;
  /** 1-based data row number in the source file. */
  rowNo: number;
  /** The current value of every source column: the imported value, or the user's edit of it. */
  cells: string[];
  /** Columns (0-based) the user edited; their imported value is kept and shown in the record drawer. */
  edited?: number[];
  /** Present once the list has been cleaned. */
  verdict?: RecordVerdict;
  /** Warnings and errors of the clean step (info findings are only in records.get). */
  issues?: RecordIssue[];
  /**
   * The row's record is gone: it was in a damaged part of the file when the project was recovered. Its row number is
   * kept so the others keep theirs; cells are empty. Only the whole-list view shows such rows.
   */
  lost?: true;
}

export interface RowWindow {
  listId: number;
  /** Rows in the view (the whole list, or the rows that match the filter). */
  total: number;
  rows: GridRow[];
  /** How the view's rows were worked out, when the call asked for a view. */
  view?: GridViewState;
}

/** One kind of finding in a list and how many records have it, for the "rows with issues of kind X" filter. */
export interface IssueKindCount {
  code: string;
  field: IssueField;
  severity: IssueSeverity;
  /** Short words for the filter menu: "Likely e-mail typo". */
  label: string;
  records: number;
}

/** A normalized (canonical) value beside the raw one, for the record drawer. */
export interface NormalizedValue {
  field: string;
  /** Label for people: "ZIP+4", "Last name". */
  label: string;
  value: string;
}

export interface RecordDetail {
  listId: number;
  rowNo: number;
  lineNo: number;
  columns: { index: number; name: string; field: CanonicalField | null; raw: string; value: string; edited: boolean }[];
  /** Null until the list is cleaned. */
  clean: null | {
    verdict: RecordVerdict;
    /** Why the quality score is what it is, biggest effect first: "No phone number (−15)". */
    qualityReasons: string[];
    normalized: NormalizedValue[];
    issues: RecordIssue[];
    /** 'person' | 'couple' | 'company' | 'empty' | 'unparsed' */
    nameKind: string;
  };
  /** A licensed service bureau's CASS/DPV/NCOA result for this record (postal.import), when there is one. */
  postal?: RecordPostal | null;
}

/** One change a user made to a cell, in the project's undo history. */
export interface EditInfo {
  seq: number;
  listId: number;
  listName: string;
  rowNo: number;
  column: number;
  columnName: string;
  /** The value before and after this change. */
  before: string;
  after: string;
  at: string;
  /** Present when the change was one step of many cells (records.editMany); the fields above then describe its first cell. */
  group?: EditGroupInfo;
}

/** What a many-cell change was: a copied range pasted, a selection cleared, or one value filled into a selection. */
export const EDIT_ACTIONS = ['paste', 'clear', 'fill'] as const;
export type EditAction = (typeof EDIT_ACTIONS)[number];

/** A change of many cells that Undo and Redo take as one step. */
export interface EditGroupInfo {
  action: EditAction;
  /** Cells it changed (cells that already held the value are not counted). */
  cells: number;
}

/** At most this many changed rows come back from records.editMany, edits.undo and edits.redo for patching the grid. */
export const MAX_PATCH_ROWS = 1000;

/** What Undo and Redo would do now (labels in words: 'Undo edit of "Email" in row 12', 'Undo paste of 120 cells'). */
export interface EditsState {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}

/** The clean report. */
export interface CleanResult {
  lists: (ListCleanInfo & { listId: number; listName: string })[];
  /** Every kind of finding across the cleaned lists, most frequent first. */
  issues: IssueKindCount[];
  seconds: number;
}

/** Match levels: the same individual, the same household (surname at an address), the same organization at a site, the same address. */
export const MATCH_LEVELS = ['person', 'household', 'company', 'address'] as const;
export type MatchLevel = (typeof MATCH_LEVELS)[number];

/** One list's part in a merge/purge, in service-bureau words. */
export interface MergeListReport {
  listId: number;
  listName: string;
  role: ListRole;
  /** Rank in source priority (1 = its records survive over every other list's). */
  priority: number;
  rows: number;
  /** Records dropped because another record of the same list is the same entity. */
  duplicatesWithin: number;
  /** Records dropped because a list with higher priority holds the same entity. */
  duplicatesBetween: number;
  /** Records of entities found on two or more lists. */
  multiBuyers: number;
  /** Records that stay: one per entity, this list's where it has the highest priority. */
  kept: number;
}

/** The merge/purge report. */
export interface MergePurgeResult {
  runId: number;
  level: MatchLevel;
  rowsBefore: number;
  rowsAfter: number;
  /** Entities with two or more records. */
  clusters: number;
  /** Records in those clusters. */
  clusteredRecords: number;
  /** Entities found on two or more lists. */
  multiBuyers: number;
  /** Pairs merged automatically, and doubtful pairs waiting in the review queue. */
  mergedPairs: number;
  reviewPairs: number;
  candidatePairs: number;
  lists: MergeListReport[];
  seconds: number;
}

/** A merge/purge run as the Duplicates view lists it. */
export interface MatchRunInfo {
  runId: number;
  level: MatchLevel;
  createdAt: string;
  listIds: number[];
  /** The report, with counts brought up to date after review decisions. */
  report: MergePurgeResult;
  /** Doubtful pairs nobody has decided yet. */
  toReview: number;
}

/** A record of a run, by list and row. */
export interface RecordRef {
  listId: number;
  rowNo: number;
}

/** One side of a pair as the review shows it: the list, the row, and its values per field (raw and cleaned). */
export interface PairSide extends RecordRef {
  listName: string;
  /** Label, raw value (as imported, with edits) and cleaned value of each field either side has; differs: the two disagree. */
  fields: { field: string; label: string; raw: string; cleaned: string; differs: boolean }[];
}

/** A pair of records with its evidence. */
export interface PairReview {
  a: PairSide;
  b: PairSide;
  probability: number;
  /** log2 odds (prior included). */
  weight: number;
  /** The evidence in words, strongest first, each with its weight. */
  evidence: { field: string; says: string; weight: number }[];
  /** One sentence: "same e-mail; first names Bob/Robert are nicknames; ...". */
  explanation: string;
  /** Whether the two are in one cluster now. */
  merged: boolean;
  /** The user's decision in force for this pair, if any. */
  decision: DecisionInfo | null;
}

export interface DecisionInfo {
  seq: number;
  decision: 'same' | 'different';
  at: string;
  undoneAt: string | null;
  /** "Merged row 12 of House file with row 3 of Bought list". */
  label: string;
  a: RecordRef;
  b: RecordRef;
}

export const SURVIVOR_FIELDS = ['name', 'company', 'title', 'address', 'email', 'phone'] as const;
export const SURVIVOR_RULES = ['priority', 'complete', 'recent', 'longest'] as const;

/** A cluster and its merged record: each field's value, the member it came from and the rule (or pick) that chose it. */
export interface ClusterReview {
  /** Members in source-priority order; the survivor (whose record the merged one starts from) first. */
  members: (PairSide & { survivor: boolean })[];
  merged: { field: (typeof SURVIVOR_FIELDS)[number]; label: string; value: string; from: RecordRef | null; rule: (typeof SURVIVOR_RULES)[number] | 'pick'; why: string }[];
}

/** How a suppression entry matches a record: 'auto' = the most specific level the entry's own fields allow (a person by
 * name + address or name + e-mail/phone; a company at an address; an address; an e-mail; a phone). */
export const SUPPRESS_LEVELS = ['auto', 'person', 'household', 'company', 'address', 'email', 'phone'] as const;
export type SuppressLevel = (typeof SUPPRESS_LEVELS)[number];

export const MAILING_CHANNELS = ['direct-mail', 'email', 'tradeshow', 'telemarketing'] as const;
/** The CRMs whose lead import the sales-ready hand-off file is laid out for (their own column names). */
export const CRM_LAYOUTS = ['salesforce', 'hubspot'] as const;
export type CrmLayout = (typeof CRM_LAYOUTS)[number];
export type MailingChannel = (typeof MAILING_CHANNELS)[number];

const targetListId = z.number().int().positive();
const inOrOut = z.enum(['include', 'exclude']).default('include');

/** One step of a targeting waterfall. Each step removes records from what the steps before it kept. */
export const targetStepSchema = z.discriminatedUnion('kind', [
  /** Records matching an entry of these lists (do-not-mail, competitors, any list) are removed. */
  z.object({ kind: z.literal('suppress'), listIds: z.array(targetListId).min(1).max(100), level: z.enum(SUPPRESS_LEVELS).default('auto') }).strict(),
  /** Existing customers (the project's customer lists unless listIds name others): excluded, or the only ones kept. */
  z
    .object({
      kind: z.literal('customers'),
      mode: z.enum(['exclude', 'only']).default('exclude'),
      listIds: z.array(targetListId).min(1).max(100).optional(),
      level: z.enum(SUPPRESS_LEVELS).default('auto'),
    })
    .strict(),
  /** Two-letter state codes (the state of the record's ZIP, else its state field). */
  z.object({ kind: z.literal('states'), mode: inOrOut, states: z.array(z.string().trim().regex(/^[A-Za-z]{2}$/, 'a two-letter state code')).min(1).max(70) }).strict(),
  /** Three-digit ZIP (SCF) areas. */
  z.object({ kind: z.literal('zip3'), mode: inOrOut, zip3: z.array(z.string().trim().regex(/^\d{3}$/, 'three digits')).min(1).max(1000) }).strict(),
  z.object({ kind: z.literal('zips'), mode: inOrOut, zips: z.array(z.string().trim().regex(/^\d{5}$/, 'five digits')).min(1).max(50_000) }).strict(),
  /** Great-circle miles between ZIP centroids: around a ZIP ("89501") or an address's ZIP ("12 Main St, Reno NV 89501"). */
  z.object({ kind: z.literal('radius'), center: z.string().trim().min(3).max(300), miles: z.number().positive().max(5000), mode: inOrOut }).strict(),
  /** Removes records mailed (this record, or the same person on another list) within the last `days` days, per the ledger. */
  z.object({ kind: z.literal('notMailed'), days: z.number().int().min(1).max(3650), channels: z.array(z.enum(MAILING_CHANNELS)).min(1).max(4).optional() }).strict(),
  /** At most `pieces` pieces per household (surname at an address) within `days` days, counting the ledger and this set. */
  z.object({ kind: z.literal('householdLimit'), pieces: z.number().int().min(1).max(100), days: z.number().int().min(1).max(3650) }).strict(),
  /** Removes records without a deliverable postal address (the clean step's "mailable" verdict). */
  z.object({ kind: z.literal('mailable') }).strict(),
  /** Keeps only multi-buyers: people found on at least `minLists` bought lists (this one included). */
  z.object({ kind: z.literal('multiBuyers'), minLists: z.number().int().min(2).max(100).default(2) }).strict(),
]);
export type TargetStep = z.output<typeof targetStepSchema>;
export type TargetStepInput = z.input<typeof targetStepSchema>;

/** A targeting recipe: the list to mail from and the ordered steps. */
export const targetRecipeSchema = z.object({ fromListId: targetListId, steps: z.array(targetStepSchema).max(50) }).strict();
export type TargetRecipe = z.output<typeof targetRecipeSchema>;
export type TargetRecipeInput = z.input<typeof targetRecipeSchema>;

/** One step of a waterfall as it ran: in − removed = the next step's in. */
export interface WaterfallStep {
  /** The step in words: 'Suppress "Do not mail" (person, auto)', 'Within 25 miles of 89501 (Reno, NV)'. */
  step: string;
  kind: TargetStep['kind'] | 'input';
  in: number;
  removed: number;
  /** More in words, when there is more to say: "3 entries too thin to match (a name alone)". */
  note?: string;
}

/** A waterfall run: the mailing set is the input records no step removed. */
export interface MailingRunResult {
  runId: number;
  fromListId: number;
  fromListName: string;
  recipeName: string | null;
  createdAt: string;
  steps: WaterfallStep[];
  /** Records of the input list, and records kept (the mailing set). */
  input: number;
  kept: number;
  /** Kept records also found on another bought list (flagged, not removed, unless a multi-buyer step asks). */
  multiBuyers: number;
  seconds: number;
}

/** A record a waterfall step removed, with the reason stored on it. */
export interface RemovedRecord extends RecordRef {
  /** 0-based index into the run's steps (0 is the input, so removals start at 1). */
  step: number;
  reason: string;
  /** The record in a few words: name, company, address. */
  summary: string;
}

/** An exported mailing, as the ledger keeps it. */
export interface MailingInfo {
  mailingId: number;
  name: string;
  channel: MailingChannel;
  /** ISO date (yyyy-mm-dd) the mailing went (or goes) out. */
  mailedAt: string;
  recipients: number;
  runId: number | null;
  fromListName: string | null;
  fileName: string | null;
  createdAt: string;
}

export interface RecipeInfo {
  name: string;
  recipe: TargetRecipe;
  updatedAt: string;
}

/** One 3-digit ZIP area with its counts: customers (house lists), prospects (the run's input list, or every bought list) and the mailing set. */
export interface GeoArea {
  zip3: string;
  /** The state most of its ZIPs are in, and a place name (the city of its first ZIP) for labels. */
  state: string;
  place: string;
  customers: number;
  prospects: number;
  kept: number;
  /** Part of the run's target area (every geography rule of the recipe lets it in). */
  target: boolean;
}

export interface GeoSummary {
  areas: GeoArea[];
  /** Radius rules of the run, resolved to a point. */
  circles: { lat: number; lon: number; miles: number; label: string }[];
  /** Records without a usable ZIP, per kind. */
  unplaced: { customers: number; prospects: number; kept: number };
}

/** A response model's training report: cross-validated AUC per model, the one kept, gains, and what it read. */
export interface ModelTrainResult {
  outcome: string;
  positive: string;
  rows: number;
  positives: number;
  folds: number;
  /** Mean cross-validated AUC of the model kept, and of each candidate. */
  auc: number;
  logistic: number;
  boosted: number | null;
  chosen: 'logistic' | 'gbt';
  /** Out-of-fold cumulative gains by decile of score. */
  gains: { depth: number; mailed: number; responders: number; captured: number; lift: number }[];
  /** Best-scored records to mail to reach half, and 80 %, of the responders (out of fold). */
  mailFor50: number;
  mailFor80: number;
  features: { name: string; kind: 'numeric' | 'date' | 'categorical' }[];
  leftOut: { name: string; why: string }[];
  warnings: string[];
  /** What moves scores most: the average size of each column's part of a score (log-odds), biggest first. */
  topFactors: { name: string; weight: number }[];
  savedTo: string | null;
  seconds: number;
}

export interface ScoreFileResult {
  rowsWritten: number;
  fileName: string;
  /** Columns the model reads that the file does not have (scored as missing). */
  missingColumns: string[];
  averageScore: number;
  seconds: number;
}

/** Tire-kicker and quality flags a user can switch on and off. */
export const FLAG_RULES = ['free_email', 'role_email', 'no_company', 'no_title', 'keywords', 'invalid_address', 'stale', 'responded_not_bought'] as const;
export type FlagRule = (typeof FLAG_RULES)[number];
export const READY_FIELDS = ['email', 'phone', 'company', 'title', 'address'] as const;

export const scoreSettingsSchema = z
  .object({
    rfm: z
      .object({
        /** Four ascending cut points each, giving scores 1-5; null: the house file's quintiles. */
        recencyDays: z.array(z.number().min(0)).length(4).nullable(),
        frequency: z.array(z.number().min(0)).length(4).nullable(),
        monetary: z.array(z.number().min(0)).length(4).nullable(),
        /** Best customers: R + F + M at least this (3-15). */
        bestMin: z.number().int().min(3).max(15),
      })
      .strict(),
    flags: z.partialRecord(z.enum(FLAG_RULES), z.boolean()),
    /** Words in a title or company that mark a student, a competitor or a tire-kicker ("student", "intern", a rival's name). */
    keywords: z.array(z.string().trim().min(1).max(100)).max(500),
    /** A record acquired more than this many months ago (acquired_date) and never updated is stale. */
    staleMonths: z.number().int().min(1).max(600),
    engagement: z
      .object({
        /** Days after which an event's points halve. */
        halfLifeDays: z.number().min(1).max(3650),
        /** Decayed points that make a lead hot (engagement 1). */
        hotPoints: z.number().min(0).max(1000),
        /** Points per event kind (form, download, badge_scan, email_click, visit, email_open, call_interested, call_not_interested, call_other, response, purchase). */
        points: z.record(z.string(), z.number().min(-100).max(100)),
      })
      .strict(),
    salesReady: z
      .object({
        /** Fit score (0-100) at or above which a lead can be sales-ready. */
        minFit: z.number().min(0).max(100),
        /** Fields a lead must have to be handed to sales. */
        required: z.array(z.enum(READY_FIELDS)).max(5),
        /** Whether a lead with any tire-kicker flag may still be sales-ready. */
        allowFlagged: z.boolean(),
      })
      .strict(),
  })
  .strict();
export type ScoreSettings = z.output<typeof scoreSettingsSchema>;

export interface RfmSegment {
  name: string;
  /** The rule in words: "R ≥ 4, F ≥ 4, M ≥ 4". */
  rule: string;
  customers: number;
  share: number;
  best: boolean;
}

/** One value of one attribute in the best-customer profile, with its index (100 = as common as among all customers). */
export interface ProfileAttribute {
  attribute: 'state' | 'zip3' | 'industry' | 'title' | 'employees' | 'emailType' | 'company';
  /** "Title", "State", "E-mail", ... */
  label: string;
  value: string;
  /** Best customers, all customers and prospects with this value. */
  best: number;
  all: number;
  prospects: number;
  indexVsAll: number;
  /** Null when there are no prospects to compare with. */
  indexVsProspects: number | null;
}

export interface BestCustomerProfile {
  customers: number;
  /** Customers with order history (a last order date, an order count or an amount). */
  withHistory: number;
  /** Recency is counted back from the newest order in the house file (yyyy-mm-dd), or null without dates. */
  asOf: string | null;
  /** The cut points in force (computed quintiles or the user's), 4 each. */
  thresholds: { recencyDays: number[]; frequency: number[]; monetary: number[] };
  bestMin: number;
  segments: RfmSegment[];
  best: number;
  /** Over-represented values first (index vs all customers), at least 3 best customers each. */
  attributes: ProfileAttribute[];
  prospects: number;
  /** Why the profile is thin, when it is ("no order dates or amounts: every customer counts as best"). */
  notes: string[];
}

/** A scored lead as the Sales-ready and leads views list it. */
export interface LeadRow extends RecordRef {
  listName: string;
  summary: string;
  /** Fit to the best-customer profile, 0-100 (percentile among the project's prospects). */
  fit: number;
  /** Fit letter A-D and engagement 1 (hot) - 3 (no sign yet): "A1". */
  grade: string;
  engagement: 1 | 2 | 3;
  /** The profile values that raise the fit most: "title Purchasing Manager: 3.1× more common among best customers". */
  reasons: string[];
  /** Tire-kicker and quality flags in words. */
  flags: string[];
  salesReady: boolean;
}

export interface ScoreRunResult {
  prospects: number;
  best: number;
  /** Leads per grade, "A1" … "D3". */
  grades: Record<string, number>;
  salesReady: number;
  /** Sales-ready now and not at the previous run. */
  newlySalesReady: number;
  flags: { rule: FlagRule; label: string; records: number }[];
  /** Activity and campaign records matched to prospects (person level), and the leads they touched. */
  engagement: { events: number; leads: number; hot: number };
  /** The response model learned from campaign lists with a responded column (null when there is none to learn from). */
  response: {
    auc: number;
    mailed: number;
    responders: number;
    chosen: 'logistic' | 'gbt';
    /** Out-of-fold cumulative gains by decile, and how many of the best-scored to mail to reach half / 80 % of responders. */
    gains: ModelTrainResult['gains'];
    mailFor50: number;
    mailFor80: number;
  } | null;
  notes: string[];
  seconds: number;
}

export type JobKind = 'import' | 'export' | 'clean' | 'dedupe' | 'mailing' | 'score' | 'audit' | 'postal';
export type JobStatus = 'running' | 'done' | 'cancelled' | 'failed' | 'interrupted';

/** The import report. */
export interface ImportResult {
  listId: number;
  listName: string;
  /** Data rows read from the file (after the header). */
  rowsRead: number;
  rowsImported: number;
  /** Rows imported whole but listed as problems (wrong cell count, undecodable bytes). */
  rowsWithProblems: number;
  blankLines: number;
  /** Title or note rows above the header, kept in the list's format. */
  skippedAboveHeader: number;
  kind: 'delimited' | 'xlsx';
  encoding: string;
  /** 'comma', 'tab', 'semicolon', 'pipe' — or 'xlsx' for a workbook. */
  delimiter: string;
  sheet: string | null;
  headerRow: number;
  /** How many columns were mapped to canonical fields, and how many kept as custom fields. */
  mappedColumns: number;
  customColumns: number;
  seconds: number;
}

export interface ExportResult {
  rowsWritten: number;
  file: FileRef;
  fileName: string;
  seconds: number;
  /** export.set: every file written (one per state, segment or band when split), with its rows. */
  files?: { key: string | null; fileName: string; rows: number }[];
  /** export.set: records considered, and those left out as the same household/company or by the cap. */
  considered?: number;
  onePerDropped?: number;
  limitDropped?: number;
  /** export.set: the ledger mailing this export was recorded under; `isNew` when the export formed the set. */
  mailing?: { mailingId: number; name: string; isNew: boolean };
  /** export.set with onePer: the merge/purge run used, and whether this export ran it. */
  matching?: { runId: number; level: string; ranNow: boolean };
}

export interface JobRecord {
  jobId: string;
  kind: JobKind;
  status: JobStatus;
  label: string;
  startedAt: string;
  finishedAt: string | null;
  result: JobResult | null;
  error: WinnowErrorData | null;
}

export type JobResult = ImportResult | ExportResult | CleanResult | MergePurgeResult | MailingRunResult | ScoreRunResult | AuditResult | PostalImportResult;

/**
 * What a service bureau's CASS/DPV/NCOA result file did (postal.import). Line numbers are the file's physical lines;
 * each `lines` list holds the first 20.
 */
export interface PostalImportResult {
  listId: number;
  listName: string;
  fileName: string;
  importId: number;
  /** Data rows read (after the header). */
  rows: number;
  /** Which column fed what: the header as in the file, and the field in words. */
  columns: { header: string; field: string; label: string }[];
  /** Rows whose key names a record of the list (the first row of each key). */
  matched: number;
  /** Rows whose key is not a record of the list (another list's, past its last row, or not a Winnow key). */
  unmatched: { count: number; lines: number[] };
  /** Later rows repeating a key (the first row was used). */
  duplicates: { count: number; lines: number[] };
  /** Rows with an empty key. */
  noKey: { count: number; lines: number[] };
  dpv: {
    /** Y, S or D: the building is a USPS delivery point. */
    confirmed: number;
    /** S or D: confirmed without the apartment or suite. */
    secondaryMissing: number;
    /** N */
    notConfirmed: number;
    /** No DPV code (the bureau did not match the address, or the file has no DPV column). */
    none: number;
  };
  vacant: number;
  moved: { total: number; newAddress: number; noForwarding: number };
  /** Matched records whose result makes them undeliverable (DPV N, vacant, or moved without a forwarding address). */
  undeliverable: number;
  /** Records that were mailable before this import and are not after it. */
  nowNotMailable: number;
  /** Records that were not mailable because of an earlier result and are mailable again (the new result clears them). */
  nowMailable: number;
  seconds: number;
}

/** A record's postal result as the record drawer shows it (records.get). */
export interface RecordPostal {
  fileName: string;
  importedAt: string;
  lineNo: number;
  /** The bureau's standardized address. */
  address1: string;
  address2: string;
  city: string;
  state: string;
  zip5: string;
  zip4: string;
  dpv: { code: 'Y' | 'S' | 'D' | 'N' | ''; words: string };
  vacant: boolean | null;
  move: null | {
    kind: 'new-address' | 'no-forwarding';
    /** individual, family, business, or ''. */
    type: string;
    date: string;
    code: string;
    /** "12 OAK ST, RENO NV 89501-1234" ('' without a new address). */
    newAddress: string;
    words: string;
  };
  /** The result makes the record undeliverable (not mailable). */
  undeliverable: boolean;
  /** False when the record's address was edited after the result came in: the result no longer counts. */
  applies: boolean;
  /** One sentence: "DPV confirmed deliverable (DPV Y); moved (family, effective 2024-03) to ...". */
  summary: string;
}

/** The steps of a list audit's waterfall, in order: each record is counted once, at the first step that finds it. */
export const AUDIT_STEP_KINDS = ['duplicates', 'house', 'earlier', 'suppressed', 'undeliverable', 'outside', 'stale'] as const;
export type AuditStepKind = (typeof AUDIT_STEP_KINDS)[number];

/** What one piece costs to print and to post, in dollars (project settings; the savings meter multiplies by pieces). */
export const auditCostsSchema = z
  .object({
    printPerPiece: z.number().min(0).max(100),
    postagePerPiece: z.number().min(0).max(100),
    /** A record mailed (this record, or the same person on another list) within this many days counts as recently mailed. */
    recentDays: z.number().int().min(1).max(3650),
  })
  .strict();
export type AuditCosts = z.output<typeof auditCostsSchema>;

/** Pieces not mailed, and the print and postage they would have cost. */
export interface Savings {
  pieces: number;
  print: number;
  postage: number;
  /** print + postage */
  total: number;
}

/** One step of the audit waterfall: found = records with this finding (whatever earlier steps took); removed = those not already counted. */
export interface AuditStep {
  kind: AuditStepKind;
  label: string;
  in: number;
  found: number;
  removed: number;
  /** Removed × the unit costs. */
  savings: Savings;
  note?: string;
}

/** A list's overlap with the house file or an earlier purchase (gross: every record of the audited list found on it). */
export interface AuditOverlap {
  listId: number;
  listName: string;
  role: ListRole;
  importedAt: string;
  records: number;
}

export interface ListAudit {
  listId: number;
  listName: string;
  role: ListRole;
  importedAt: string;
  vendor: string | null;
  purchaseDate: string | null;
  rows: number;
  /** The merge/purge level used for duplicates within the list. */
  level: MatchLevel;
  steps: AuditStep[];
  /** Net-new mailable records: what no step removed. */
  netNew: number;
  /** Every step's savings added up. */
  savings: Savings;
  house: AuditOverlap[];
  earlier: AuditOverlap[];
  suppression: AuditOverlap[];
  /** Records missing each field (after cleaning). */
  missing: { field: 'name' | 'address' | 'city' | 'state' | 'zip' | 'email' | 'phone'; label: string; records: number }[];
  verdicts: { mailable: number; emailable: number; callable: number; averageQuality: number };
  /** The list's price: total dollars, where it came from, and the CPM it works out to. */
  price: { total: number; cpm: number; source: 'list details' | 'given' } | null;
  /** price / netNew; null without a price or without net-new records. */
  costPerNetNew: number | null;
  /** Records and net-new records per state (two-letter code; '' = no state), most records first; inTarget null without a target area. */
  states: { state: string; records: number; netNew: number; inTarget: boolean | null }[];
  /** The same per 3-digit ZIP area (records without a US ZIP are left out), for the map. */
  zip3: { zip3: string; records: number; netNew: number; inTarget: boolean | null }[];
  notes: string[];
  /** Milliseconds per phase (reading, duplicates, house, earlier, suppression, rest), for benchmarks. */
  timings?: Record<string, number>;
}

/** The target area the audit checked against ("outside the target area"), or null when none is set. */
export interface AuditTarget {
  description: string;
  source: 'options' | 'recipe';
  recipeName: string | null;
}

export interface AuditResult {
  /** One list, or two side by side. */
  lists: ListAudit[];
  target: AuditTarget | null;
  costs: AuditCosts;
  staleMonths: number;
  createdAt: string;
  seconds: number;
}

export interface PreviewColumn extends ColumnInfo {
  field: CanonicalField | null;
  /** How sure the automatic mapping is, 0-1 (1 for a preset or an exact header synonym). */
  confidence: number;
  /** Why, in words: 'header "Zip Code" is a name for ZIP', '96% of values look like email addresses'. */
  reason: string;
}

/** What Winnow understood of a file before importing it: the user checks this, and may override any of it. */
export interface FilePreview {
  fileName: string;
  size: number;
  kind: 'delimited' | 'xlsx';
  encoding: string;
  /** Why this encoding, in words (BOM, valid UTF-8, statistical guess...). */
  encodingReason: string;
  bom: boolean;
  delimiter: string;
  newline: string;
  /** xlsx: every sheet's name, and the one shown. */
  sheets: string[];
  sheet: string | null;
  headerRow: number;
  /** Rows above the header (titles, notes). */
  preamble: string[][];
  columns: PreviewColumn[];
  /** The first data rows, decoded, so mojibake shows before anything is imported. */
  rows: string[][];
  /** The saved mapping preset whose header matches this file, if any (its mapping is already applied). */
  preset: string | null;
  /** Lists in the project imported from a file with the same content. */
  alreadyImported: { listId: number; listName: string; importedAt: string }[];
}

export interface ImportProblemRow {
  lineNo: number;
  rowNo: number | null;
  reason: string;
  cells: string[];
}

export interface MappingPreset {
  name: string;
  /** The header (column names in order) the preset was made for. */
  header: string[];
  mapping: ColumnMapping[];
  createdAt: string;
}

export interface WinnowErrorData {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'FILE_NOT_FOUND',
  'FILE_UNREADABLE',
  'FILE_EMPTY',
  'FILE_NOT_TEXT',
  'FILE_BAD_ENCODING',
  'PROJECT_UNREADABLE',
  'PROJECT_TOO_NEW',
  'PROJECT_NOT_OPEN',
  /** The file is a Winnow project but damaged (cut short, garbled pages): refused, with the way to recover it. */
  'PROJECT_DAMAGED',
  /** The project is open in another Winnow window or process (its lock file names the pid and computer). */
  'PROJECT_LOCKED',
  /** An upgrade to this version's format failed; the file is unchanged and a backup was made first. */
  'PROJECT_UPGRADE_FAILED',
  /** SQLITE_FULL or ENOSPC: nothing of the step was saved. */
  'DISK_FULL',
  'LIST_EXISTS',
  'ALREADY_IMPORTED',
  'JOB_CANCELLED',
  'BUSY',
  'NOT_SUPPORTED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Errors travel as data; this class carries them inside a process. */
export class WinnowError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'WinnowError';
    this.code = code;
    this.details = details;
  }
  toData(): WinnowErrorData {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
  static from(data: WinnowErrorData): WinnowError {
    return new WinnowError(data.code, data.message, data.details);
  }
}

/**
 * What a grid view filters, sorts and counts by: a column of the list (its current value: the user's edit, else the
 * imported one), the column mapped to a canonical field, or a value the clean / score / merge-purge steps worked out.
 * Clean values: state, zip5, quality (0-100), mailable / emailable / callable ('yes' | 'no'), issue (issue codes, a record
 * can have several), score (lead fit 0-100), scoreBand (fit letter A-D of the lead grade; '' when not scored), duplicate
 * ('unique' | 'kept' | 'merged' in the newest merge/purge run that included the list; 'unchecked' when none did).
 */
export const GRID_CLEAN_FIELDS = ['state', 'zip5', 'quality', 'mailable', 'emailable', 'callable', 'issue', 'score', 'scoreBand', 'duplicate'] as const;
export type GridCleanField = (typeof GRID_CLEAN_FIELDS)[number];
/** The worked-out values in words (facet headers, filter and sort pickers). */
export const GRID_CLEAN_LABELS: Record<GridCleanField, string> = {
  state: 'State',
  zip5: 'ZIP',
  quality: 'Quality',
  mailable: 'Mailable',
  emailable: 'E-mailable',
  callable: 'Callable',
  issue: 'Issue kind',
  score: 'Lead score',
  scoreBand: 'Score band',
  duplicate: 'Duplicate status',
};
export const gridTargetSchema = z.union([
  z.object({ column: z.number().int().min(0).max(100_000) }).strict(),
  z.object({ field: z.enum(CANONICAL_FIELDS) }).strict(),
  z.object({ clean: z.enum(GRID_CLEAN_FIELDS) }).strict(),
]);
export type GridTarget = z.infer<typeof gridTargetSchema>;

/**
 * Filter operators. equals / notEquals compare text case-insensitively (numbers numerically on a number column);
 * in is exact (facet selections; '' selects empty values); contains / startsWith ignore case (ASCII letters);
 * isEmpty counts blank (whitespace-only) values as empty; gt, gte, lt, lte, between compare numbers, or dates when the
 * value is a date (yyyy-mm-dd or m/d/yyyy); values of the column that are not numbers (dates) never match them.
 */
export const FILTER_OPS = ['equals', 'notEquals', 'contains', 'startsWith', 'isEmpty', 'isNotEmpty', 'gt', 'gte', 'lt', 'lte', 'between', 'in'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];
const filterScalar = z.union([z.string().max(1000), z.number().finite()]);
export const gridConditionSchema = z
  .object({
    target: gridTargetSchema,
    op: z.enum(FILTER_OPS),
    /** The operand of equals … lte, the lower bound of between. */
    value: filterScalar.optional(),
    /** The upper bound of between (inclusive). */
    to: filterScalar.optional(),
    /** The values of in. */
    values: z.array(z.string().max(1000)).max(10_000).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const needs = (key: 'value' | 'to' | 'values', ok: boolean) => {
      if (!ok) ctx.addIssue({ code: 'custom', path: [key], message: `"${c.op}" needs ${key === 'values' ? 'a list of values' : key === 'to' ? 'an upper bound (to)' : 'a value'}` });
    };
    if (c.op === 'in') needs('values', c.values !== undefined);
    else if (c.op === 'between') {
      needs('value', c.value !== undefined);
      needs('to', c.to !== undefined);
    } else if (c.op !== 'isEmpty' && c.op !== 'isNotEmpty') needs('value', c.value !== undefined);
  });
export type GridCondition = z.input<typeof gridConditionSchema>;
/** A filter: one condition, or a group of conditions of which any one may hold (OR). A view's filters all hold (AND). */
export const gridFilterSchema = z.union([gridConditionSchema, z.object({ any: z.array(gridConditionSchema).min(1).max(50) }).strict()]);
export type GridFilter = z.input<typeof gridFilterSchema>;
export const gridSortKeySchema = z.object({ target: gridTargetSchema, desc: z.boolean().default(false) }).strict();
/**
 * A view of a list: filters (AND), sort keys (first key first; empty values last in both directions; ties in file
 * order) and a quick search (case-insensitive substring over the cells of `searchColumns`, default every column).
 */
export const gridViewSchema = z
  .object({
    filters: z.array(gridFilterSchema).max(100).default([]),
    sort: z.array(gridSortKeySchema).max(10).default([]),
    search: z.string().max(200).default(''),
    searchColumns: z.array(z.number().int().min(0).max(100_000)).max(100_000).optional(),
  })
  .strict();
export type GridView = z.input<typeof gridViewSchema>;
export type GridViewParsed = z.output<typeof gridViewSchema>;

/** How a view's order was worked out: once per view, then kept (least recently used views are dropped first). */
export interface GridViewState {
  /** Milliseconds the engine took to filter and sort the whole list for this view (0 when it came from the cache). */
  buildMs: number;
  /** The view was built before the latest cell edit (or undo/redo): rows keep their places until it is asked for with refresh. */
  stale: boolean;
}

/** One facet: how many records of the view have each value, most frequent first. */
export interface FacetResult {
  target: GridTarget;
  /** Words for the panel header: the column name or "State", "Issue kind", "Score band", "Duplicate status". */
  label: string;
  /** The top values ('' is the empty value). For issue, a record counts once for each kind it has; '' = no issue; `label` says the kind in words. */
  values: { value: string; count: number; label?: string }[];
  /** Records with a value beyond the top ones, and how many such values there are. */
  other: { values: number; count: number };
  /** Records counted (the view without its own conditions on this target, as OpenRefine's facets do). */
  total: number;
}

/** Method name → input schema. Results are typed by `MethodResults` below. */
export const recordRefSchema = z.object({ listId: z.number().int().positive(), rowNo: z.number().int().min(1) }).strict();

export const methodInputs = {
  'app.info': z.object({}).strict(),
  /** The third-party notices and data attributions (markdown) for the About screen. */
  'app.notices': z.object({}).strict(),
  'project.create': z.object({ file: fileRefSchema, name: z.string().min(1).max(200).optional() }).strict(),
  'project.open': z.object({ file: fileRefSchema }).strict(),
  'project.openRecent': z.object({ recentId: id }).strict(),
  'project.openSample': z.object({}).strict(),
  'project.recent': z.object({}).strict(),
  'project.info': projectInput,
  'project.close': projectInput,
  /** PRAGMA quick_check of an open project (every page readable and well formed); integrity adds index-vs-table checks. */
  'project.check': z.object({ projectId: id, integrity: z.boolean().default(false) }).strict(),
  /**
   * Copies every readable list, record and setting of a damaged project file into a new project file (out must not exist).
   * The damaged file is a chosen file or a recent project.
   */
  'project.recover': z
    .object({ file: fileRefSchema.optional(), recentId: id.optional(), out: fileRefSchema })
    .strict()
    .refine((v) => (v.file === undefined) !== (v.recentId === undefined), { message: 'Give either the damaged file or a recent project.' }),
  /** A window of a list's rows; fromRow is a 1-based position in the view (the rows with issue code `issue`, or all). */
  'lists.rows': z
    .object({
      projectId: id,
      listId: z.number().int().positive(),
      fromRow: z.number().int().min(1),
      count: z.number().int().min(1).max(1000),
      issue: z.string().min(1).max(100).optional(),
      /** Filters, sort keys and quick search; fromRow is then a position in the view (with issue: both apply). */
      view: gridViewSchema.optional(),
      /** Work the view out again (after edits: a view keeps its rows in place until refreshed). */
      refresh: z.boolean().default(false),
    })
    .strict(),
  /** Where a record is in a view (1-based position, or null when the view leaves it out): keeps a selection in sight after a sort. */
  'lists.rowPosition': z
    .object({ projectId: id, listId: z.number().int().positive(), rowNo: z.number().int().min(1), view: gridViewSchema.optional() })
    .strict(),
  /** Value counts (top `limit` + other) of a few fields over a view of a list, for the facets panel. */
  'lists.facets': z
    .object({
      projectId: id,
      listId: z.number().int().positive(),
      view: gridViewSchema.optional(),
      facets: z.array(z.object({ target: gridTargetSchema, limit: z.number().int().min(1).max(1000).default(20) }).strict()).min(1).max(20),
    })
    .strict(),
  /** The kinds of warnings and errors the clean found in a list, with record counts (empty until the list is cleaned). */
  'lists.issues': z.object({ projectId: id, listId: z.number().int().positive() }).strict(),
  'lists.problems': z
    .object({ projectId: id, listId: z.number().int().positive(), offset: z.number().int().min(0).default(0), count: z.number().int().min(1).max(1000).default(200) })
    .strict(),
  /** Without a projectId the preview cannot match presets or earlier imports. */
  'import.preview': z.object({ file: fileRefSchema, projectId: id.optional(), options: readOptionsSchema.optional() }).strict(),
  'import.start': z
    .object({
      projectId: id,
      file: fileRefSchema,
      name: z.string().trim().min(1).max(200).optional(),
      role: z.enum(LIST_ROLES).default('prospects'),
      options: readOptionsSchema.optional(),
      /** The confirmed mapping; omitted columns and an omitted mapping use the automatic one. */
      mapping: z.array(columnMappingSchema).max(100_000).optional(),
      /** Save the mapping as a preset under this name, recognized again for files with the same header. */
      savePreset: z.string().trim().min(1).max(100).optional(),
      details: listDetailsSchema.optional(),
      /** The same file was imported before: 'refuse' (the default) fails with ALREADY_IMPORTED, 'import' imports it again. */
      ifAlreadyImported: z.enum(['refuse', 'import']).default('refuse'),
    })
    .strict(),
  'mapping.presets': projectInput,
  'mapping.deletePreset': z.object({ projectId: id, name: z.string().min(1).max(100) }).strict(),
  'export.start': z
    .object({
      projectId: id,
      listId: z.number().int().positive(),
      file: fileRefSchema,
      /** 'rows' (default): the list as imported; 'problems': the rows its import flagged, with line, row and reason. */
      what: z.enum(['rows', 'problems']).default('rows'),
      /** Rows only: 'original' (default) the list's columns with the user's edits; 'canonical' the cleaned canonical columns
       * (first_name … zip4, mailable, quality, issues); 'all' the canonical columns then the original ones. */
      fields: z.enum(['original', 'canonical', 'all']).default('original'),
      /** Rows only: a single quote before cells a spreadsheet would run as a formula (=, +, -, @, tab, CR; phone numbers kept). */
      neutralize: z.boolean().default(true),
    })
    .strict(),
  /**
   * Exports a list (or a ledger mailing's recipients) to CSV or .xlsx (by the file name): fields as a preset (original,
   * canonical, all, mail-merge) or names in order; one piece per household or company (matching first when there is no
   * current merge/purge of that level); the best-scored `limit`; ZIP order; one file per state, segment (grade) or score
   * band. A set formed from a list (onePer or limit) is recorded in the mailing ledger, and so is every export of a mailing.
   */
  'export.set': z
    .object({
      projectId: id,
      listId: z.number().int().positive().optional(),
      /** A ledger mailing, by name or number (instead of listId). */
      mailing: z.string().trim().min(1).max(200).optional(),
      file: fileRefSchema,
      fields: z.string().trim().min(1).max(10_000).default('original'),
      onePer: z.enum(['household', 'company']).optional(),
      sort: z.enum(['zip']).optional(),
      splitBy: z.enum(['state', 'segment', 'band']).optional(),
      limit: z.number().int().positive().max(100_000_000).optional(),
      /** CSV: start with a UTF-8 byte-order mark (Excel then reads accents right). */
      bom: z.boolean().default(false),
      /** false writes every value exactly (files no spreadsheet will open). */
      neutralize: z.boolean().default(true),
      /** Ledger name of a set formed here (default "LIST yyyy-mm-dd"). */
      name: z.string().trim().min(1).max(200).optional(),
      channel: z.enum(MAILING_CHANNELS).default('direct-mail'),
    })
    .strict()
    .refine((v) => (v.listId === undefined) !== (v.mailing === undefined), { message: 'Give either a list or a mailing to export.' }),
  /** Cleans one list, or every list of the project when listId is omitted. */
  'clean.start': z.object({ projectId: id, listId: z.number().int().positive().optional() }).strict(),
  /**
   * Finds duplicates within and across lists (cleaning any list not cleaned yet). listIds in source-priority order
   * (default: every list, customers first, then by import date, oldest first); level defaults to person when person
   * names are mapped, otherwise company.
   */
  'dedupe.start': z
    .object({
      projectId: id,
      listIds: z.array(z.number().int().positive()).min(1).max(100).optional(),
      level: z.enum(MATCH_LEVELS).optional(),
      /** How each field of a merged record is chosen (default: name and address most complete, company by source priority, the rest most recent). */
      survivorship: z.partialRecord(z.enum(SURVIVOR_FIELDS), z.enum(SURVIVOR_RULES)).optional(),
    })
    .strict(),
  'dedupe.runs': projectInput,
  /** Doubtful pairs of a run (default: the newest) that nobody has decided, most uncertain first. */
  'review.queue': z
    .object({ projectId: id, runId: z.number().int().positive().optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50) })
    .strict(),
  /** A pair side by side with its evidence (any two records of the run's lists). */
  'review.pair': z.object({ projectId: id, runId: z.number().int().positive().optional(), a: recordRefSchema, b: recordRefSchema }).strict(),
  /** Records the user's decision on a pair ("same": merge; "different": not a duplicate, splits them) and re-forms their clusters. */
  'review.decide': z
    .object({ projectId: id, runId: z.number().int().positive().optional(), a: recordRefSchema, b: recordRefSchema, decision: z.enum(['same', 'different']) })
    .strict(),
  /** Undoes one decision (any, not only the last) and re-forms the clusters it touched. */
  'review.undo': z.object({ projectId: id, seq: z.number().int().positive() }).strict(),
  'review.decisions': z.object({ projectId: id, limit: z.number().int().min(1).max(1000).default(100) }).strict(),
  /** The cluster a record is in, with its merged record (a record alone is a cluster of one). */
  'review.cluster': z.object({ projectId: id, runId: z.number().int().positive().optional(), record: recordRefSchema }).strict(),
  /** Takes one field of a merged record from the member the user chose (kept for later runs). */
  'review.pick': z.object({ projectId: id, runId: z.number().int().positive().optional(), field: z.enum(SURVIVOR_FIELDS), from: recordRefSchema }).strict(),
  /** Writes the entity of every record of a run (default: the newest): `row,cluster` for one list, `list,row,cluster` for several. */
  'dedupe.exportClusters': z.object({ projectId: id, runId: z.number().int().positive().optional(), file: fileRefSchema }).strict(),
  /** Runs a targeting waterfall (cleaning the lists it reads first); saves the recipe too when `name` is given. */
  'mailing.run': z.object({ projectId: id, recipe: targetRecipeSchema, name: z.string().trim().min(1).max(200).optional() }).strict(),
  'mailing.runs': z.object({ projectId: id, limit: z.number().int().min(1).max(200).default(20) }).strict(),
  /** Records a run (default: the newest) removed, with reasons; `step` narrows to one step. */
  'mailing.removed': z
    .object({
      projectId: id,
      runId: z.number().int().positive().optional(),
      step: z.number().int().min(1).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    })
    .strict(),
  /** Writes a run's mailing set (default: the newest run) and records it in the mailing ledger. */
  'mailing.export': z
    .object({
      projectId: id,
      runId: z.number().int().positive().optional(),
      file: fileRefSchema,
      name: z.string().trim().min(1).max(200),
      channel: z.enum(MAILING_CHANNELS).default('direct-mail'),
      /** yyyy-mm-dd; default today. */
      mailedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
      fields: z.enum(['original', 'canonical', 'all']).default('original'),
    })
    .strict(),
  'mailing.ledger': projectInput,
  'mailing.recipes': projectInput,
  'mailing.saveRecipe': z.object({ projectId: id, name: z.string().trim().min(1).max(200), recipe: targetRecipeSchema }).strict(),
  'mailing.deleteRecipe': z.object({ projectId: id, name: z.string().trim().min(1).max(200) }).strict(),
  /** Counts per 3-digit ZIP area for the map: customers, prospects and a run's mailing set (default: the newest run, if any). */
  'geo.summary': z.object({ projectId: id, runId: z.number().int().positive().optional() }).strict(),
  /** The bundled ZIP centroids, for drawing ZIP3 areas: parallel arrays, one entry per ZIP with a centroid. */
  'geo.reference': z.object({}).strict(),
  /** "Where my best customers are": the fewest ZIP3 areas holding `percent` of customers (or of their purchase amount). */
  'geo.bestAreas': z
    .object({ projectId: id, percent: z.number().min(1).max(100), by: z.enum(['customers', 'amount']).default('customers'), listIds: z.array(z.number().int().positive()).min(1).max(100).optional() })
    .strict(),
  /** Where a radius center is: a ZIP or an address with a ZIP. */
  'geo.resolve': z.object({ center: z.string().trim().min(1).max(300) }).strict(),
  /**
   * Trains a response model on a file with an outcome column (rows where it equals `positive` are responders): logistic
   * regression and gradient-boosted trees compared by stratified k-fold cross-validation; saves the model when asked.
   * Runs in the call (no project, no job): the CLI's `winnow model train`.
   */
  'model.train': z
    .object({
      file: fileRefSchema,
      outcome: z.string().min(1).max(300),
      positive: z.string().min(1).max(300),
      ignore: z.array(z.string().min(1).max(300)).max(1000).optional(),
      folds: z.number().int().min(2).max(20).default(5),
      save: fileRefSchema.optional(),
      options: readOptionsSchema.optional(),
    })
    .strict(),
  /** Scores a file with a saved model: the file's columns plus `score` (0-100) and `reasons`. */
  'model.scoreFile': z.object({ file: fileRefSchema, model: fileRefSchema, out: fileRefSchema, options: readOptionsSchema.optional() }).strict(),
  'score.settings': projectInput,
  /** Changes scoring settings (any part); returns them all. */
  'score.saveSettings': z.object({ projectId: id, settings: scoreSettingsSchema.partial() }).strict(),
  /** The house file's RFM segments and the profile of its best customers against all customers and the prospects. */
  'score.profile': projectInput,
  /** Scores every prospect (cleaning first): fit to the profile, flags, grade, sales-ready. */
  'score.run': projectInput,
  /** Scored leads, best fit first: every one, the sales-ready ones, or one grade. */
  'score.leads': z
    .object({
      projectId: id,
      salesReadyOnly: z.boolean().default(false),
      grade: z.string().regex(/^[A-D][1-3]$/).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    })
    .strict(),
  /** Writes the sales-ready leads with CRM-friendly column names (First Name, Last Name, Company, Lead Score, ...). */
  'score.exportHandoff': z.object({ projectId: id, file: fileRefSchema, crm: z.enum(CRM_LAYOUTS).default('salesforce') }).strict(),
  'records.get': z.object({ projectId: id, listId: z.number().int().positive(), rowNo: z.number().int().min(1) }).strict(),
  /**
   * Reads a licensed service bureau's CASS/DPV/NCOA result file for a list (sent out with export --fields cass; records
   * found by the winnow_id column) and keeps each record's result beside it, replacing an earlier result of the same
   * record. DPV N, vacant and "moved, no forwarding address" make a record not mailable. Cleans the list first when it
   * was never cleaned. A job (kind 'postal'); a bad file changes nothing.
   */
  'postal.import': z.object({ projectId: id, listId: z.number().int().positive(), file: fileRefSchema }).strict(),
  /** Sets a cell's current value (the imported value is kept); recorded in the undo history; a cleaned list re-cleans the record. */
  'records.edit': z
    .object({
      projectId: id,
      listId: z.number().int().positive(),
      rowNo: z.number().int().min(1),
      column: z.number().int().min(0),
      value: z.string().max(100_000),
    })
    .strict(),
  /**
   * Sets many cells of one list as ONE step of the undo history (a pasted range, a cleared or filled selection). Cells
   * that already hold the value are skipped; a later cell of the same row and column wins. A row or column the list does
   * not have rejects the whole call (NOT_FOUND / INVALID_INPUT) with nothing changed. A cleaned list re-cleans each
   * changed record once. `label` names the step: "Undo paste of 120 cells".
   */
  'records.editMany': z
    .object({
      projectId: id,
      listId: z.number().int().positive(),
      cells: z
        .array(z.object({ rowNo: z.number().int().min(1), column: z.number().int().min(0), value: z.string().max(100_000) }).strict())
        .min(1)
        .max(100_000),
      label: z.enum(EDIT_ACTIONS).default('paste'),
    })
    .strict(),
  'edits.undo': projectInput,
  'edits.redo': projectInput,
  'edits.state': projectInput,
  'edits.history': z.object({ projectId: id, listId: z.number().int().positive().optional(), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
  'jobs.cancel': z.object({ jobId: id }).strict(),
  'jobs.wait': z.object({ jobId: id }).strict(),
  'jobs.history': projectInput,
  /**
   * Audits a bought list (and, with compareListId, a second one side by side): duplicates within it, overlap with the house
   * file and each earlier purchase, suppressed, undeliverable, outside the target area, stale; net-new mailable records,
   * cost per net-new record and the savings meter. Cleans lists not cleaned yet; writes nothing else. A job (kind 'audit').
   */
  'audit.run': z
    .object({
      projectId: id,
      listId: z.number().int().positive(),
      compareListId: z.number().int().positive().optional(),
      /** The list's price in dollars, or its CPM; default the list details' pricePaid / cpm. */
      price: z.number().min(0).max(1e9).optional(),
      cpm: z.number().min(0).max(1e7).optional(),
      /** The target area; default the geography of the newest saved recipe that has one. */
      target: z.array(targetStepSchema).max(20).optional(),
      /** Unit costs for this run; default the project's audit settings. */
      costs: auditCostsSchema.partial().optional(),
    })
    .strict(),
  /** Writes an audit (the result of an 'audit.run' job) as a self-contained HTML report, atomically (temp file + rename). */
  'audit.exportHtml': z.object({ projectId: id, jobId: id, file: fileRefSchema }).strict(),
  'audit.settings': projectInput,
  /** Changes a list's details (vendor, price paid or CPM, purchase date, ...): the keys given replace the old ones. */
  'lists.setDetails': z.object({ projectId: id, listId: z.number().int().positive(), details: listDetailsSchema }).strict(),
  'audit.saveSettings': z.object({ projectId: id, costs: auditCostsSchema.partial() }).strict(),
} as const;

export interface MethodResults {
  'app.info': { name: string; version: string; host: HostKind };
  'app.notices': { text: string };
  'project.create': ProjectInfo;
  'project.open': ProjectInfo;
  'project.openRecent': ProjectInfo;
  'project.openSample': ProjectInfo;
  'project.recent': { items: RecentProject[] };
  'project.info': ProjectInfo;
  'project.close': { closed: boolean };
  'project.check': ProjectCheckResult;
  /** `file` is the new project, ready for project.open. */
  'project.recover': RecoverResult & { file: FileRef };
  'lists.rows': RowWindow;
  'lists.facets': { total: number; facets: FacetResult[]; ms: number };
  'lists.rowPosition': { pos: number | null; total: number };
  'lists.problems': { total: number; problems: ImportProblemRow[] };
  'lists.issues': { cleaned: boolean; kinds: IssueKindCount[] };
  'clean.start': { jobId: string };
  'dedupe.start': { jobId: string };
  'dedupe.exportClusters': { jobId: string };
  'dedupe.runs': { runs: MatchRunInfo[] };
  'review.queue': { runId: number; total: number; pairs: PairReview[] };
  'review.pair': PairReview;
  'review.decide': { decision: DecisionInfo; pair: PairReview };
  'review.undo': { decision: DecisionInfo; pair: PairReview | null };
  'review.decisions': { decisions: DecisionInfo[] };
  'review.cluster': ClusterReview;
  'review.pick': ClusterReview;
  'mailing.run': { jobId: string };
  'mailing.runs': { runs: (MailingRunResult & { recipe: TargetRecipe })[] };
  'mailing.removed': { runId: number; total: number; records: RemovedRecord[] };
  'mailing.export': { jobId: string };
  'mailing.ledger': { mailings: MailingInfo[] };
  'mailing.recipes': { recipes: RecipeInfo[] };
  'mailing.saveRecipe': RecipeInfo;
  'mailing.deleteRecipe': { deleted: boolean };
  'geo.summary': GeoSummary & { runId: number | null };
  'geo.reference': { zip3: string[]; lat: number[]; lon: number[] };
  'geo.bestAreas': { zip3: string[]; by: 'customers' | 'amount'; covered: number; total: number; share: number };
  'geo.resolve': { lat: number; lon: number; zip: string; label: string };
  'model.train': ModelTrainResult;
  'model.scoreFile': ScoreFileResult;
  'score.settings': ScoreSettings;
  'score.saveSettings': ScoreSettings;
  'score.profile': BestCustomerProfile;
  'score.run': { jobId: string };
  'score.leads': { total: number; leads: LeadRow[]; scoredAt: string | null };
  'score.exportHandoff': { jobId: string };
  'records.get': RecordDetail;
  'postal.import': { jobId: string };
  'records.edit': { row: GridRow; edits: EditsState };
  /**
   * changed: cells whose value changed (and were logged; 0 = nothing to undo was added). rows: the changed rows as the grid
   * shows them now (pos = rowNo), in row order, at most MAX_PATCH_ROWS; when rows.length === MAX_PATCH_ROWS more rows may
   * have changed, so the grid reloads its window instead of patching.
   */
  'records.editMany': { changed: number; rows: GridRow[]; edits: EditsState };
  /** edit/row: the step's (first) change and its row; rows: every changed row, capped like records.editMany. */
  'edits.undo': { edit: EditInfo | null; row: GridRow | null; rows: GridRow[]; edits: EditsState };
  'edits.redo': { edit: EditInfo | null; row: GridRow | null; rows: GridRow[]; edits: EditsState };
  'edits.state': EditsState;
  /** One entry per step, newest first; a many-cell step shows once, with `group`. */
  'edits.history': { edits: (EditInfo & { undone: boolean })[] };
  'import.preview': FilePreview;
  'mapping.presets': { presets: MappingPreset[] };
  'mapping.deletePreset': { deleted: boolean };
  'import.start': { jobId: string };
  'export.start': { jobId: string };
  'export.set': { jobId: string };
  'jobs.cancel': { cancelled: boolean };
  'jobs.wait': JobRecord;
  'jobs.history': { jobs: JobRecord[] };
  'audit.run': { jobId: string };
  'audit.exportHtml': { fileName: string; bytes: number };
  'audit.settings': AuditCosts;
  'lists.setDetails': ListInfo;
  'audit.saveSettings': AuditCosts;
}

export type MethodName = keyof typeof methodInputs;
export type MethodInput<M extends MethodName> = z.input<(typeof methodInputs)[M]>;
export type MethodParsedInput<M extends MethodName> = z.output<(typeof methodInputs)[M]>;
export type MethodResult<M extends MethodName> = MethodResults[M];

export type HostKind = 'electron' | 'browser' | 'direct';

export interface JobProgress {
  jobId: string;
  kind: JobKind;
  projectId: string;
  phase: string;
  /** Rows handled so far. */
  rows: number;
  /** Progress through the work in its own unit (bytes of the source for an import, rows for an export). */
  done: number;
  total: number | null;
  /** Rows per second over the job so far. */
  rate: number;
  elapsedMs: number;
  /** Estimated time left, when the total is known. */
  etaMs: number | null;
}

export interface JobFinished {
  jobId: string;
  kind: JobKind;
  projectId: string;
  status: Exclude<JobStatus, 'running'>;
  result: JobResult | null;
  error: WinnowErrorData | null;
}

export interface EventPayloads {
  'job.progress': JobProgress;
  'job.finished': JobFinished;
  'project.changed': { projectId: string };
}
export type EventName = keyof EventPayloads;
/** Every event name, for hosts that forward them all. */
export const EVENT_NAMES = ['job.progress', 'job.finished', 'project.changed'] as const satisfies readonly EventName[];

/** The wire form of a call's outcome, the same over IPC, the worker channel and HTTP. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: WinnowErrorData };

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methodInputs, name);
}

/** Validates a method call at a boundary; throws INVALID_INPUT / UNKNOWN_METHOD in words a user can read. */
export function parseInput<M extends MethodName>(method: string, input: unknown): { method: M; input: MethodParsedInput<M> } {
  if (!isMethodName(method)) throw new WinnowError('UNKNOWN_METHOD', `There is no API method called "${method}".`);
  const parsed = methodInputs[method].safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (field "${issue.path.join('.')}")` : '';
    throw new WinnowError('INVALID_INPUT', `Invalid input for ${method}${where}: ${issue?.message ?? 'not accepted'}.`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return { method: method as M, input: parsed.data as MethodParsedInput<M> };
}

/** What every host offers: the service itself, the worker channel, the IPC bridge and the HTTP client. */
export interface WinnowApi {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** Host-only capabilities the renderer needs besides the engine: choosing files and handing a written file to the user. */
export interface HostFiles {
  pickOpenFile(opts: { purpose: 'import' | 'project'; title?: string }): Promise<(FileRef & { name: string; size: number }) | null>;
  pickSaveFile(opts: { purpose: 'export' | 'project'; suggestedName: string }): Promise<(FileRef & { name: string }) | null>;
  /** Browser host: downloads the written file. Electron: the file is already where the user chose; reveals nothing. */
  deliverFile(file: FileRef & { name: string }): Promise<void>;
}

/** Methods the Electron preload carries to main (not to the engine): native dialogs. */
export const HOST_METHODS = ['host.pickOpenFile', 'host.pickSaveFile'] as const;
