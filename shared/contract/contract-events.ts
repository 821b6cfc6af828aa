import { z } from 'zod';

/**
 * Events: what the backend tells every open screen, unasked. Declared once
 * here, like the calls; the Electron shell, the preload, the development
 * host and the renderer all derive their channel and check each payload
 * against its schema. Payloads never hold patient data: a table, a record's
 * id and what happened, as the PostgreSQL feed announces them.
 */
/** The records a practice shares (patients, consents, testimonials and their media, posts). */
export const sharedRecordTables = ['patients', 'authorizations', 'testimonials', 'media', 'posts'] as const;
/**
 * Every table a change is announced for: the shared records, and staff (an
 * account added, disabled or given another role, seen by the Staff screen of
 * every workstation; the announcement names the account's id, never its
 * username or name).
 */
export const changedTables = [...sharedRecordTables, 'staff'] as const;
export type ChangedTable = (typeof changedTables)[number];

export const recordChangeSchema = z
  .object({
    table: z.enum(changedTables),
    id: z.string().min(1).max(200),
    kind: z.enum(['insert', 'update', 'delete', 'revoked', 'signed', 'final']),
  })
  .strict();
export type RecordChange = z.infer<typeof recordChangeSchema>;

/** At most this many changes travel in one event; a bigger burst is sent as `resync` (read everything again). */
export const maxChangesPerEvent = 200;

export const contractEvents = {
  'records.changed': {
    summary: 'Records changed and were committed (here or on the practice server); screens showing them read them again.',
    payload: z
      .object({
        changes: z.array(recordChangeSchema).max(maxChangesPerEvent),
        /** Changes may have been missed (a reconnect, a burst too big to list): refresh everything shown. */
        resync: z.boolean(),
      })
      .strict(),
  },
} as const;

export type ContractEvents = typeof contractEvents;
export type EventName = keyof ContractEvents;
export type EventPayload<K extends EventName> = z.infer<ContractEvents[K]['payload']>;
export const eventNames = Object.keys(contractEvents) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contractEvents, name);
}

/** The IPC channel one event travels on from the main process to the window. */
export function eventChannelOf(name: EventName): string {
  return `consent-desk-event:${name}`;
}

/** The payload checked against its schema, or null when it does not match (then it is dropped). */
export function parseEventPayload<K extends EventName>(name: K, payload: unknown): EventPayload<K> | null {
  const parsed = contractEvents[name].payload.safeParse(payload);
  return parsed.success ? (parsed.data as EventPayload<K>) : null;
}

/** How a shell hands events to the page: subscribe to one, get back the unsubscribe. */
export interface EventSubscription {
  subscribe<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}

export const eventsGlobalName = 'consentDeskEvents';
