// Playwright fixture: starts the real browser host (engine worker + loopback server) in a fresh workspace for each test file.
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Host {
  url: string;
  origin: string;
  workspace: string;
  process: ChildProcess;
}

const root = path.resolve(import.meta.dirname, '..', '..');

export async function startHost(workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-e2e-'))): Promise<Host> {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'browser-host.js'), '--workspace', workspace], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${output}`)), 20_000);
    const onData = (b: Buffer) => {
      output += b.toString();
      const m = /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`browser host exited (${code}):\n${output}`)));
  });
  return { url, origin: new URL(url).origin, workspace, process: child };
}

export async function stopHost(host: Host): Promise<void> {
  if (host.process.exitCode !== null) return;
  const exited = new Promise((r) => host.process.once('exit', r));
  host.process.kill('SIGTERM');
  await exited;
}

/** Runs the real CLI (same engine) to prepare data for a UI test. */
export function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'winnow.mjs'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Attaches a screenshot to the report; with WINNOW_SHOTS=DIR set, also writes it there as NAME.png (to look at without the report). */
export async function attachScreenshot(page: Page, name: string): Promise<void> {
  const body = await page.screenshot();
  await test.info().attach(name, { body, contentType: 'image/png' });
  const dir = process.env.WINNOW_SHOTS;
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${name.replace(/[^\w.-]+/g, '-')}.png`), body);
  }
}

export const test = base.extend<{ host: Host }>({
  host: async ({}, use) => {
    const host = await startHost();
    await use(host);
    await stopHost(host);
  },
});
export { expect };
