// The merge/purge job gives the same clusters, pairs and report whether pairs are compared on worker threads or inline.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dedupeLists } from '../../../src/jobs/dedupe-lists';
import { loadEmailLists, loadNicknameTable } from '../../../src/jobs/reference-data';
import { openProjectDb } from '../../../src/store/db';
import { allLists } from '../../../src/store/lists';
import { ensureEngineBuilt, ROOT } from '../../fixtures/engine-build';
import { cleanupAfterEach, newProject } from '../../fixtures/helpers';

cleanupAfterEach();
beforeAll(ensureEngineBuilt, 120_000);

const SAMPLE = path.join(ROOT, 'resources', 'sample');

describe('dedupe on worker threads', () => {
  it('matches the inline result exactly', async () => {
    const { service, projectId, projectPath } = await newProject();
    for (const [file, role] of [['house-file.csv', 'customers'], ['bought-list.csv', 'prospects']] as const) {
      const { jobId } = await service.invoke('import.start', { projectId, file: service.registerFile(path.join(SAMPLE, file), 'read'), role });
      expect((await service.invoke('jobs.wait', { jobId })).status).toBe('done');
    }
    const { jobId } = await service.invoke('clean.start', { projectId });
    expect((await service.invoke('jobs.wait', { jobId })).status).toBe('done');
    await service.invoke('project.close', { projectId });

    const db = openProjectDb(projectPath);
    try {
      const email = loadEmailLists(path.join(ROOT, 'resources'));
      const common = { lists: allLists(db), level: 'person' as const, signal: new AbortController().signal, progress: () => undefined, nicknames: loadNicknameTable(path.join(ROOT, 'resources')), freeMail: (d: string) => email.freeMail.has(d) };
      const snapshot = () => ({
        pairs: db.prepare(`SELECT a, b, round(prob, 6) AS p, levels FROM match_pairs ORDER BY a, b`).all(),
        members: db.prepare(`SELECT record_id, cluster, survivor FROM match_members ORDER BY record_id`).all(),
      });
      const inline = await dedupeLists(db, common);
      const a = snapshot();
      const pooled = await dedupeLists(db, { ...common, matchWorkerFile: path.join(ROOT, 'dist', 'match-worker.js'), workers: 2, workersFrom: 0 });
      const b = snapshot();
      expect(a.pairs.length).toBeGreaterThan(100);
      expect(b).toEqual(a);
      const { seconds: _s1, runId: _r1, ...ra } = inline;
      const { seconds: _s2, runId: _r2, ...rb } = pooled;
      expect(rb).toEqual(ra);
    } finally {
      db.close();
    }
  });
});
