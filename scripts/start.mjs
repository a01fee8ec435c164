// `npm start`: builds dist/ when it is missing or stale, then opens Winnow in Electron, or in the browser when Electron is unavailable (or with --browser).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const browserOnly = args.includes('--browser');
const passThrough = args.filter((a) => a !== '--browser');

const FALLBACK_SENTENCE = 'Electron could not be downloaded on this machine, so Winnow starts in your browser instead.';
const REQUIRED_NODE_MAJOR = 24;

/** Inputs of the build, and the outputs `npm start` needs. */
const SOURCES = ['src', 'electron', 'renderer', 'scripts/build.mjs', 'vite.config.ts', 'package.json', 'package-lock.json'];
const OUTPUTS = ['dist/worker.js', 'dist/browser-host.js', 'dist/renderer/index.html', 'dist/electron/main.cjs', 'dist/electron/preload.cjs'];
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git']);

function newestMtime(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if (entry.isDirectory() && SKIP_DIRS.has(entry.name)) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

function oldestOutputMtime() {
  let oldest = Infinity;
  for (const out of OUTPUTS) {
    try {
      oldest = Math.min(oldest, fs.statSync(path.join(root, out)).mtimeMs);
    } catch {
      return 0; // missing
    }
  }
  return oldest;
}

function ensureBuilt() {
  const newestSource = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  if (oldestOutputMtime() >= newestSource) return;
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('Winnow could not be built; the errors above say why.');
    process.exit(result.status ?? 1);
  }
}

/** The Electron binary when it is present (no output at all), else null; see resolveElectron for the download attempt. */
function installedElectron() {
  const require = createRequire(path.join(root, 'package.json'));
  let pkgDir;
  try {
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { pkgDir: null, binary: null };
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  let relative = null;
  try {
    relative = fs.readFileSync(path.join(pkgDir, 'path.txt'), 'utf8');
  } catch {
    // Not downloaded yet.
  }
  if (override) return { pkgDir, binary: path.join(override, relative || 'electron') };
  const binary = relative ? path.join(pkgDir, 'dist', relative) : null;
  return { pkgDir, binary: binary && fs.existsSync(binary) ? binary : null };
}

/**
 * Resolves the Electron binary. When it is not there yet, `require('electron')` downloads it; that runs in a child
 * process whose output is kept back, so a machine without network access sees one sentence, not a stack trace.
 */
function resolveElectron() {
  const { pkgDir, binary } = installedElectron();
  if (binary) return Promise.resolve(binary);
  if (!pkgDir) return Promise.resolve(null);
  return new Promise((resolve) => {
    const probe = spawn(process.execPath, ['-e', "process.stdout.write(String(require('electron')))"], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    probe.stdout.on('data', (d) => (out += d));
    probe.stderr.resume();
    // Only a real download takes this long; say what is happening instead of staying silent.
    const notice = setTimeout(() => console.log('Downloading Electron for the first run…'), 2500);
    const giveUp = setTimeout(() => probe.kill(), 10 * 60_000);
    probe.on('error', () => resolve(null));
    probe.on('close', (code) => {
      clearTimeout(notice);
      clearTimeout(giveUp);
      const found = code === 0 ? out.trim().split('\n').pop() : null;
      resolve(found && fs.existsSync(found) ? found : null);
    });
  });
}

/** Runs a child with inherited stdio, passes Ctrl+C / termination on, and exits with its code. */
function runChild(command, childArgs, env, onSpawnError) {
  const child = spawn(command, childArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (err) => {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
    onSpawnError(err);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startBrowserHost() {
  const workspace = path.resolve(process.env.WINNOW_WORKSPACE || path.join(os.homedir(), 'Winnow'));
  runChild(process.execPath, [path.join(root, 'dist', 'browser-host.js'), '--workspace', workspace, ...passThrough], process.env, (err) => {
    console.error(`The browser host did not start: ${err.message}`);
    process.exit(1);
  });
}

function startElectron(binary) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  runChild(binary, ['.', ...passThrough], env, () => {
    console.log(FALLBACK_SENTENCE);
    startBrowserHost();
  });
}

const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < REQUIRED_NODE_MAJOR) {
  console.error(`Winnow needs Node ${REQUIRED_NODE_MAJOR} or newer (this is ${process.version}); run it with npm start, which uses the project's own Node.`);
  process.exit(1);
}

ensureBuilt();
if (browserOnly) {
  startBrowserHost();
} else {
  const binary = await resolveElectron();
  if (binary) {
    startElectron(binary);
  } else {
    console.log(FALLBACK_SENTENCE);
    startBrowserHost();
  }
}
