import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../store/atomic-file';
import type { AttemptRecord, AttemptStorage } from './sign-in-throttle';

/**
 * Failed sign-in counts in a small file beside the store, so that the app
 * and every CLI run share them. It holds hashed usernames, counts and
 * times: nothing about patients. It is sealed (AES-256-GCM) with a key of
 * this installation (`installation.key`, beside it, private), and carries
 * a generation that grows with every write and the number of events ever
 * sealed into pending-audit.jsonl. The store records both when it opens,
 * so deleting, editing or putting back an older copy of either file is
 * noticed at the next open and audited (BackendCore.checkSideFiles).
 * An unreadable file counts as no failures: it must never lock people
 * out by itself.
 */
export interface AttemptFileState {
  present: boolean;
  /** The seal holds (false also for an older, unsealed file). */
  valid: boolean;
  generation: number;
  pendingSealed: number;
}

export interface SealedAttemptStorage extends AttemptStorage {
  inspect(): AttemptFileState;
  /** One more event was sealed into pending-audit.jsonl. */
  notePendingSealed(): void;
}

const sealedSchema = z.object({
  format: z.literal('consent-desk-sign-in-attempts'),
  version: z.literal(2),
  generation: z.number().int().nonnegative(),
  pendingSealed: z.number().int().nonnegative(),
  iv: z.string(),
  ciphertext: z.string(),
  tag: z.string(),
});

export function attemptFile(dataDir: string): SealedAttemptStorage {
  const file = path.join(dataDir, 'sign-in-attempts.json');
  const keyFile = path.join(dataDir, 'installation.key');

  const installationKey = (create: boolean): Buffer | null => {
    try {
      const key = fs.readFileSync(keyFile);
      if (key.length === 32) return key;
    } catch {
      // Made below when needed.
    }
    if (!create || !fs.existsSync(dataDir)) return null;
    const key = crypto.randomBytes(32);
    writeFileAtomic(keyFile, key);
    return key;
  };

  const aad = (generation: number, pendingSealed: number) => Buffer.from(`consent-desk attempts v2:${generation}:${pendingSealed}`);

  function load(): { state: AttemptFileState; records: Record<string, AttemptRecord> } {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return { state: { present: false, valid: false, generation: 0, pendingSealed: 0 }, records: {} };
    }
    const parsed = sealedSchema.safeParse((() => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return null;
      }
    })());
    const key = installationKey(false);
    if (!parsed.success || !key) return { state: { present: true, valid: false, generation: 0, pendingSealed: 0 }, records: {} };
    const { generation, pendingSealed } = parsed.data;
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(parsed.data.iv, 'base64'));
      decipher.setAAD(aad(generation, pendingSealed));
      decipher.setAuthTag(Buffer.from(parsed.data.tag, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(parsed.data.ciphertext, 'base64')), decipher.final()]);
      return { state: { present: true, valid: true, generation, pendingSealed }, records: JSON.parse(plain.toString('utf8')) as Record<string, AttemptRecord> };
    } catch {
      return { state: { present: true, valid: false, generation, pendingSealed }, records: {} };
    }
  }

  function save(records: Record<string, AttemptRecord>, change: { pendingSealed?: number }): void {
    if (!fs.existsSync(dataDir)) return;
    const key = installationKey(true);
    if (!key) return;
    const current = load().state;
    const generation = current.generation + 1;
    const pendingSealed = change.pendingSealed ?? current.pendingSealed;
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(aad(generation, pendingSealed));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(records), 'utf8'), cipher.final()]);
    writeFileAtomic(
      file,
      JSON.stringify({
        format: 'consent-desk-sign-in-attempts',
        version: 2,
        generation,
        pendingSealed,
        iv: iv.toString('base64'),
        ciphertext: ciphertext.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
      }),
    );
  }

  return {
    read: () => load().records,
    // Kept even when empty: its generation is what makes a deletion visible.
    write: (records) => save(records, {}),
    inspect: () => load().state,
    notePendingSealed() {
      const { state, records } = load();
      save(records, { pendingSealed: state.pendingSealed + 1 });
    },
  };
}
