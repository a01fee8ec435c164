// Builds everything into dist/: the engine bundles (esbuild), the Electron shell (CJS for main and the sandboxed preload), and the renderer (Vite).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const only = process.argv[2]; // 'engine' | 'renderer' | undefined (all)

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: 'linked', logLevel: 'warning', absWorkingDir: root };

/** Entries whose source exists (the shell and bench are optional in a partial checkout). */
function existing(entries) {
  return Object.fromEntries(Object.entries(entries).filter(([, f]) => fs.existsSync(path.join(root, f))));
}

async function engine() {
  // Engine hosts: ESM, dependencies stay in node_modules (better-sqlite3 is native).
  await esbuild({
    ...common,
    format: 'esm',
    packages: 'external',
    outdir: dist,
    entryNames: '[dir]/[name]',
    entryPoints: existing({
      cli: 'src/cli/main.ts',
      worker: 'src/host/worker-entry.ts',
      'parse-worker': 'src/jobs/parse-worker.ts',
      'clean-worker': 'src/jobs/clean-worker.ts',
      'match-worker': 'src/jobs/match-worker.ts',
      'browser-host': 'src/host/browser-host-main.ts',
      'bench/run': 'bench/run.ts',
    }),
  });
  // The Electron shell: CommonJS, electron external. The preload is bundled whole (a sandboxed preload cannot require files).
  const shellEntries = { 'electron/main': 'electron/main.ts', 'electron/preload': 'electron/preload.ts' };
  const present = existing(shellEntries);
  if (Object.keys(present).length > 0) {
    await esbuild({ ...common, format: 'cjs', packages: 'external', external: ['electron'], outdir: dist, entryNames: '[dir]/[name]', outExtension: { '.js': '.cjs' }, entryPoints: present });
  }
}

async function renderer() {
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

const t0 = performance.now();
if (!only || only === 'engine') await engine();
if (!only || only === 'renderer') await renderer();
console.log(`built ${only ?? 'engine + renderer'} in ${Math.round(performance.now() - t0)} ms`);
