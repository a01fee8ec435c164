// Display formats: counts, sizes, durations, rates and safe export file names.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration, formatRate, plural, safeFileName } from '../../renderer/src/format';

describe('formats', () => {
  it.each([
    [formatCount(1_000_000), '1,000,000'],
    [plural(1, 'row'), '1 row'],
    [plural(2, 'row'), '2 rows'],
    [formatBytes(512), '512 B'],
    [formatBytes(171_029_973), '163 MB'],
    [formatBytes(4096), '4.0 KB'],
    [formatDuration(400), '0.4 s'],
    [formatDuration(12_300), '12 s'],
    [formatDuration(185_000), '3 min 05 s'],
    [formatDuration(3_720_000), '1 h 02 min'],
    [formatDuration(-1), '—'],
    [formatRate(950), '950 rows/s'],
    [formatRate(104_321), '104k rows/s'],
    [safeFileName('Bought list (Acme: March) / v2'), 'Bought list (Acme March) v2'],
    [safeFileName('???'), 'export'],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
