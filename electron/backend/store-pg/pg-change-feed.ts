import pg from 'pg';
import { recordChangeSchema, type RecordChange } from '../../../shared/contract/contract-events';
import { changeChannel } from './pg-records-schema';

/**
 * Live updates between workstations: the server announces every committed
 * change to the shared records (pg-records-schema.ts) on one channel, and
 * each backend holds one dedicated connection that LISTENs to it. No polling:
 * the connection waits for the server. Notifications sent while a backend
 * is disconnected are lost, so after every reconnect the feed tells its
 * subscribers to refresh everything they show (`resync`).
 */

/** The contract's own change (the shared records' tables and staff): what the server announces is what screens are told. */
const changeSchema = recordChangeSchema;

/** One committed change: which row, and what happened to it. Never PHI (the server sees the payload). */
export type StoreChange = RecordChange;

export type FeedEvent =
  | { type: 'change'; change: StoreChange }
  /** Connected again after a break: changes may have been missed; read again what is shown. */
  | { type: 'resync' }
  /** The connection to the server is lost; the feed is reconnecting. */
  | { type: 'disconnected'; reason: string };

export interface ChangeFeedOptions {
  /** How to reach the server (the app role's connection settings). */
  connection: pg.ClientConfig;
  /** First wait before reconnecting, doubled up to `maxRetryMs`. */
  firstRetryMs?: number;
  maxRetryMs?: number;
}

export class PgChangeFeed {
  private client: pg.Client | null = null;
  private readonly listeners = new Set<(event: FeedEvent) => void>();
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs: number;
  /** Payloads that did not parse: counted, never trusted (anyone with the app role can NOTIFY). */
  rejectedPayloads = 0;

  private constructor(private readonly options: ChangeFeedOptions) {
    this.retryMs = options.firstRetryMs ?? 250;
  }

  /** Connect and LISTEN; resolves once the server has confirmed the LISTEN, so no change committed after it is missed. */
  static async start(options: ChangeFeedOptions): Promise<PgChangeFeed> {
    const feed = new PgChangeFeed(options);
    await feed.connect();
    return feed;
  }

  subscribe(listener: (event: FeedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get connected(): boolean {
    return this.client !== null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private emit(event: FeedEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.options.connection);
    // Until the LISTEN is confirmed, a failure is the caller's (start rejects, or the retry schedules the next try).
    let established = false;
    let lost = false;
    const onLost = (reason: string) => {
      if (!established || lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.emit({ type: 'disconnected', reason });
      this.scheduleReconnect();
    };
    client.on('error', (error) => onLost(error.message));
    client.on('end', () => onLost('the server closed the connection'));
    client.on('notification', (message) => {
      if (message.channel !== changeChannel || message.payload === undefined) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(message.payload);
      } catch {
        this.rejectedPayloads += 1;
        return;
      }
      const change = changeSchema.safeParse(parsed);
      if (change.success) this.emit({ type: 'change', change: change.data });
      else this.rejectedPayloads += 1;
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${changeChannel}`);
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw error;
    }
    established = true;
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = this.options.firstRetryMs ?? 250;
  }

  private scheduleReconnect(): void {
    const wait = this.retryMs;
    this.retryMs = Math.min(wait * 2, this.options.maxRetryMs ?? 10_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.stopped) return;
      this.connect().then(
        () => {
          if (!this.stopped) this.emit({ type: 'resync' });
        },
        (error: Error) => {
          if (this.stopped) return;
          this.emit({ type: 'disconnected', reason: error.message });
          this.scheduleReconnect();
        },
      );
    }, wait);
    this.retryTimer.unref();
  }
}
