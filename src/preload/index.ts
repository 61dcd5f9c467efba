import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { ApiClient, Channel, EngineEvent, Request, Responses, Result } from '../core/api/contract';

/**
 * Exposes exactly one function per contract channel as `window.cxb` — never ipcRenderer or the
 * port itself. Requests go to the engine process over the MessagePort main hands this window.
 * The channel list is spelled out (not imported) so this sandboxed preload needs no other
 * module, and `satisfies ApiClient` makes a missing or misspelt channel a compile error.
 */
type Pending = (result: Result<unknown>) => void;

const pending = new Map<number, Pending>();
const queued: Array<{ id: number; channel: Channel; payload: unknown }> = [];
const listeners = new Set<(event: EngineEvent) => void>();
let port: IpcRendererEvent['ports'][number] | null = null;
let nextId = 1;

ipcRenderer.on('engine-port', (event) => {
  const [received] = event.ports;
  if (!received) return;
  port = received;
  port.onmessage = (message: MessageEvent) => {
    const data = message.data as {
      id?: number;
      result?: Result<unknown>;
      event?: EngineEvent['name'];
      payload?: unknown;
    };
    if (data.event) {
      for (const listener of listeners) listener({ name: data.event, payload: data.payload } as EngineEvent);
      return;
    }
    if (typeof data.id !== 'number' || !data.result) return;
    pending.get(data.id)?.(data.result);
    pending.delete(data.id);
  };
  for (const request of queued.splice(0)) port.postMessage(request);
});

/** The one generic call every channel goes through. */
function invoke<C extends Channel>(channel: C, payload: Request<C>): Promise<Result<Responses[C]>> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve as Pending);
    const request = { id, channel, payload };
    if (port) port.postMessage(request);
    else queued.push(request);
  });
}

const to =
  <C extends Channel>(channel: C) =>
  (payload: Request<C>) =>
    invoke(channel, payload);

const api = {
  'engagement:create': to('engagement:create'),
  'engagement:open': to('engagement:open'),
  'engagement:close': to('engagement:close'),
  'engagement:current': to('engagement:current'),
  'engagement:summary': to('engagement:summary'),
  'engagement:open-demo': to('engagement:open-demo'),
  'engagement:check': to('engagement:check'),
  'demo:build': to('demo:build'),
  'import:fields': to('import:fields'),
  'import:preview': to('import:preview'),
  'import:commit': to('import:commit'),
  'import:cancel': to('import:cancel'),
  'imports:list': to('imports:list'),
  'imports:remove': to('imports:remove'),
  'imports:rejects': to('imports:rejects'),
  'records:list': to('records:list'),
  'settings:get': to('settings:get'),
  'settings:set': to('settings:set'),
  'targets:list': to('targets:list'),
  'targets:set': to('targets:set'),
  'targets:remove': to('targets:remove'),
  'targets:import': to('targets:import'),
  'touchpoints:list': to('touchpoints:list'),
  'touchpoints:set': to('touchpoints:set'),
  'touchpoints:remove': to('touchpoints:remove'),
  'mappings:list': to('mappings:list'),
  'mappings:get': to('mappings:get'),
  'mappings:save': to('mappings:save'),
  'mappings:export': to('mappings:export'),
  'mappings:import': to('mappings:import'),
  'mappings:delete': to('mappings:delete'),
  'mappings:suggest': to('mappings:suggest'),
  'scorecard:get': to('scorecard:get'),
  'scorecard:kpi': to('scorecard:kpi'),
  'gap:get': to('gap:get'),
  'analysis:periods': to('analysis:periods'),
  'analysis:filters': to('analysis:filters'),
  'pack:get': to('pack:get'),
  'pack:export-pdf': to('pack:export-pdf'),
  'pack:export-pptx': to('pack:export-pptx'),
  'pack:export-xlsx': to('pack:export-xlsx'),
  'notes:get': to('notes:get'),
  'notes:set': to('notes:set'),
} satisfies ApiClient;

contextBridge.exposeInMainWorld('cxb', api);
contextBridge.exposeInMainWorld('cxbEvents', {
  subscribe(listener: (event: EngineEvent) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
});

/**
 * What only the app can do (main answers, after checking this frame is ours): native dialogs,
 * recent files, a dropped file's path, menu commands. A listener gets the command, never the
 * IpcRendererEvent (which would hand the page `sender`, an ipcRenderer).
 */
const appInvoke = (channel: string) => (payload: unknown) => ipcRenderer.invoke(channel, payload);
const commandListeners = new Set<(command: unknown) => void>();
ipcRenderer.on('app:command', (_event, command: unknown) => {
  for (const listener of commandListeners) listener(command);
});

contextBridge.exposeInMainWorld('cxbApp', {
  chooseFile: appInvoke('app:choose-file'),
  chooseNewEngagement: appInvoke('app:choose-new-engagement'),
  saveText: appInvoke('app:save-text'),
  chooseExportPath: appInvoke('app:choose-export-path'),
  recent: appInvoke('app:recent'),
  remember: appInvoke('app:remember'),
  pathOfFile: (file: File): string => webUtils.getPathForFile(file),
  onCommand(listener: (command: unknown) => void): () => void {
    commandListeners.add(listener);
    return () => commandListeners.delete(listener);
  },
});
