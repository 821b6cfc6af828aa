import { maxChangesPerEvent, type EventName, type EventPayload, type RecordChange } from '../../shared/contract/contract-events';

/** Where the backend sends contract events (the shell forwards them to its windows). */
export type EventSink = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

/**
 * What a PostgreSQL change feed offers (store-pg/pg-change-feed.ts's
 * PgChangeFeed): the server's committed changes from every workstation,
 * and `resync` after a reconnect, when some may have been missed.
 */
export interface ChangeFeedLike {
  subscribe(
    listener: (event: { type: 'change'; change: RecordChange } | { type: 'resync' } | { type: 'disconnected'; reason: string }) => void,
  ): () => void;
}

/**
 * Gathers committed changes into one `records.changed` event per burst: a
 * signing touches several rows (the authorization, the posts it covers)
 * and sometimes several transactions, and a screen should read again once.
 * This backend's own changes wait for the end of the call that made them
 * (`add(changes, false)`, then `flush()`); the server's arrive one
 * notification at a time, so the first opens a short window and everything
 * arriving within it goes out together. Each row and kind once.
 */
export class RecordChangeBatcher {
  private pending = new Map<string, RecordChange>();
  private resync = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly sink: EventSink,
    private readonly windowMs = 25,
  ) {}

  /** `schedule: false` when the caller flushes itself (at the end of a call). */
  add(changes: readonly RecordChange[], schedule = true): void {
    for (const change of changes) this.pending.set(`${change.table}\u0000${change.id}\u0000${change.kind}`, change);
    if (schedule) this.schedule();
  }

  /** Changes may have been missed: screens read everything again. */
  addResync(): void {
    this.resync = true;
    this.schedule();
  }

  /** Follow a server's change feed; returns the unsubscribe. */
  follow(feed: ChangeFeedLike): () => void {
    return feed.subscribe((event) => {
      if (event.type === 'change') this.add([event.change]);
      else if (event.type === 'resync') this.addResync();
    });
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed || (this.pending.size === 0 && !this.resync)) return;
    const changes = [...this.pending.values()];
    this.pending = new Map();
    // Too many to list: say "read everything again" instead of a huge event.
    const resync = this.resync || changes.length > maxChangesPerEvent;
    this.resync = false;
    try {
      this.sink('records.changed', { changes: resync ? [] : changes, resync });
    } catch {
      // A shell that cannot deliver loses the announcement, never the call's result.
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.closed = true;
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => this.flush(), this.windowMs);
    this.timer.unref();
  }
}
