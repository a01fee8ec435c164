// The renderer's view of its host: the contract's WinnowApi + HostFiles, plus upload progress and connection state.
import type { FileRef, HostFiles, WinnowApi } from '../../../src/api/contract';
import type { MenuCommand } from '../../../src/api/wire';

export type PickedFile = FileRef & { name: string; size: number };
export type SaveTarget = FileRef & { name: string };

export interface UploadProgress {
  name: string;
  loaded: number;
  total: number;
}

export interface PickOpenOptions {
  purpose: 'import' | 'project';
  title?: string;
  /** Browser host only: bytes sent so far, while the chosen file travels to the host. */
  onProgress?: (progress: UploadProgress) => void;
}

/** 'open' once events flow; 'reconnecting' while the browser host's event socket is down (Electron is always 'open'). */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface RendererClient extends WinnowApi, HostFiles {
  readonly host: 'electron' | 'browser';
  pickOpenFile(opts: PickOpenOptions): Promise<PickedFile | null>;
  pickSaveFile(opts: { purpose: 'export' | 'project'; suggestedName: string }): Promise<SaveTarget | null>;
  /** Whether a File dropped on the window can reach the engine (the browser host uploads it; Electron gives us no path). */
  readonly acceptsDroppedFiles: boolean;
  /** Hands a dropped File to the engine as the picker would; rejects with NOT_SUPPORTED where `acceptsDroppedFiles` is false. */
  openDroppedFile(file: File, onProgress?: (progress: UploadProgress) => void): Promise<PickedFile>;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** The desktop app's menu choices (File → Open Project… and the rest); the browser host has no menu, so never calls it. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
