// Where the shell finds its pieces (renderer, engine worker, resources) in development and in a packaged app, and which arguments are project files.
import path from 'node:path';

export interface ShellLayout {
  /** dist/renderer: what app:// serves. */
  rendererDir: string;
  /** dist/electron/preload.cjs */
  preloadFile: string;
  /** dist/worker.js, the engine's worker thread. */
  workerFile: string;
  /** The app's resources/ folder (sample lists, reference data, icons). */
  resourcesDir: string;
}

/**
 * `mainDir` is dist/electron (the bundle's __dirname). When packaged, the engine worker and its dependencies are
 * unpacked beside app.asar (see asarUnpack in electron-builder.yml), because an ES-module worker thread cannot rely on
 * reading from inside the archive; resources are copied to <resourcesPath>/resources by extraResources.
 */
export function shellLayout(mainDir: string, packaged: { isPackaged: boolean; resourcesPath: string }): ShellLayout {
  const distDir = path.resolve(mainDir, '..');
  const worker = path.join(distDir, 'worker.js');
  return {
    rendererDir: path.join(distDir, 'renderer'),
    preloadFile: path.join(mainDir, 'preload.cjs'),
    workerFile: packaged.isPackaged ? unpackedPath(worker) : worker,
    resourcesDir: packaged.isPackaged ? path.join(packaged.resourcesPath, 'resources') : path.resolve(distDir, '..', 'resources'),
  };
}

/** …/app.asar/dist/worker.js → …/app.asar.unpacked/dist/worker.js */
export function unpackedPath(filePath: string): string {
  return filePath.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

export const PROJECT_FILE_EXTENSION = '.winnow';

/** Project files named on a command line (a double-click on Windows and Linux, or a second launch), resolved against `cwd`. */
export function projectPathsFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .filter((a) => !a.startsWith('-') && a.toLowerCase().endsWith(PROJECT_FILE_EXTENSION))
    .map((a) => path.resolve(cwd, a));
}
