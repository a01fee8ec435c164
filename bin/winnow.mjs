#!/usr/bin/env node
// The `winnow` command: runs the bundled CLI on Node 24 (the project's own), building the engine first when dist/ is missing or stale.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  // better-sqlite3's prebuilt binary needs Node >= 22; use the Node 24 that npm installed for the project.
  const node24 = path.join(root, 'node_modules', 'node', 'bin', 'node');
  if (!fs.existsSync(node24)) {
    console.error(`winnow: needs Node 22 or newer (this is ${process.version}); run "npm install" in ${root} first.`);
    process.exit(1);
  }
  const r = spawnSync(node24, [import.meta.filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const cli = path.join(root, 'dist', 'cli.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

// In a source checkout, keep the bundle in step with src/ (esbuild takes a fraction of a second).
const srcDir = path.join(root, 'src');
if (fs.existsSync(srcDir) && (!fs.existsSync(cli) || fs.statSync(cli).mtimeMs < newestMtime(srcDir))) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'engine'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0 || !fs.existsSync(cli)) {
    console.error(`winnow: could not build the engine; run "npm run build" in ${root} to see why.`);
    process.exit(1);
  }
}
await import(cli);
