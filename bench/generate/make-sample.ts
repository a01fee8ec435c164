// Makes resources/sample/: a synthetic house file and a bought list that overlaps it, plus the truth of who is who.
import fs from 'node:fs';
import path from 'node:path';
import { ORDER_DATE_RANGE } from './data';
import { makeEntity } from './entity';
import { hashKey, Rng } from './prng';
import { HOUSE_STYLE, renderRow } from './render';
import { csvLine, planRows, usListChunks } from './us-list';

export const SAMPLE_SEED = 20240315;
const HOUSE_CUSTOMERS = 290;
/** Customers who were entered twice (a second account, a typo at checkout). */
const HOUSE_REPEATS = 10;
const BOUGHT_ROWS = 1000;
/** House customers the bought list also contains (10% of its rows). */
const OVERLAP = 100;
/** Bought-list entities are numbered from here so they never collide with house customers. */
const BOUGHT_FIRST_ENTITY = 1001;

export const HOUSE_COLUMNS = [
  'Customer ID', 'First Name', 'Last Name', 'Company', 'Title', 'Address', 'City', 'State', 'Zip', 'Phone', 'Email',
  'Total Orders', 'Lifetime Value', 'Last Order Date',
] as const;

/**
 * The planted best-customer pattern: buyers in purchasing and operations order about three times as often, so the
 * best-customer profile has something true to find (and the bought list's prospects with those titles fit best).
 */
const HEAVY_BUYER_TITLE = /purchas|operations|buyer|procurement/i;

export interface SampleSummary {
  dir: string;
  houseRows: number;
  boughtRows: number;
  overlapRows: number;
}

/** Writes house-file.csv, bought-list.csv and truth.csv into `dir` (default: the repo's resources/sample). */
export function makeSample(dir: string): SampleSummary {
  const seed = SAMPLE_SEED;
  const r = new Rng(hashKey(seed, 31));

  // House file: one row per customer account, in account order; a few people have two accounts.
  const accounts: { entity: number; variant: number }[] = [];
  for (let id = 1; id <= HOUSE_CUSTOMERS; id++) accounts.push({ entity: id, variant: 0 });
  for (let k = 0; k < HOUSE_REPEATS; k++) {
    const entity = 1 + r.int(HOUSE_CUSTOMERS);
    // Second accounts are opened later: insert after the first, somewhere towards the end.
    const at = Math.max(entity, accounts.length - r.int(80));
    accounts.splice(at, 0, { entity, variant: 1 + r.int(3) });
  }
  const fromDay = Date.parse(ORDER_DATE_RANGE.from) / 86_400_000;
  const toDay = Date.parse(ORDER_DATE_RANGE.to) / 86_400_000;
  let house = csvLine(HOUSE_COLUMNS);
  let truth = 'file,row,entity_id\r\n';
  accounts.forEach((a, i) => {
    const cells = renderRow(seed, makeEntity(seed, a.entity), a.variant, HOUSE_STYLE);
    const [first, last, company, title, address, address2, city, state, zip, phone, email] = cells as [string, ...string[]];
    // The same draws as before the planted pattern, so the bought list (drawn after) stays the same.
    const base = 1 + Math.floor(-Math.log(1 - r.next()) * 4);
    const orders = HEAVY_BUYER_TITLE.test(title!) ? base * 3 : base;
    const value = orders * (15 + r.next() * 180);
    const day = new Date((fromDay + r.int(toDay - fromDay + 1)) * 86_400_000);
    const lastOrder = `${day.getUTCMonth() + 1}/${day.getUTCDate()}/${day.getUTCFullYear()}`;
    const street = address2 ? `${address} ${address2.replace(/\n/g, ' ')}` : address;
    house += csvLine([`C${10001 + i}`, first, last!, company!, title!, street!, city!, state!, zip!, phone!, email!, String(orders), value.toFixed(2), lastOrder]);
    truth += `house-file.csv,${i + 1},${a.entity}\r\n`;
  });

  // Bought list: a rented prospect list, duplicates inside it, and some of our own customers in it.
  const pool = Array.from({ length: HOUSE_CUSTOMERS }, (_, i) => i + 1);
  const shared: number[] = [];
  for (let k = 0; k < OVERLAP; k++) shared.push(pool.splice(r.int(pool.length), 1)[0]!);
  const opts = { rows: BOUGHT_ROWS, seed, firstEntityId: BOUGHT_FIRST_ENTITY, sharedEntities: shared };
  const plan = planRows(opts);
  let bought = '';
  for (const chunk of usListChunks(opts, plan)) bought += chunk.csv;
  plan.entity.forEach((entity, i) => {
    truth += `bought-list.csv,${i + 1},${entity}\r\n`;
  });

  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'house-file.csv'), house);
  fs.writeFileSync(path.join(dir, 'bought-list.csv'), bought);
  fs.writeFileSync(path.join(dir, 'truth.csv'), truth);
  return { dir, houseRows: accounts.length, boughtRows: BOUGHT_ROWS, overlapRows: shared.length };
}
