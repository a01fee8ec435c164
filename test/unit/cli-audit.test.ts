// Covers `winnow audit`: one line per figure, a self-contained HTML report (no URLs, no scripts, user values escaped),
// two lists side by side, price options, and usage errors in words.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../fixtures/cli';
import { AUDIT_LISTS } from '../fixtures/audit-lists';
import { cleanupAfterEach, tempDir, writeFile } from '../fixtures/helpers';

cleanupAfterEach();

const EVIL = '<img src=x onerror=alert(1)>';

async function setup() {
  const dir = tempDir();
  const project = path.join(dir, 'p.winnow');
  const imp = async (name: string, csv: string, role: string) => {
    const r = await cli(['import', writeFile(dir, `${name.replace(/\W+/g, '-')}.csv`, csv), '--project', project, '--name', name, '--role', role]);
    expect(r.err).toEqual([]);
  };
  await imp('House', AUDIT_LISTS.house, 'customers');
  await imp(`Spring ${EVIL}`, AUDIT_LISTS.earlier, 'prospects');
  await imp('DNM', AUDIT_LISTS.dnm, 'suppression');
  await imp('Bought', AUDIT_LISTS.bought.replace('Samantha,Westcoast', `Samantha ${EVIL},Westcoast`), 'prospects');
  return { dir, project };
}

function expectSelfContained(html: string): void {
  expect(html).toMatch(/^<!DOCTYPE html>/);
  expect(html).not.toMatch(/https?:\/\//i);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<link\b/i);
  expect(html).not.toMatch(/@import|url\(/i);
  expect(html).not.toMatch(/<img\b/i);
  expect(html).toContain('@media print');
}

describe('winnow audit', () => {
  it('prints one line per figure and writes a self-contained report that escapes what users typed', async () => {
    const { dir, project } = await setup();
    const out = path.join(dir, 'report.html');
    const r = await cli(['audit', '--project', project, '--list', 'Bought', '--out', out, '--states', 'NV', '--price', '$320']);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const figure = (label: string) => r.out.find((l) => l.trimStart().startsWith(`${label}:`))?.split(':').slice(1).join(':').trim();
    expect(figure('rows')).toBe('32');
    expect(figure('duplicates within the list')).toBe('2 found, 2 removed');
    expect(figure('already in the house file')).toBe('10 found, 10 removed');
    expect(figure('on an earlier purchase')).toBe('5 found, 5 removed');
    expect(figure('suppressed (do not mail)')).toBe('3 found, 3 removed');
    expect(figure('undeliverable-looking address')).toBe('1 found, 1 removed');
    expect(figure('outside the target area')).toBe('2 found, 1 removed');
    expect(figure('net-new mailable')).toBe('10 (31.3%)');
    expect(figure('cost per net-new record')).toBe('$32.00');
    expect(figure('pieces saved')).toBe('22: print $5.50, postage $8.80, total $14.30');
    expect(r.out[r.out.length - 1]).toMatch(/^Report written to report\.html \([\d.]+ KB\)\.$/);
    const html = fs.readFileSync(out, 'utf8');
    expectSelfContained(html);
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).not.toContain(EVIL);
    expect(html).toContain('<h1>Bought</h1>');
    expect(html).toContain('<svg');
  });

  it('puts a second list beside the first with --compare (a list by name or by number) and takes a CPM', async () => {
    const { dir, project } = await setup();
    const out = path.join(dir, 'compare.html');
    const r = await cli(['audit', '--project', project, '--list', 'bought', '--compare', '2', '--out', out, '--cpm', '45']);
    expect(r.code).toBe(0);
    expect(r.out).toEqual(expect.arrayContaining(['List "Bought" (prospects):', `List "Spring ${EVIL}" (prospects):`]));
    expect(r.out).toEqual(expect.arrayContaining([expect.stringMatching(/^ {2}list price: +\$1\.44 \(\$45\.00 per thousand, given\)$/), expect.stringMatching(/^ {2}outside the target area: +no target area set$/)]));
    const html = fs.readFileSync(out, 'utf8');
    expectSelfContained(html);
    expect(html).toContain('<h2>Side by side</h2>');
    expect(html).toContain('<th>Spring &#60;img src=x onerror=alert(1)&#62;</th>');
  });

  it.each([
    [['--list', 'Nope', '--out', 'r.html'], 1, /^winnow: no list named "Nope" in p\.winnow \(lists: "House", "Spring .*", "DNM", "Bought"\)\.$/],
    [['--list', 'Bought'], 2, /--out is required/],
    [['--list', 'Bought', '--out', 'r.html', '--price', '10', '--cpm', '5'], 2, /give --price or --cpm, not both/],
    [['--list', 'Bought', '--out', 'r.html', '--price', 'ten'], 2, /--price must be an amount in dollars/],
    [['--list', 'Bought', '--out', 'r.html', '--states', 'Nevada'], 2, /--states: "NEVADA" is not a two-letter state code/],
    [['--list', 'Bought', '--out', 'r.html', '--compare', 'Bought'], 1, /"Bought" cannot be compared with itself/],
    [['--list', 'Bought', '--out', 'r.html', '--radius', '00000:10'], 1, /ZIP 00000 is not in the bundled ZIP table/],
  ])('refuses %j in words', async (args, code, message) => {
    const { dir, project } = await setup();
    const argv = ['audit', '--project', project, ...args.map((a) => (a === 'r.html' ? path.join(dir, a) : a))];
    const r = await cli(argv);
    expect(r.code).toBe(code);
    expect(r.err.join('\n')).toMatch(message);
    expect(fs.existsSync(path.join(dir, 'r.html'))).toBe(false);
  });
});
