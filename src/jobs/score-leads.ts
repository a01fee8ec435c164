// Lead scoring over a project: the best-customer profile from the house lists (RFM), then every prospect's fit to it,
// its tire-kicker flags, grade and sales-ready verdict, stored in one transaction; and the hand-off file for sales.
import path from 'node:path';
import { READY_FIELDS, WinnowError, type BestCustomerProfile, type CrmLayout, type FlagRule, type ListInfo, type ScoreRunResult, type ScoreSettings } from '../api/contract';
import type { CleanedRecord, CleanTables } from '../domain/clean-record';
import { FLAG_LABELS, flagsOf } from '../domain/score/flags';
import { decayed, DEFAULT_POINTS, engagementLevel, EVENT_WORDS, eventKind, saysNo, saysYes, type EventKind } from '../domain/score/engagement';
import { columnsFor, scoreRows, train } from '../domain/score/train';
import { DEFAULT_SETTINGS, link } from '../domain/match/dedupe';
import type { NicknameTable } from '../domain/nicknames';
import { readMatchTable } from './dedupe-lists';
import { ATTRIBUTES, attributesOf, fitLetter, fitOf, profileAttributes, ProfileCounts } from '../domain/score/profile';
import { historyOf, isBest, rfmModel, rfmOf, SEGMENTS, segmentOf, type CustomerHistory } from '../domain/score/rfm';
import type { Db } from '../store/db';
import { leadWriter, salesReadyBatches, salesReadyIds } from '../store/scoring';
import { latestRun, nonSurvivors } from '../store/matches';
import { getClean, decodeClean } from '../store/clean';
import { cleanedRecords, recordsOf } from './lead-records';
import { parseDay } from '../domain/score/features';
import { writeDelimited } from './export-delimited';
import type { ProgressSink } from './progress';

export interface ProfileInput {
  lists: readonly ListInfo[];
  /** Reference tables, to clean in memory customer lists never cleaned (the profile writes nothing). */
  tables: () => CleanTables;
  settings: ScoreSettings;
  freeMail: (domain: string) => boolean;
  signal?: AbortSignal;
  /** Also count the prospects (for the profile's index against them). */
  withProspects: boolean;
}

const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** The house lists' RFM segments and the counts behind the profile. */
export function buildProfile(db: Db, job: ProfileInput): { profile: BestCustomerProfile; counts: ProfileCounts } {
  const customers = job.lists.filter((l) => l.role === 'customers');
  const notes: string[] = [];
  if (customers.length === 0) throw new WinnowError('NOT_FOUND', 'This project has no customer list: import your house file with the role "customers" to profile your best customers.');
  const histories: CustomerHistory[] = [];
  const attrs: ReturnType<typeof attributesOf>[] = [];
  for (const list of customers) {
    for (const batch of recordsOf(db, list, job.tables, job.signal)) {
      for (const r of batch) {
        histories.push(historyOf(r.values));
        attrs.push(attributesOf(r.values, r.clean, job.freeMail));
      }
    }
  }
  const model = rfmModel(histories, job.settings.rfm);
  const withHistory = histories.filter((h) => h.lastOrder !== null || h.orders !== null || h.monetary !== null).length;
  const counts = new ProfileCounts();
  const segmentCounts = new Map<string, number>();
  const segmentBest = new Map<string, number>();
  let best = 0;
  histories.forEach((h, i) => {
    const s = rfmOf(h, model);
    // Without any order history there is no "best": every customer is the profile.
    const b = withHistory === 0 || isBest(s, model);
    if (b) best++;
    const seg = segmentOf(s);
    segmentCounts.set(seg, (segmentCounts.get(seg) ?? 0) + 1);
    if (b) segmentBest.set(seg, (segmentBest.get(seg) ?? 0) + 1);
    counts.addCustomer(attrs[i]!, b);
  });
  if (withHistory === 0) notes.push('No order dates, order counts or amounts are mapped: every customer counts as a best customer.');
  else if (withHistory < histories.length) notes.push(`${histories.length - withHistory} customers have no order history; they score 3 (average) on each part.`);
  if (job.withProspects) {
    // Prospects count once cleaned (a bought list can be big: cleaning it is a job, not part of opening a view).
    const prospectLists = job.lists.filter((l) => l.role === 'prospects');
    for (const list of prospectLists.filter((l) => l.clean)) {
      for (const batch of cleanedRecords(db, list, job.signal)) for (const r of batch) counts.addProspect(attributesOf(r.values, r.clean, job.freeMail));
    }
    const waiting = prospectLists.filter((l) => !l.clean);
    if (waiting.length > 0) notes.push(`${waiting.map((l) => `"${l.name}"`).join(', ')} ${waiting.length === 1 ? 'is' : 'are'} not cleaned yet: the index against prospects counts ${waiting.length === prospectLists.length ? 'no prospects' : 'the other prospect lists'} until you score leads (or clean).`);
  }
  // A segment is marked best when most of its customers are best customers.
  const bestSegment = (name: string) => (segmentBest.get(name) ?? 0) * 2 > (segmentCounts.get(name) ?? 0) && (segmentCounts.get(name) ?? 0) > 0;
  return {
    counts,
    profile: {
      customers: histories.length,
      withHistory,
      asOf: model.asOf === null ? null : new Date(model.asOf * 86_400_000).toISOString().slice(0, 10),
      thresholds: model.cuts,
      bestMin: model.bestMin,
      segments: SEGMENTS.map((s) => ({ name: s.name, rule: s.rule, customers: segmentCounts.get(s.name) ?? 0, share: histories.length === 0 ? 0 : (segmentCounts.get(s.name) ?? 0) / histories.length, best: bestSegment(s.name) })),
      best,
      attributes: profileAttributes(counts),
      prospects: counts.prospectTotal,
      notes,
    },
  };
}

