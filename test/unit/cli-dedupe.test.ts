// Covers `winnow dedupe`: the FILE contract (header row,cluster, one line per data row in file order), unaided mapping
// on ordinary headers (Febrl's, a site list's, a US prospect list's), foreign addresses, embedded newlines, levels,
// usage errors, and project mode over two lists (duplicates within and between lists, multi-buyers).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../fixtures/csv';
import { ensureEngineBuilt, ROOT } from '../fixtures/engine-build';
import { cli } from '../fixtures/cli';
import { cleanupAfterEach, tempDir, writeFile } from '../fixtures/helpers';

cleanupAfterEach();
beforeAll(ensureEngineBuilt, 120_000);

/** Runs `dedupe FILE --clusters` and returns the cluster of each data row (checking the file's shape on the way). */
async function clustersOf(name: string, csv: string, extra: string[] = []): Promise<{ cluster: string[]; out: string[] }> {
  const dir = tempDir();
  const file = writeFile(dir, name, csv);
  const out = path.join(dir, 'clusters.csv');
  const r = await cli(['dedupe', file, '--clusters', out, ...extra]);
  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  const rows = parseCsv(fs.readFileSync(out, 'utf8'), ',');
  expect(rows[0]).toEqual(['row', 'cluster']);
  const data = rows.slice(1).filter((x) => x.length > 1);
  data.forEach((x, i) => expect(x[0]).toBe(String(i + 1)));
  return { cluster: data.map((x) => x[1]!), out: r.out };
}

describe('winnow dedupe FILE', () => {
  it('reads Febrl headers unaided (street_number, suburb, postcode, date_of_birth, soc_sec_id) and joins its duplicates', async () => {
    const csv = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'febrl-dataset1-head.csv'), 'utf8');
    const ids = parseCsv(csv, ',').slice(1).filter((r) => r.length > 1).map((r) => /^rec-(\d+)-/.exec(r[0]!.trim())![1]!);
    const { cluster, out } = await clustersOf('febrl.csv', csv);
    expect(cluster).toHaveLength(ids.length);
    expect(out[0]).toMatch(/^Merge\/purge at person level of 25 records/);
    // Rows of one person share a cluster; rows of different people do not.
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) expect(cluster[i] === cluster[j], `rows ${i + 1} and ${j + 1}`).toBe(ids[i] === ids[j]);
    // A cluster's id is the smallest row number in it.
    cluster.forEach((c, i) => expect(Number(c)).toBeLessThanOrEqual(i + 1));
  });

  it('a US list: nicknames, case, abbreviations and formats are the same person; the spouse is not', async () => {
    const csv = [
      'First Name,Last Name,Company,Address,City,State,Zip,Phone,Email',
      'Robert,Kowalski,Acme Tool & Die Inc,9115 North Main Street Apt 4,Springfield,IL,62704,(217) 555-0142,bob.kowalski@acmetool.com',
      'Mary,Kowalski,,9115 N Main St #4,Springfield,IL,62704,217-555-0142,',
      'BOB,KOWALSKI,ACME TOOL AND DIE,9115 N. Main St. Apt. 4,Springfield,Illinois,62704-1234,217.555.0142,BOB.KOWALSKI@ACMETOOL.COM',
      'Jane,Okafor,,12 Elm Street,Peoria,IL,61602,309 555 0199,jane.okafor@example.com',
      'Jane,Okafor,,12 Elm St,Peoria,IL,61602,,jane.okafor@example.com',
      'Tom,Brennan,,500 Pine Rd,Decatur,IL,62521,217 555 0777,tom@brennan.net',
    ].join('\r\n');
    const { cluster, out } = await clustersOf('us.csv', csv);
    expect(cluster).toEqual(['1', '2', '1', '4', '4', '6']);
    expect(out).toContain('Clusters written to clusters.csv (row,cluster).');
  });

  it('a list of sites (Site name/Address/Zip/Phone) is matched at company level without being told', async () => {
    const csv = [
      'Site name,Address,Zip,Phone',
      "Arnie Morton's of Chicago,435 S. La Cienega Blvd.,90048,310-246-1501",
      "Arnie Morton's Of Chicago,435 South La Cienega Boulevard,90048,310/246-1501",
      'Art\'s Delicatessen,12224 Ventura Blvd.,91604,818-762-1221',
      "Art's Deli,12224 Ventura Boulevard,91604,818/762-1221",
      'Hotel Bel-Air,701 Stone Canyon Rd.,90077,310-472-1211',
      'Cafe Bizou,14016 Ventura Blvd.,91423,818-788-3536',
    ].join('\n');
    const { cluster, out } = await clustersOf('sites.csv', csv);
    expect(out[0]).toMatch(/^Merge\/purge at company level/);
    expect(cluster).toEqual(['1', '1', '3', '3', '5', '6']);
  });

  it('a "name" column holding businesses is matched at company level', async () => {
    const csv = [
      'name,addr,city,phone,type',
      "arnie morton's of chicago,435 s. la cienega blv.,los angeles,310/246-1501,american",
      "arnie morton's of chicago,435 s. la cienega blvd.,los angeles,310-246-1501,steakhouses",
      "art's delicatessen,12224 ventura blvd.,studio city,818/762-1221,american",
      "art's deli,12224 ventura blvd.,studio city,818-762-1221,delis",
      'hotel bel-air,701 stone canyon rd.,bel air,310/472-1211,californian',
      'bel-air hotel,701 stone canyon rd.,bel air,310-472-1211,californian',
      'cafe bizou,14016 ventura blvd.,sherman oaks,818/788-3536,french',
      'campanile,624 s. la brea ave.,los angeles,213/938-1447,american',
    ].join('\n');
    const { cluster, out } = await clustersOf('restaurants.csv', csv);
    expect(out[0]).toMatch(/^Merge\/purge at company level/);
    expect(cluster).toEqual(['1', '1', '3', '3', '5', '5', '7', '8']);
  });

  it('keeps foreign addresses as text and still compares them; cells with embedded newlines keep the rows in step', async () => {
    const csv = [
      'given_name,surname,address_1,suburb,postcode',
      'Olivia,Thompson,"Flat 2\n14 Marine Parade",Brighton,BN2 1TL',
      'Liam,Nguyen,27 Rue de la Paix,Paris,75002',
      'Olivia,Thomson,"Flat 2, 14 Marine Parade",Brighton,BN21TL',
      'Noah,"Müller\nSchmidt",Hauptstraße 5,Berlin,10115',
      'Liam,Nguyen,27 rue de la Paix,Paris,75002',
    ].join('\n');
    const { cluster } = await clustersOf('foreign.csv', csv);
    expect(cluster).toHaveLength(5);
    expect(cluster).toEqual(['1', '2', '1', '4', '2']);
  });

  it('--level household joins the members of a household; --level person keeps them apart', async () => {
    const csv = ['First Name,Last Name,Address,City,State,Zip', 'John,Doe,1 Oak Ave,Austin,TX,78701', 'Jane,Doe,1 Oak Avenue,Austin,TX,78701', 'Jim,Roe,9 Pine St,Austin,TX,78702'].join('\n');
    expect((await clustersOf('h.csv', csv, ['--level', 'household'])).cluster).toEqual(['1', '1', '3']);
    expect((await clustersOf('p.csv', csv, ['--level', 'person'])).cluster).toEqual(['1', '2', '3']);
  });

  it('gives usage errors (exit 2) for a missing --clusters, a bad level, or a FILE with --project', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'a.csv', 'First Name,Last Name\nA,B\n');
    for (const argv of [
      ['dedupe', file],
      ['dedupe', file, '--clusters', path.join(dir, 'o.csv'), '--level', 'family'],
      ['dedupe', file, '--clusters', path.join(dir, 'o.csv'), '--project', path.join(dir, 'p.winnow')],
    ]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.join('\n')).toMatch(/winnow dedupe: .*Usage: winnow dedupe/);
    }
    expect(fs.existsSync(path.join(dir, 'o.csv'))).toBe(false);
  });

  it('runs as the real bin and reports a missing file in one line (exit 1)', () => {
    const dir = tempDir();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'winnow.mjs'), 'dedupe', path.join(dir, 'nope.csv'), '--clusters', path.join(dir, 'o.csv')], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/nope\.csv/);
  });
});

