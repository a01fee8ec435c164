// The review flow through the service: a run's report, the queue of doubtful pairs (most uncertain first), a pair side by
// side with its evidence, merge / not-a-duplicate decisions that re-form clusters, selective undo, and decisions kept across runs.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MergePurgeResult, PairReview, RecordRef } from '../../../src/api/contract';
import { cleanupAfterEach, newProject } from '../../fixtures/helpers';

cleanupAfterEach();

const SAMPLE = path.resolve(import.meta.dirname, '../../../resources/sample');

async function sampleRun() {
  const { service, projectId } = await newProject();
  for (const [file, role] of [['house-file.csv', 'customers'], ['bought-list.csv', 'prospects']] as const) {
    const { jobId } = await service.invoke('import.start', { projectId, file: service.registerFile(path.join(SAMPLE, file), 'read'), role });
    expect((await service.invoke('jobs.wait', { jobId })).status).toBe('done');
  }
  const { jobId } = await service.invoke('dedupe.start', { projectId });
  const job = await service.invoke('jobs.wait', { jobId });
  expect(job.status).toBe('done');
  return { service, projectId, result: job.result as MergePurgeResult };
}

const ref = (s: PairReview['a']): RecordRef => ({ listId: s.listId, rowNo: s.rowNo });

describe('review', () => {
  it('reports the run, queues doubtful pairs most uncertain first, and explains each', async () => {
    const { service, projectId, result } = await sampleRun();
    expect(result.lists.map((l) => l.listName)).toEqual(['house-file', 'bought-list']);
    expect(result.rowsAfter).toBe(result.lists.reduce((s, l) => s + l.kept, 0));
    expect(result.rowsBefore - result.rowsAfter).toBe(result.lists.reduce((s, l) => s + l.duplicatesWithin + l.duplicatesBetween, 0));
    const { runs } = await service.invoke('dedupe.runs', { projectId });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.report.rowsAfter).toBe(result.rowsAfter);
    expect(runs[0]!.report).toEqual(expect.objectContaining({ runId: runs[0]!.runId, level: 'person', seconds: expect.any(Number) }));
    const q = await service.invoke('review.queue', { projectId });
    expect(q.total).toBe(runs[0]!.toReview);
    expect(q.total).toBeGreaterThan(0);
    const doubt = q.pairs.map((p) => Math.abs(p.probability - 0.5));
    expect([...doubt].sort((a, b) => a - b)).toEqual(doubt);
    for (const p of q.pairs) {
      expect(p.probability).toBeGreaterThanOrEqual(0.1);
      expect(p.probability).toBeLessThan(0.9);
      expect(p.explanation.length).toBeGreaterThan(10);
      expect(p.evidence.length).toBeGreaterThan(1);
      expect(p.a.fields.some((f) => f.differs) || p.evidence.some((e) => e.weight < 0)).toBe(true);
    }
  });

  it('splits and merges pairs, undoes one decision without undoing later ones; decisions survive a re-run', async () => {
    const { service, projectId } = await sampleRun();
    const q = await service.invoke('review.queue', { projectId, limit: 100 });
    const [p1, p2] = q.pairs.filter((p) => p.merged);
    expect(p1 && p2).toBeTruthy();

    // "Not a duplicate" splits a merged pair; a later "same" merges it again.
    const split1 = await service.invoke('review.decide', { projectId, a: ref(p1!.a), b: ref(p1!.b), decision: 'different' });
    expect(split1.pair.merged).toBe(false);
    expect(split1.decision.label).toMatch(/^Kept row \d+ of [\w-]+ and row \d+ of [\w-]+ apart \(not duplicates\)$/);
    const split2 = await service.invoke('review.decide', { projectId, a: ref(p2!.a), b: ref(p2!.b), decision: 'different' });
    expect(split2.pair.merged).toBe(false);
    expect((await service.invoke('review.queue', { projectId })).total).toBe(q.total - 2);
    const merge1 = await service.invoke('review.decide', { projectId, a: ref(p1!.a), b: ref(p1!.b), decision: 'same' });
    expect(merge1.pair.merged).toBe(true);
    expect(merge1.decision.label).toMatch(/^Merged row \d+ of [\w-]+ with row \d+ of [\w-]+$/);

    // Undo the first split only: the later decisions stay in force.
    const u = await service.invoke('review.undo', { projectId, seq: split1.decision.seq });
    expect(u.decision.undoneAt).not.toBeNull();
    expect(u.pair!.merged).toBe(true);
    expect((await service.invoke('review.pair', { projectId, a: ref(p2!.a), b: ref(p2!.b) })).merged).toBe(false);
    // Undo the merge: nothing else says "different" for p1 now, so it returns to what the scores say (merged).
    const u2 = await service.invoke('review.undo', { projectId, seq: merge1.decision.seq });
    expect(u2.pair!.merged).toBe(true);
    const { decisions } = await service.invoke('review.decisions', { projectId });
    expect(decisions.map((d) => [d.decision, d.undoneAt === null])).toEqual([
      ['same', false],
      ['different', true],
      ['different', false],
    ]);

    // A new run keeps the decision in force.
    const { jobId } = await service.invoke('dedupe.start', { projectId });
    expect((await service.invoke('jobs.wait', { jobId })).status).toBe('done');
    const again = await service.invoke('review.pair', { projectId, a: ref(p2!.a), b: ref(p2!.b) });
    expect(again.merged).toBe(false);
    expect(again.decision?.decision).toBe('different');
    await expect(service.invoke('review.undo', { projectId, seq: split1.decision.seq })).rejects.toThrow(/already undone/);
  });

  it('shows a cluster and its merged record, each value from a named member, and keeps the user pick', async () => {
    const { service, projectId } = await sampleRun();
    const q = await service.invoke('review.queue', { projectId, limit: 100 });
    const p = q.pairs.find((x) => x.merged)!;
    const c = await service.invoke('review.cluster', { projectId, record: ref(p.a) });
    expect(c.members.length).toBeGreaterThanOrEqual(2);
    expect(c.members.filter((m) => m.survivor)).toHaveLength(1);
    expect(c.members[0]!.survivor).toBe(true);
    const keys = (r: RecordRef) => `${r.listId}:${r.rowNo}`;
    const memberKeys = new Set(c.members.map(keys));
    expect(memberKeys.has(keys(ref(p.a))) && memberKeys.has(keys(ref(p.b)))).toBe(true);
    const name = c.merged.find((m) => m.field === 'name')!;
    expect(name.value).not.toBe('');
    expect(memberKeys.has(keys(name.from!))).toBe(true);
    expect(name.rule).toBe('complete');
    // Pick another member's address: it holds now and after a new run.
    const other = c.members.find((m) => keys(m) !== keys(c.merged.find((x) => x.field === 'address')!.from!))!;
    const picked = await service.invoke('review.pick', { projectId, field: 'address', from: ref(other) });
    const address = picked.merged.find((m) => m.field === 'address')!;
    expect(address.rule).toBe('pick');
    expect(keys(address.from!)).toBe(keys(other));
    const { jobId } = await service.invoke('dedupe.start', { projectId });
    expect((await service.invoke('jobs.wait', { jobId })).status).toBe('done');
    const after = await service.invoke('review.cluster', { projectId, record: ref(other) });
    expect(after.merged.find((m) => m.field === 'address')!.rule).toBe('pick');
    // A record alone is a cluster of one.
    const single = await service.invoke('review.cluster', { projectId, record: { listId: 1, rowNo: 1 } });
    expect(single.members.length).toBeGreaterThanOrEqual(1);
  });
});
