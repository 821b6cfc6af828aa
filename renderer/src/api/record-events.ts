import { createContext, useContext, useEffect, useRef, useState } from 'react';
import {
  eventsGlobalName,
  parseEventPayload,
  sharedRecordTables,
  type ChangedTable,
  type EventPayload,
  type EventSubscription,
} from '../../../shared/contract/contract-events';

type Listener = (payload: unknown) => void;

/**
 * Inside Electron the preload's subscription (IPC); with the development
 * host, one long-lived GET of /api/events read as Server-Sent Events. Either
 * way each payload is checked against the contract before a screen sees it.
 */
export function chooseEvents(token: string | null): EventSubscription {
  const fromShell = (window as unknown as Record<string, EventSubscription | undefined>)[eventsGlobalName];
  const raw = fromShell ?? hostEvents(token);
  return {
    subscribe(name, listener) {
      return raw.subscribe(name, (payload: unknown) => {
        const checked = parseEventPayload(name, payload);
        if (checked) listener(checked);
      });
    },
  };
}

/**
 * The development host's events: one fetch whose body the host writes to as
 * events happen (no polling). Opened on the first subscription; if it breaks
 * it is opened again after a growing pause, and since events may have been
 * missed meanwhile the screens are told to read everything again.
 */
function hostEvents(token: string | null): EventSubscription {
  const listeners = new Map<string, Set<Listener>>();
  let started = false;
  let retryMs = 500;

  const deliver = (name: string, payload: unknown) => {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };

  async function follow(reconnected: boolean): Promise<void> {
    const response = await fetch('/api/events', {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      cache: 'no-store',
      credentials: 'omit',
    });
    if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
    retryMs = 500;
    if (reconnected) deliver('records.changed', { changes: [], resync: true });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += value;
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const frame = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        let name = '';
        let data = '';
        for (const line of frame.split('\n')) {
          if (line.startsWith('event: ')) name = line.slice('event: '.length);
          else if (line.startsWith('data: ')) data += line.slice('data: '.length);
        }
        if (!name || !data) continue;
        try {
          deliver(name, JSON.parse(data));
        } catch {
          // A frame that is not JSON is dropped, like one that fails its schema.
        }
      }
    }
  }

  function start(reconnected: boolean): void {
    follow(reconnected).then(
      () => again(),
      () => again(),
    );
  }
  function again(): void {
    const wait = retryMs;
    retryMs = Math.min(retryMs * 2, 10_000);
    window.setTimeout(() => start(true), wait);
  }

  return {
    subscribe(name, listener) {
      const set = listeners.get(name) ?? new Set<Listener>();
      listeners.set(name, set);
      const relay: Listener = (payload) => listener(payload as never);
      set.add(relay);
      if (!started) {
        started = true;
        start(false);
      }
      return () => {
        set.delete(relay);
      };
    },
  };
}

export const EventsContext = createContext<EventSubscription | null>(null);

/** Which changes a screen cares about: tables, and optionally only some records of a table. */
export interface ChangeFilter {
  tables: readonly ChangedTable[];
  /** Only these ids of `idsOf`'s table count (the others in `tables` count whatever the id). */
  ids?: { table: ChangedTable; ids: readonly string[] };
}

/** Any shared record: what a summary of posts and consents (the dashboard, Home) depends on (staff accounts are not). */
export const anyRecord: ChangeFilter = { tables: sharedRecordTables };

/** Staff accounts: added, disabled, enabled, renamed or given another role, here or on another workstation. */
export const staffChanges: ChangeFilter = { tables: ['staff'] };

export function isRelevant(payload: EventPayload<'records.changed'>, filter: ChangeFilter): boolean {
  if (filter.tables.length === 0) return false;
  if (payload.resync) return true;
  return payload.changes.some((change) => {
    if (!filter.tables.includes(change.table)) return false;
    if (filter.ids && filter.ids.table === change.table) return filter.ids.ids.includes(change.id);
    return true;
  });
}

/**
 * Calls `onChange` when committed changes touch what the screen shows (here
 * or on another workstation). Without an events provider (component tests)
 * it never fires. The latest `onChange` is used, so it need not be memoised.
 */
export function useRecordsChanged(filter: ChangeFilter, onChange: (payload: EventPayload<'records.changed'>) => void): void {
  const events = useContext(EventsContext);
  const latest = useRef({ filter, onChange });
  useEffect(() => {
    latest.current = { filter, onChange };
  });
  useEffect(() => {
    if (!events) return;
    return events.subscribe('records.changed', (payload) => {
      if (isRelevant(payload, latest.current.filter)) latest.current.onChange(payload);
    });
  }, [events]);
}

/** A number that goes up with every relevant change: put it in a load's dependencies to read again. */
export function useChangeCount(filter: ChangeFilter): number {
  const [count, setCount] = useState(0);
  useRecordsChanged(filter, () => setCount((c) => c + 1));
  return count;
}
