import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { newKeyPair, openBox, sealTo } from '../crypto/sealed-box';
import type { Db } from '../store/database';
import type { AuditEntry } from './audit-log';
import { auditActionLabels, type AuditAction } from '../../../shared/audit-actions';

/**
 * Events that happen while the store is closed, such as a failed sign-in
 * before anyone has unlocked it (in the app, or a CLI run that ends there),
 * cannot be written to the encrypted audit trail. They are sealed to the
 * store's audit key (its public half sits in the key file, its private half
 * inside the encrypted database), appended to a file beside the store, and
 * moved into the audit trail the next time the store opens. Nobody can read
 * the file without the data key, and nothing is lost when the process ends.
 */
const info = 'consent-desk pending audit v1';
const privateKeySetting = 'auditSealPrivateKey';
/** The setting that holds the audit seal's key pair (a PostgreSQL store's setup writes it, sealed, with the keyring's public key). */
export { privateKeySetting as auditSealPrivateKeySetting };

export function pendingAuditFile(dataDir: string): string {
  return path.join(dataDir, 'pending-audit.jsonl');
}

const boxSchema = z.object({ iv: z.string(), ciphertext: z.string(), tag: z.string(), ephemeralPublicKey: z.string() });
const entrySchema = z.object({
  at: z.string(),
  actorId: z.null(),
  actorName: z.string(),
  action: z.enum(Object.keys(auditActionLabels) as [AuditAction, ...AuditAction[]]),
  detail: z.string().optional(),
});

export function sealPendingAudit(dataDir: string, auditPublicKey: string, entry: AuditEntry): void {
  const box = sealTo(Buffer.from(auditPublicKey, 'base64'), Buffer.from(JSON.stringify(entry)), 'pending-audit', info);
  fs.appendFileSync(pendingAuditFile(dataDir), `${JSON.stringify(box)}\n`, { mode: 0o600 });
}

/** The store's audit key pair: the private half from the database, made on first use. */
export function auditSealKey(db: Db, publicKeyInKeyring: string | undefined): { publicKey: string; privateDer: Buffer; created: boolean } {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(privateKeySetting) as { value: string } | undefined;
  if (row && publicKeyInKeyring) {
    const stored = JSON.parse(row.value) as { publicKey: string; privateKey: string };
    if (stored.publicKey === publicKeyInKeyring) {
      return { publicKey: stored.publicKey, privateDer: Buffer.from(stored.privateKey, 'base64'), created: false };
    }
  }
  const pair = newKeyPair();
  const value = { publicKey: pair.publicDer.toString('base64'), privateKey: pair.privateDer.toString('base64') };
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    privateKeySetting,
    JSON.stringify(value),
  );
  return { publicKey: value.publicKey, privateDer: pair.privateDer, created: true };
}

/**
 * Read and remove the pending events: those that open with the store's key,
 * in order, and a count of lines that do not (altered or foreign).
 */
export function takePendingAudit(dataDir: string, publicKey: string, privateDer: Buffer): { entries: AuditEntry[]; unreadable: number } {
  const file = pendingAuditFile(dataDir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { entries: [], unreadable: 0 };
  }
  const entries: AuditEntry[] = [];
  let unreadable = 0;
  for (const line of text.split('\n').filter(Boolean)) {
    try {
      const box = boxSchema.parse(JSON.parse(line));
      const plain = openBox(privateDer, Buffer.from(publicKey, 'base64'), box, 'pending-audit', info);
      const entry = plain && entrySchema.safeParse(JSON.parse(plain.toString('utf8')));
      if (entry?.success) entries.push(entry.data);
      else unreadable += 1;
    } catch {
      unreadable += 1;
    }
  }
  return { entries, unreadable };
}

export function clearPendingAudit(dataDir: string): void {
  fs.rmSync(pendingAuditFile(dataDir), { force: true });
}
