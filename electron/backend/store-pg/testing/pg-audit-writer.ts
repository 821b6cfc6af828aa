// A separate process appending audit events to a shared PostgreSQL store, as
// another workstation would: node --import tsx pg-audit-writer.ts URL KEY_HEX COUNT NAME
import pg from 'pg';
import { FieldCipher } from '../field-crypto';
import { appendAuditPg } from '../pg-audit-log';

const [url, keyHex, countText, name] = process.argv.slice(2);
if (!url || !keyHex || !countText || !name) throw new Error('usage: pg-audit-writer URL KEY_HEX COUNT NAME');
const cipher = new FieldCipher([{ keyId: 1, dataKey: Buffer.from(keyHex, 'hex') }], 1);
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  for (let i = 0; i < Number(countText); i += 1) {
    await client.query('BEGIN');
    try {
      await appendAuditPg(client, cipher, {
        at: new Date().toISOString(),
        actorId: null,
        actorName: name,
        action: 'patient.viewed',
        subjectType: 'patient',
        subjectId: null,
        detail: `${name} event ${i}`,
      });
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }
} finally {
  await client.end();
}
process.stdout.write('done\n');
