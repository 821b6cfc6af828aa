// The front desk's backend, in its own process: records a revocation and its audit event in one transaction.
// node --import tsx pg-revoker.ts URL KEY_HEX AUTHORIZATION_ID [hang]  (prints {"committedAt": ms} once committed;
// with "hang", prints {"pending": true} just before COMMIT and waits there, to be killed)
import crypto from 'node:crypto';
import pg from 'pg';
import { FieldCipher } from '../field-crypto';
import { appendAuditPg } from '../pg-audit-log';
import { createPgConsentRepository } from '../pg-consent-repository';

const [url, keyHex, id, hang] = process.argv.slice(2);
if (!url || !keyHex || !id) throw new Error('usage: pg-revoker URL KEY_HEX AUTHORIZATION_ID');
const cipher = new FieldCipher([{ keyId: 1, dataKey: Buffer.from(keyHex, 'hex') }], 1);
const consents = createPgConsentRepository(cipher);
const client = new pg.Client({ connectionString: url });
await client.connect();
const pdf = Buffer.from('%PDF-1.7 revocation acknowledgment');
const at = new Date().toISOString();
await client.query('BEGIN');
try {
  const done = await consents.recordRevocation(client, id, {
    revokedAt: at, receivedOn: at.slice(0, 10), method: 'in_person', note: 'At the front desk', scan: null, scanType: null, scanSha256: null,
    revokedBy: 'staff-frontdesk', pdf, pdfSha256: crypto.createHash('sha256').update(pdf).digest('hex'),
  });
  if (!done) throw new Error('The authorization could not be revoked.');
  await appendAuditPg(client, cipher, { at, actorId: 'staff-frontdesk', actorName: 'Front desk', action: 'consent.revoked', subjectType: 'authorization', subjectId: id, detail: '' });
  if (hang === 'hang') {
    process.stdout.write(`${JSON.stringify({ pending: true })}\n`);
    await new Promise(() => setInterval(() => undefined, 60_000));
  }
  await client.query('COMMIT');
} catch (error) {
  await client.query('ROLLBACK');
  throw error;
}
process.stdout.write(`${JSON.stringify({ committedAt: Date.now() })}\n`);
await client.end();
