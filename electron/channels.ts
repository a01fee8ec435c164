// IPC channel names and the closed list of event names shared by main and the preload (no imports: the sandboxed preload bundles it). The menu commands are in src/api/wire.ts.

/** Main → renderer: a menu choice (or a project file the OS handed to Winnow) the renderer should act on. */
export const MENU_CHANNEL = 'winnow:menu';
/** Renderer → main (sent by the preload, never by page code): the page now listens for menu commands, so queued ones can be delivered. */
export const MENU_READY_CHANNEL = 'winnow:menu-ready';

/** Engine events the bridge forwards; a test checks this list against the contract's EventName. */
export const ENGINE_EVENTS = ['job.progress', 'job.finished', 'project.changed'] as const;

/** Everything `window.winnow.on(name, cb)` accepts. */
export const BRIDGE_EVENTS = [...ENGINE_EVENTS, 'menu'] as const;

