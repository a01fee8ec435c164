// The two API clients: outcomes become values or WinnowErrors, events fan out, the browser socket reconnects, files go to the right routes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WinnowError } from '../../src/api/contract';
import { createBrowserClient, reconnectDelayMs } from '../../renderer/src/api/browser-client';
import { createElectronClient, type PreloadBridge } from '../../renderer/src/api/electron-client';
import { unwrapOutcome } from '../../renderer/src/api/outcome';

describe('unwrapOutcome', () => {
  it('returns the value of a success', () => {
    expect(unwrapOutcome({ ok: true, value: { a: 1 } })).toEqual({ a: 1 });
  });
  it('throws the engine error with its code, message and details', () => {
    const err = (() => {
      try {
        unwrapOutcome({ ok: false, error: { code: 'LIST_EXISTS', message: 'Already there.', details: { name: 'x' } } });
      } catch (e) {
        return e;
      }
    })() as WinnowError;
    expect(err).toBeInstanceOf(WinnowError);
    expect([err.code, err.message, err.details]).toEqual(['LIST_EXISTS', 'Already there.', { name: 'x' }]);
  });
  it.each([undefined, null, 'text', { ok: 'yes' }, { ok: false }])('refuses a malformed answer (%j) as INTERNAL', (bad) => {
    expect(() => unwrapOutcome(bad)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
  it('maps an unknown error code to INTERNAL but keeps the message', () => {
    expect(() => unwrapOutcome({ ok: false, error: { code: 'NEW_CODE', message: 'Newer engine.' } })).toThrow(
      expect.objectContaining({ code: 'INTERNAL', message: 'Newer engine.' }),
    );
  });
});

describe('electron client', () => {
  function bridge(answer: (method: string, input: unknown) => unknown) {
    const calls: [string, unknown][] = [];
    const listeners = new Map<string, (p: unknown) => void>();
    const b: PreloadBridge = {
      invoke: async (method, input) => {
        calls.push([method, input]);
        return answer(method, input) as never;
      },
      on: (event, cb) => {
        listeners.set(event, cb);
        return () => listeners.delete(event);
      },
    };
    return { b, calls, listeners };
  }

  it('invokes through the bridge and unwraps', async () => {
    const { b, calls } = bridge(() => ({ ok: true, value: { items: [] } }));
    const c = createElectronClient(b);
    await expect(c.invoke('project.recent', {})).resolves.toEqual({ items: [] });
    expect(calls).toEqual([['project.recent', {}]]);
  });

  it('turns an error outcome into a WinnowError', async () => {
    const c = createElectronClient(bridge(() => ({ ok: false, error: { code: 'PROJECT_NOT_OPEN', message: 'Open it again.' } })).b);
    await expect(c.invoke('project.info', { projectId: 'p' })).rejects.toMatchObject({ name: 'WinnowError', code: 'PROJECT_NOT_OPEN' });
  });

  it('turns a broken bridge into a WinnowError', async () => {
    const c = createElectronClient(
      bridge(() => {
        throw new Error('ipc gone');
      }).b,
    );
    await expect(c.invoke('app.info', {})).rejects.toMatchObject({ code: 'INTERNAL', details: { cause: 'ipc gone' } });
  });

  it('asks main for native dialogs through host.* methods', async () => {
    const { b, calls } = bridge((m) => ({ ok: true, value: m === 'host.pickOpenFile' ? { fileId: 'f1', name: 'a.csv', size: 3 } : null }));
    const c = createElectronClient(b);
    await expect(c.pickOpenFile({ purpose: 'import' })).resolves.toEqual({ fileId: 'f1', name: 'a.csv', size: 3 });
    await expect(c.pickSaveFile({ purpose: 'export', suggestedName: 'x.csv' })).resolves.toBeNull();
    expect(calls).toEqual([
      ['host.pickOpenFile', { purpose: 'import' }],
      ['host.pickSaveFile', { purpose: 'export', suggestedName: 'x.csv' }],
    ]);
  });

  it('refuses a dropped file in words that point to Import list…, without calling main', async () => {
    const { b, calls } = bridge(() => ({ ok: true, value: null }));
    const c = createElectronClient(b);
    expect(c.acceptsDroppedFiles).toBe(false);
    await expect(c.openDroppedFile({ name: 'a.csv' } as File)).rejects.toMatchObject({ code: 'NOT_SUPPORTED', message: expect.stringContaining('Import list…') });
    expect(calls).toEqual([]);
  });

  it('passes events through and unsubscribes', () => {
    const { b, listeners } = bridge(() => null);
    const c = createElectronClient(b);
    const got: unknown[] = [];
    const off = c.on('project.changed', (p) => got.push(p));
    listeners.get('project.changed')?.({ projectId: 'p1' });
    off();
    expect(got).toEqual([{ projectId: 'p1' }]);
    expect(listeners.has('project.changed')).toBe(false);
  });

  it('hands the page the menu commands it knows, and drops anything else that arrives on the menu event', () => {
    const { b, listeners } = bridge(() => null);
    const c = createElectronClient(b);
    const got: unknown[] = [];
    const off = c.onMenuCommand((m) => got.push(m));
    const send = listeners.get('menu')!;
    send({ command: 'project.recover' });
    send({ command: 'project.openRecent', recentId: 'r1' });
    send({ command: 'shell.openExternal', url: 'https://example.com' });
    send('project.open');
    send(null);
    off();
    expect(got).toEqual([{ command: 'project.recover' }, { command: 'project.openRecent', recentId: 'r1' }]);
    expect(listeners.has('menu')).toBe(false);
  });
});

class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  open() {
    this.onopen?.();
  }
  send(event: string, payload: unknown) {
    this.onmessage?.({ data: JSON.stringify({ event, payload }) });
  }
  drop() {
    this.onclose?.();
  }
}

function fakeDocument() {
  const made: Record<string, unknown>[] = [];
  return {
    made,
    doc: {
      createElement: () => {
        const el = { style: {}, click: vi.fn(), remove: vi.fn() } as Record<string, unknown>;
        made.push(el);
        return el;
      },
      body: { append: vi.fn() },
    } as unknown as Document,
  };
}

function browserClient(fetchImpl: (url: string, init: RequestInit) => Promise<Response>) {
  const { doc, made } = fakeDocument();
  const client = createBrowserClient({
    baseUrl: 'http://127.0.0.1:4000/',
    fetch: fetchImpl as typeof fetch,
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    document: doc,
  });
  return { client, made };
}

describe('browser client', () => {
  afterEach(() => {
    FakeSocket.all = [];
    vi.useRealTimers();
  });

  it('POSTs {method, input} to /api/invoke and unwraps the outcome', async () => {
    const seen: [string, unknown][] = [];
    const { client } = browserClient(async (url, init) => {
      seen.push([url, JSON.parse(String(init.body))]);
      return new Response(JSON.stringify({ ok: true, value: { closed: true } }));
    });
    await expect(client.invoke('project.close', { projectId: 'p1' })).resolves.toEqual({ closed: true });
    expect(seen).toEqual([['http://127.0.0.1:4000/api/invoke', { method: 'project.close', input: { projectId: 'p1' } }]]);
  });

  it('explains a lost session in words', async () => {
    const { client } = browserClient(async () => new Response('Open Winnow with the link', { status: 401 }));
    await expect(client.invoke('app.info', {})).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('no longer signed in') });
  });

  it('explains an engine that does not answer', async () => {
    const { client } = browserClient(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(client.invoke('app.info', {})).rejects.toMatchObject({ message: expect.stringContaining('not responding') });
  });

  it('asks the host for a save target', async () => {
    const seen: [string, unknown][] = [];
    const { client } = browserClient(async (url, init) => {
      seen.push([url, JSON.parse(String(init.body))]);
      return new Response(JSON.stringify({ ok: true, value: { fileId: 'w1', name: 'out.csv' } }));
    });
    await expect(client.pickSaveFile({ purpose: 'export', suggestedName: 'out.csv' })).resolves.toEqual({ fileId: 'w1', name: 'out.csv' });
    expect(seen).toEqual([['http://127.0.0.1:4000/api/save-target', { purpose: 'export', suggestedName: 'out.csv' }]]);
  });

  it('downloads a delivered file from /api/download/<id> under its name', async () => {
    const { client, made } = browserClient(async () => new Response('{}'));
    await client.deliverFile({ fileId: 'a b', name: 'List 1.csv' });
    const a = made.at(-1)!;
    expect(a.href).toBe('http://127.0.0.1:4000/api/download/a%20b');
    expect(a.download).toBe('List 1.csv');
    expect(a.click).toHaveBeenCalledOnce();
  });

  it('fans events out from one socket and reconnects after a drop', async () => {
    vi.useFakeTimers();
    const { client } = browserClient(async () => new Response('{}'));
    const states: string[] = [];
    client.onConnection((s) => states.push(s));
    const got: unknown[] = [];
    client.on('job.progress', (p) => got.push(p.rows));
    const off = client.on('job.progress', (p) => got.push(-p.rows));
    expect(FakeSocket.all).toHaveLength(1);
    expect(FakeSocket.all[0]!.url).toBe('ws://127.0.0.1:4000/api/events');
    FakeSocket.all[0]!.open();
    FakeSocket.all[0]!.send('job.progress', { rows: 5 });
    off();
    FakeSocket.all[0]!.send('job.progress', { rows: 6 });
    FakeSocket.all[0]!.send('project.changed', { projectId: 'x' }); // nobody listens: ignored
    expect(got).toEqual([5, -5, 6]);

    FakeSocket.all[0]!.drop();
    expect(states).toEqual(['connecting', 'open', 'reconnecting']);
    await vi.advanceTimersByTimeAsync(reconnectDelayMs(0));
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1]!.open();
    FakeSocket.all[1]!.send('job.progress', { rows: 7 });
    expect(got).toEqual([5, -5, 6, 7]);
    expect(states.at(-1)).toBe('open');
  });

  it('backs off between reconnects, up to 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(reconnectDelayMs)).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
  });
});
