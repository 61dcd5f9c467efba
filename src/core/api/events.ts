/**
 * What the engine tells its hosts without being asked: progress of a long import, and which tables
 * a write touched so a screen knows what to fetch again.
 */
export interface Events {
  'import:progress': {
    /** The job id the commit was given (null when none). */
    jobId: string | null;
    phase: 'reading' | 'finishing';
    rows: number;
    bytes: number;
    bytesTotal: number;
    /** 0–1 by bytes read. */
    fraction: number;
  };
  'data:changed': { tables: string[] };
  'demo:progress': { file: string };
}

export type EventName = keyof Events;

export interface EngineEvent<E extends EventName = EventName> {
  name: E;
  payload: Events[E];
}

export type EmitEvent = <E extends EventName>(name: E, payload: Events[E]) => void;

export const EVENT_NAMES: readonly EventName[] = ['import:progress', 'data:changed', 'demo:progress'];
