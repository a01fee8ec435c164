// Reliability suites (issue 9): crash safety with real SIGKILLs, project-file faults, the hostile-input corpus, fuzzing for a
// fixed budget and the Electron checklist. Slow and process-heavy, so they run one file at a time, apart from the unit tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
