import { contextBridge, ipcRenderer } from 'electron';
import type { ApiClient, Channel } from '../core/api/contract';

/**
 * Exposes exactly one function per contract channel as `window.cxb` — never ipcRenderer itself.
 * The channel list is spelled out (not imported) so this sandboxed preload needs no other module.
 */
const invoke = (channel: Channel) => (request: unknown) => ipcRenderer.invoke(channel, request);

const api = {
  'engagement:open': invoke('engagement:open'),
  'engagement:open-demo': invoke('engagement:open-demo'),
  'engagement:current': invoke('engagement:current'),
  'imports:list': invoke('imports:list'),
  'scorecard:get': invoke('scorecard:get'),
  'gap:get': invoke('gap:get'),
  'pack:get': invoke('pack:get'),
  'pack:export-pdf': invoke('pack:export-pdf'),
  'pack:export-pptx': invoke('pack:export-pptx'),
  'pack:export-xlsx': invoke('pack:export-xlsx'),
  'notes:get': invoke('notes:get'),
  'notes:set': invoke('notes:set'),
} as unknown as ApiClient satisfies ApiClient;

contextBridge.exposeInMainWorld('cxb', api);