describe('winnow dedupe --project', () => {
  it('reports duplicates within and between lists and multi-buyers, house file first', async () => {
    const dir = tempDir();
    const project = path.join(dir, 'p.winnow');
    const house = writeFile(dir, 'house.csv', ['First Name,Last Name,Address,City,State,Zip,Email', 'Ann,Lee,1 Main St,Boston,MA,02134,ann@lee.com', 'Raj,Patel,5 Elm St,Boston,MA,02135,raj@patel.com', 'Raj,Patel,5 Elm Street,Boston,MA,02135,raj@patel.com'].join('\n'));
    const bought = writeFile(dir, 'bought.csv', ['First,Last,Street,Town,ST,ZIP', 'ANN,LEE,1 Main Street,Boston,MA,02134', 'Zoe,King,8 Oak Rd,Cambridge,MA,02139', 'Zoe,King,8 Oak Road,Cambridge,MA,02139'].join('\n'));
    expect((await cli(['import', house, '--project', project, '--role', 'customers'])).code).toBe(0);
    expect((await cli(['import', bought, '--project', project])).code).toBe(0);
    const out = path.join(dir, 'all.csv');
    const r = await cli(['dedupe', '--project', project, '--clusters', out]);
    expect(r.err).toEqual([]);
    expect(r.out[0]).toMatch(/6 → 3 records/);
    expect(r.out).toContain('  1. house (customers): 3 rows — 1 duplicates within the list, 0 between lists, 1 multi-buyer records; 2 kept');
    expect(r.out).toContain('  2. bought (prospects): 3 rows — 1 duplicates within the list, 1 between lists, 1 multi-buyer records; 1 kept');
    expect(r.out).toContain('Multi-buyers: 1 entities on two or more lists.');
    const rows = parseCsv(fs.readFileSync(out, 'utf8'), ',').filter((x) => x.length > 1);
    expect(rows).toEqual([
      ['list', 'row', 'cluster'],
      ['house', '1', '1'],
      ['house', '2', '2'],
      ['house', '3', '2'],
      ['bought', '1', '1'],
      ['bought', '2', '5'],
      ['bought', '3', '5'],
    ]);
  });
});