export interface ScoreJobInput {
  lists: readonly ListInfo[];
  tables: () => CleanTables;
  settings: ScoreSettings;
  freeMail: (domain: string) => boolean;
  nicknames: NicknameTable;
  signal: AbortSignal;
  progress: ProgressSink;
  /** yyyy-mm-dd; default today. */
  today?: string;
}

const present: Record<(typeof READY_FIELDS)[number], (c: CleanedRecord) => boolean> = {
  email: (c) => c.email !== '' && c.emailable,
  phone: (c) => c.phone !== '' && c.callable,
  company: (c) => c.company !== '',
  title: (c) => c.title !== '',
  address: (c) => c.mailable,
};

export async function scoreLeads(db: Db, job: ScoreJobInput): Promise<ScoreRunResult> {
  const started = performance.now();
  const prospects = job.lists.filter((l) => l.role === 'prospects');
  if (prospects.length === 0) throw new WinnowError('NOT_FOUND', 'This project has no prospect list to score: import a bought list with the role "prospects".');
  job.progress({ phase: 'profiling best customers', rows: 0, done: 0, total: null });
  const { profile, counts } = buildProfile(db, { lists: job.lists, settings: job.settings, freeMail: job.freeMail, signal: job.signal, withProspects: false, tables: job.tables });
  const today = dayOf(job.today ?? new Date().toISOString().slice(0, 10));
  const total = prospects.reduce((s, l) => s + l.rowCount, 0);
  const ids: number[] = [];
  const logLift: number[] = [];
  const reasons: string[][] = [];
  const flags: { rule: FlagRule; words: string }[][] = [];
  const complete: boolean[] = [];
  // The prospects' attributes are kept for the response model when a campaign list can teach one (read once, here).
  const campaigns = job.lists.filter((l) => l.role === 'responses' && l.columns.some((c) => c.field === 'responded'));
  const attributeRows: string[][] = [];
  for (const list of prospects) {
    for (const batch of cleanedRecords(db, list, job.signal)) {
      for (const r of batch) {
        const a = attributesOf(r.values, r.clean, job.freeMail);
        if (campaigns.length > 0) attributeRows.push(ATTRIBUTES.map((k) => a[k]));
        const fit = fitOf(counts, a);
        ids.push(r.id);
        logLift.push(fit.logLift);
        reasons.push(fit.reasons);
        flags.push(flagsOf(r.values, r.clean, job.settings, job.freeMail, today));
        complete.push(job.settings.salesReady.required.every((f) => present[f](r.clean)));
      }
      job.progress({ phase: 'scoring prospects', rows: ids.length, done: ids.length, total });
    }
  }
  const notes: string[] = [];
  // Sales gets each person once: duplicates the newest person-level merge/purge found stay out of the sales-ready list.
  const run = latestRun(db, 'person');
  const dupes = run ? nonSurvivors(db, run.id) : new Map<number, number>();
  if (!run) notes.push('No merge/purge has run: duplicates among the prospects may each be sales-ready. Find duplicates first so sales gets each lead once.');
  const { engagement, events, touched, respondedNotBought } = await engagementOf(db, job, prospects, ids, today);
  const response = responseModel(db, job, campaigns, attributeRows, notes);
  // Fit 0-100: the share of prospects a lead fits better than (ties share the middle).
  const order = ids.map((_, i) => i).sort((a, b) => logLift[a]! - logLift[b]!);
  const fit = new Float64Array(ids.length);
  for (let k = 0; k < order.length; ) {
    let end = k;
    while (end + 1 < order.length && logLift[order[end + 1]!] === logLift[order[k]!]) end++;
    const pct = order.length === 1 ? 100 : (((k + end) / 2) * 100) / (order.length - 1);
    for (let x = k; x <= end; x++) fit[order[x]!] = Math.round(pct * 10) / 10;
    k = end + 1;
  }
  const before = salesReadyIds(db);
  const grades: Record<string, number> = {};
  for (const l of ['A', 'B', 'C', 'D']) for (const e of [1, 2, 3]) grades[`${l}${e}`] = 0;
  const flagCounts = new Map<FlagRule, number>();
  let ready = 0;
  let newly = 0;
  const scoredAt = new Date().toISOString();
  if (job.signal.aborted) throw new WinnowError('JOB_CANCELLED', 'Scoring was cancelled; the project is unchanged.');
  job.progress({ phase: 'saving', rows: ids.length, done: 0, total: 1 });
  db.exec('BEGIN IMMEDIATE');
  try {
    const w = leadWriter(db);
    w.clear();
    ids.forEach((id, i) => {
      // Engagement: activity points, or the response model's verdict, whichever says more (1 hot … 3 no sign yet).
      const level = Math.min(engagement.level[i]!, response?.level[i] ?? 3) as 1 | 2 | 3;
      const grade = `${fitLetter(fit[i]!)}${level}`;
      grades[grade]!++;
      if (respondedNotBought.has(i) && (job.settings.flags.responded_not_bought ?? true)) flags[i]!.push({ rule: 'responded_not_bought', words: respondedNotBought.get(i)! });
      for (const f of flags[i]!) flagCounts.set(f.rule, (flagCounts.get(f.rule) ?? 0) + 1);
      const why = [...reasons[i]!, ...(engagement.words[i] ? [engagement.words[i]!] : []), ...(response?.words[i] ? [response.words[i]!] : [])];
      const survivor = dupes.get(id);
      const flagWords = flags[i]!.map((f) => f.words);
      if (survivor !== undefined) flagWords.push(`duplicate of row ${survivor % 2 ** 32} of ${job.lists.find((l) => l.id === Math.floor(survivor / 2 ** 32))?.name ?? 'another list'}`);
      const isReady = survivor === undefined && fit[i]! >= job.settings.salesReady.minFit && complete[i]! && (job.settings.salesReady.allowFlagged || flags[i]!.length === 0);
      if (isReady) {
        ready++;
        if (!before.has(id)) newly++;
      }
      w.add({ recordId: id, fit: fit[i]!, grade, engagement: level, salesReady: isReady ? 1 : 0, reasons: JSON.stringify(why), flags: JSON.stringify(flagWords), scoredAt });
    });
    w.flush();
    db.exec('COMMIT');
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
  return {
    prospects: ids.length,
    best: profile.best,
    grades,
    salesReady: ready,
    newlySalesReady: newly,
    flags: [...flagCounts].map(([rule, records]) => ({ rule, label: FLAG_LABELS[rule], records })).sort((a, b) => b.records - a.records),
    engagement: { events, leads: touched, hot: engagement.level.filter((l) => l === 1).length },
    response: response?.summary ?? null,
    notes,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

/**
 * Engagement of each prospect from the campaign and activity lists (role "responses"), matched person to person: each
 * activity or response earns its kind's points, halved every half-life; "responded, never bought" is noted too.
 */
async function engagementOf(db: Db, job: ScoreJobInput, prospects: readonly ListInfo[], ids: readonly number[], today: number) {
  const level = new Array<1 | 2 | 3>(ids.length).fill(3);
  const words = new Array<string | null>(ids.length).fill(null);
  const respondedNotBought = new Map<number, string>();
  const activity = job.lists.filter((l) => l.role === 'responses');
  if (activity.length === 0 || ids.length === 0) return { engagement: { level, words }, events: 0, touched: 0, respondedNotBought };
  // Each activity record's values, kept as the table is read.
  const values = new Map<number, { activity?: string; activity_date?: string; mailed_date?: string; responded?: string; converted?: string }>();
  const { table, ids: tableIds, listOf } = readMatchTable(db, [...prospects, ...activity], job.nicknames, job.freeMail, job.signal, undefined, (r, li) => {
    if (li >= prospects.length) values.set(r.id, r.values);
  });
  const side = new Int8Array(table.n);
  for (let i = 0; i < table.n; i++) side[i] = listOf[i]! < prospects.length ? 0 : 1;
  const s = { ...DEFAULT_SETTINGS, level: 'person' as const };
  const linked = await link(table, side, s, { phase: () => {
    if (job.signal.aborted) throw new WinnowError('JOB_CANCELLED', 'Scoring was cancelled; the project is unchanged.');
  } });
  const leadOf = new Map<number, number>();
  ids.forEach((id, i) => leadOf.set(id, i));
  const points: Record<string, number> = { ...DEFAULT_POINTS, ...job.settings.engagement.points };
  const total = new Float64Array(ids.length);
  const latest = new Map<number, { kind: EventKind; age: number }>();
  const counted = new Set<string>();
  let events = 0;
  for (let p = 0; p < linked.pairs.prob.length && linked.pairs.prob[p]! >= s.mergeAt; p++) {
    const lead = leadOf.get(tableIds[linked.pairs.a[p]!]!);
    const rid = tableIds[linked.pairs.b[p]!]!;
    if (lead === undefined || counted.has(`${lead}:${rid}`)) continue;
    counted.add(`${lead}:${rid}`);
    const v = values.get(rid);
    if (!v) continue;
    const day = (text?: string) => (text ? parseDayLoose(text) : null);
    const when = day(v.activity_date) ?? day(v.mailed_date);
    const age = when === null ? 0 : today - when;
    const kinds: EventKind[] = [];
    const k = v.activity ? eventKind(v.activity) : null;
    if (k) kinds.push(k);
    if (saysYes(v.responded)) kinds.push('response');
    if (saysYes(v.converted)) kinds.push('purchase');
    if (saysYes(v.responded) && saysNo(v.converted)) respondedNotBought.set(lead, `responded${when === null ? '' : ` ${Math.round(age)} days ago`}, did not buy`);
    for (const kind of kinds) {
      events++;
      total[lead]! += decayed(points[kind] ?? 0, age, job.settings.engagement.halfLifeDays);
      const last = latest.get(lead);
      if (!last || age < last.age) latest.set(lead, { kind, age });
    }
  }
  let touched = 0;
  for (let i = 0; i < ids.length; i++) {
    const l = latest.get(i);
    if (!l) continue;
    touched++;
    level[i] = engagementLevel(total[i]!, job.settings.engagement.hotPoints);
    words[i] = `engagement ${total[i]!.toFixed(1)} points; latest: ${EVENT_WORDS[l.kind]}${l.age > 0 ? ` ${Math.round(l.age)} days ago` : ''}`;
  }
  return { engagement: { level, words }, events, touched, respondedNotBought };
}

function parseDayLoose(text: string): number | null {
  const d = parseDay(text);
  return Number.isFinite(d) ? d : null;
}

/**
 * A response model learned from campaign lists with a responded column (who was mailed, who answered), on the profile's
 * attributes (state, ZIP3, industry, title, company size, e-mail type): each prospect's chance of responding puts it at
 * engagement 1 (top tenth), 2 (top 40 %) or 3.
 */
function responseModel(db: Db, job: ScoreJobInput, campaigns: readonly ListInfo[], prospectRows: readonly string[][], notes: string[]) {
  if (campaigns.length === 0 || prospectRows.length === 0) return null;
  const header = [...ATTRIBUTES, 'responded'];
  const rows: string[][] = [];
  for (const list of campaigns) {
    for (const batch of cleanedRecords(db, list, job.signal)) {
      for (const r of batch) {
        const a = attributesOf(r.values, r.clean, job.freeMail);
        rows.push([...ATTRIBUTES.map((k) => a[k]), saysYes(r.values.responded) ? 'yes' : 'no']);
      }
    }
  }
  const responders = rows.filter((r) => r[r.length - 1] === 'yes').length;
  if (responders < 10 || rows.length - responders < 10) {
    notes.push(`The campaign lists hold ${responders} responders of ${rows.length} mailed: too few to learn a response model (10 of each needed).`);
    return null;
  }
  let model;
  try {
    model = train(header, rows, { outcome: 'responded', positive: 'yes', folds: 3 });
  } catch (e) {
    notes.push(`No response model: ${(e as Error).message}`);
    return null;
  }
  const scored = scoreRows(model, prospectRows, columnsFor(model, header).at, 1);
  const order = scored.map((_, i) => i).sort((a, b) => scored[b]!.probability - scored[a]!.probability);
  const level = new Array<1 | 2 | 3>(scored.length).fill(3);
  order.forEach((i, rank) => (level[i] = rank < scored.length * 0.1 ? 1 : rank < scored.length * 0.4 ? 2 : 3));
  const words = scored.map((x) => `response chance ${(x.probability * 100).toFixed(1)}%${x.reasons[0] ? ` (${x.reasons[0].words})` : ''}`);
  return { level, words, summary: { auc: model.cv.auc, mailed: rows.length, responders, chosen: model.cv.chosen, gains: model.cv.gains, mailFor50: model.cv.mailFor50, mailFor80: model.cv.mailFor80 } };
}

/**
 * The hand-off file's header for each CRM: the names its import maps on its own, in one order. Salesforce's Data Import
 * Wizard reads the Lead fields (Street, Postal Code, Lead Source, Description); HubSpot's importer reads contact
 * property labels (Company Name, Job Title, Phone Number, State/Region…) and offers to create the rest (Lead Score,
 * Lead Grade, Fit Reasons) as custom properties.
 */
export const HANDOFF_COLUMNS: Record<CrmLayout, readonly string[]> = {
  salesforce: ['First Name', 'Last Name', 'Company', 'Title', 'Email', 'Phone', 'Street', 'City', 'State', 'Postal Code', 'Country', 'Lead Source', 'Lead Score', 'Lead Grade', 'Description'],
  hubspot: ['First Name', 'Last Name', 'Company Name', 'Job Title', 'Email', 'Phone Number', 'Street Address', 'City', 'State/Region', 'Postal Code', 'Country/Region', 'Winnow List', 'Lead Score', 'Lead Grade', 'Fit Reasons'],
};

export async function exportHandoff(db: Db, job: { lists: ReadonlyMap<number, ListInfo>; outPath: string; crm: CrmLayout; signal: AbortSignal; progress: ProgressSink }): Promise<{ rowsWritten: number; seconds: number }> {
  const rows = function* () {
    for (const batch of salesReadyBatches(db)) {
      yield batch.map((l) => {
        const stored = getClean(db, l.recordId);
        const c = stored ? decodeClean(stored) : null;
        const list = job.lists.get(Math.floor(l.recordId / 2 ** 32));
        return [
          c?.firstName ?? '',
          c?.lastName ?? '',
          c?.company ?? '',
          c?.title ?? '',
          c?.email ?? '',
          c?.phone ?? '',
          [c?.address1, c?.address2].filter((x) => x).join(' '),
          c?.city ?? '',
          c?.state ?? '',
          c ? [c.zip5, c.zip4].filter((x) => x).join('-') : '',
          c?.zip5 ? 'US' : '',
          list?.name ?? '',
          String(Math.round(l.fit)),
          l.grade,
          (JSON.parse(l.reasons) as string[]).join('; '),
        ];
      });
    }
  };
  if (!path.isAbsolute(job.outPath)) throw new WinnowError('INVALID_INPUT', 'The hand-off file needs a full path.');
  return writeDelimited(job.outPath, { delimiter: /\.(tsv|tab)$/i.test(job.outPath) ? '\t' : ',', newline: '\r\n', bom: false, neutralize: true }, HANDOFF_COLUMNS[job.crm], rows(), 0, job);
}
