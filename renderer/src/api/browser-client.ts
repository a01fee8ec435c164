// The client over the loopback browser host: POST /api/invoke, one reconnecting WebSocket for events, upload/download for files.
import { WinnowError, type EventName, type EventPayloads, type MethodInput, type MethodName, type MethodResult } from '../../../src/api/contract';
import { ROUTES, type WireEvent } from '../../../src/api/wire';
import type { ConnectionState, PickedFile, PickOpenOptions, RendererClient, SaveTarget, UploadProgress } from './client-types';
import { isOutcome, toWinnowError, unwrapOutcome } from './outcome';

export interface BrowserClientDeps {
  /** Origin-relative URLs resolve against this (the page's own address). */
  baseUrl: string;
  fetch: typeof fetch;
  WebSocket: typeof WebSocket;
  document: Document;
}

const ACCEPT: Record<PickOpenOptions['purpose'], string> = {
  import: '.csv,.tsv,.txt,.tab,.psv,.xlsx,text/csv,text/plain,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  project: '.winnow',
};

/** Delay before the n-th reconnect attempt: quick at first, then at most every 5 s. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(5000, 250 * 2 ** Math.max(0, attempt));
}

function sessionError(status: number): WinnowError {
  return new WinnowError(
    'INTERNAL',
    status === 401 || status === 403
      ? 'This page is no longer signed in to Winnow. Open Winnow again from the address it printed when it started.'
      : `Winnow's engine answered with an error (HTTP ${status}).`,
    { status },
  );
}

async function readOutcome<T>(res: Response): Promise<T> {
  let body: unknown = undefined;
  try {
    body = await res.json();
  } catch {
    // Not JSON: fall through to the status-based message.
  }
  if (isOutcome(body)) return unwrapOutcome<T>(body);
  throw sessionError(res.status);
}

export function createBrowserClient(deps: BrowserClientDeps): RendererClient {
  const url = (route: string) => new URL(route, deps.baseUrl).toString();

  async function post<T>(route: string, body: unknown): Promise<T> {
    let res: Response;
    try {
      res = await deps.fetch(url(route), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch (err) {
      throw toWinnowError(err, "Winnow's engine is not responding. Check that Winnow is still running, then try again.");
    }
    return readOutcome<T>(res);
  }

  // ---- events: one socket, reconnecting with backoff, fanned out to listeners
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(s: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let attempt = 0;
  const setState = (s: ConnectionState) => {
    if (s === state) return;
    state = s;
    for (const l of connectionListeners) l(s);
  };

  function connect(): void {
    const wsUrl = new URL(ROUTES.events, deps.baseUrl);
    wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
    let ws: WebSocket;
    try {
      ws = new deps.WebSocket(wsUrl.toString());
    } catch {
      scheduleReconnect();
      return;
    }
    ws.onopen = () => {
      attempt = 0;
      setState('open');
    };
    ws.onmessage = (ev: MessageEvent) => {
      let msg: WireEvent;
      try {
        msg = JSON.parse(String(ev.data)) as WireEvent;
      } catch {
        return;
      }
      const set = listeners.get(msg.event);
      if (set) for (const l of [...set]) l(msg.payload);
    };
    ws.onclose = () => scheduleReconnect();
  }
  function scheduleReconnect(): void {
    setState('reconnecting');
    setTimeout(connect, reconnectDelayMs(attempt++));
  }
  connect();

  // ---- files
  function chooseFile(purpose: PickOpenOptions['purpose']): Promise<File | null> {
    return new Promise((resolve) => {
      const input = deps.document.createElement('input');
      input.type = 'file';
      input.accept = ACCEPT[purpose];
      input.style.display = 'none';
      const done = (file: File | null) => {
        input.remove();
        resolve(file);
      };
      input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
      input.addEventListener('cancel', () => done(null), { once: true });
      deps.document.body.append(input);
      // Must run inside the user's click: no await before this line.
      input.click();
    });
  }

  /** Streams the file to the host (the browser reads it from disk; it never sits whole in page memory). */
  function upload(file: File, onProgress?: (p: UploadProgress) => void): Promise<PickedFile> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url(`${ROUTES.upload}?name=${encodeURIComponent(file.name)}`));
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.responseType = 'text';
      if (onProgress) xhr.upload.onprogress = (e) => onProgress({ name: file.name, loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
      xhr.onload = () => {
        let body: unknown = undefined;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          // handled below
        }
        if (!isOutcome(body)) {
          reject(sessionError(xhr.status));
          return;
        }
        try {
          resolve(unwrapOutcome<PickedFile>(body));
        } catch (err) {
          reject(err);
        }
      };
      xhr.onerror = () => reject(new WinnowError('FILE_UNREADABLE', `${file.name} could not be sent to Winnow's engine. Is Winnow still running?`));
      xhr.send(file);
    });
  }

  return {
    host: 'browser',
    invoke: <M extends MethodName>(method: M, input: MethodInput<M>) => post<MethodResult<M>>(ROUTES.invoke, { method, input }),
    on: <E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) => {
      const l = listener as (payload: unknown) => void;
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(l);
      return () => {
        set.delete(l);
      };
    },
    async pickOpenFile(opts: PickOpenOptions): Promise<PickedFile | null> {
      const file = await chooseFile(opts.purpose);
      if (!file) return null;
      opts.onProgress?.({ name: file.name, loaded: 0, total: file.size });
      return upload(file, opts.onProgress);
    },
    acceptsDroppedFiles: true,
    openDroppedFile(file: File, onProgress?: (p: UploadProgress) => void): Promise<PickedFile> {
      onProgress?.({ name: file.name, loaded: 0, total: file.size });
      return upload(file, onProgress);
    },
    pickSaveFile: ({ purpose, suggestedName }) => post<SaveTarget | null>(ROUTES.saveTarget, { purpose, suggestedName }),
    async deliverFile(file) {
      const a = deps.document.createElement('a');
      a.href = url(ROUTES.download + encodeURIComponent(file.fileId));
      a.download = file.name;
      a.style.display = 'none';
      deps.document.body.append(a);
      a.click();
      a.remove();
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => {
        connectionListeners.delete(listener);
      };
    },
    // No application menu around a browser tab: its buttons and shortcuts do the same.
    onMenuCommand: () => () => {},
  };
}
