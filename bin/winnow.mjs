#!/usr/bin/env node
// The `winnow` command: runs the bundled CLI on Node 24 (the project's own), whatever Node started this file.
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
if (!fs.existsSync(cli)) {
  console.error(`winnow: the engine is not built yet; run "npm run build" in ${root}.`);
  process.exit(1);
}
await import(cli);
