// The acceptance test for .xlsx exports: 1,000,000 rows × 15 columns written by the streaming writer and read back
// identical by Winnow's reader, within a time and memory budget (figures printed for the README's benchmarks).
import path from 'node:path';
import { expect, it } from 'vitest';
import { cleanupAfterEach, tempDir } from '../../fixtures/helpers';
import { roundTrip } from '../../fixtures/xlsx-sample';

cleanupAfterEach();

it('writes 1,000,000 rows to .xlsx and reads them back identical, in bounded memory', async () => {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  try {
    const r = await roundTrip(path.join(tempDir(), 'million.xlsx'), 1_000_000);
    console.log(`xlsx 1,000,000 rows × 15: write ${r.write.toFixed(1)} s, read back ${r.read.toFixed(1)} s, peak RSS ${Math.round(peak / 2 ** 20)} MiB`);
    expect(r).toEqual(expect.objectContaining({ mismatches: 0, read_rows: 1_000_000, sheets: 1 }));
    expect(peak).toBeLessThan(1024 * 2 ** 20);
  } finally {
    clearInterval(timer);
  }
}, 180_000);
