// A second workstation's backend, in its own process: it LISTENs for changes and, when an authorization is
// revoked, reads it again through the repository, as the backend would before telling marketing's screen.
// node --import tsx pg-change-listener.ts URL KEY_HEX  (prints one JSON line per event; ends when stdin closes)
import pg from 'pg';
import { FieldCipher } from '../field-crypto';
import { PgChangeFeed } from '../pg-change-feed';
import { createPgConsentRepository } from '../pg-consent-repository';

const [url, keyHex] = process.argv.slice(2);
if (!url || !keyHex) throw new Error('usage: pg-change-listener URL KEY_HEX');
const consents = createPgConsentRepository(new FieldCipher([{ keyId: 1, dataKey: Buffer.from(keyHex, 'hex') }], 1));
const reader = new pg.Client({ connectionString: url });
await reader.connect();
const feed = await PgChangeFeed.start({ connection: { connectionString: url } });
const print = (value: object) => process.stdout.write(`${JSON.stringify(value)}\n`);
feed.subscribe((event) => {
  if (event.type !== 'change') return print({ event: event.type });
  const receivedAt = Date.now();
  const { change } = event;
  if (change.table !== 'authorizations' || change.kind !== 'revoked') return print({ event: 'change', ...change, receivedAt });
  void consents.getAuthorization(reader, change.id).then((record) => print({ event: 'change', ...change, receivedAt, readAt: Date.now(), revokedAt: record?.revokedAt ?? null }));
});
print({ event: 'ready' });
process.stdin.resume();
process.stdin.on('end', () => {
  void feed.stop().then(() => reader.end());
});
