import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldCipher } from './field-crypto';
import { appendAuditPg } from './pg-audit-log';
import { createFoundationSchema } from './pg-schema';
import {
  acceptServerHead,
  checkServerHead,
  folderHeadMemory,
  headMemoryKey,
  rememberServerHead,
  rememberedServerHead,
  type HeadMemoryOptions,
} from './server-head-memory';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from './testing/pg-cluster';
import { inTransaction } from './testing/pg-fixtures';

const writerScript = path.resolve(import.meta.dirname, 'testing/head-memory-writer.ts');
const cipher = new FieldCipher([{ keyId: 1, dataKey: crypto.randomBytes(32) }], 1);
const storeId = crypto.randomUUID();
let clock = Date.parse('2026-12-02T09:00:00.000Z');
const now = () => new Date((clock += 1000));

const append = (client: pg.Client, count: number) =>
  inTransaction(client, async () => {
    for (let i = 0; i < count; i += 1) {
      await appendAuditPg(client, cipher, { at: now().toISOString(), actorId: null, actorName: 'frontdesk', action: 'patient.viewed', subjectType: null, subjectId: null, detail: 'seen' });
    }
  });

describe('rememberServerHead', () => {
  it('never moves back, whatever order concurrent reports arrive in', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-head-order-'));
    try {
      const options = { keeper: folderHeadMemory(dir), key: crypto.randomBytes(32) };
      const id = crypto.randomUUID();
      const seqs = Array.from({ length: 30 }, (_, i) => i + 1).sort(() => crypto.randomInt(3) - 1);
      await Promise.all(seqs.map((seq) => rememberServerHead(id, { seq, hash: String(seq).padStart(64, '0') }, options)));
      expect(await rememberedServerHead(id, options)).toMatchObject({ seq: 30 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!pgAvailable)(`The workstation's memory of the server's audit head (real cluster)${pgSkipReason}`, () => {
  const cluster = useThrowawayCluster();
  let app: pg.Client;
  let folder: string;
  let memory: HeadMemoryOptions;

  beforeAll(async () => {
    const owner = new pg.Client({ connectionString: cluster().ownerUrl });
    await owner.connect();
    try {
      await createFoundationSchema(owner, cluster().appRole);
    } finally {
      await owner.end();
    }
    app = new pg.Client({ connectionString: cluster().appUrl });
    await app.connect();
    await app.query("INSERT INTO keyring (id, store_id, cipher, key_epoch) VALUES (1, $1, 'aegis', 1)", [storeId]);
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-head-memory-'));
    memory = { keeper: folderHeadMemory(folder), key: headMemoryKey('the paired credential'), now };
  });

  afterAll(async () => {
    await app?.end();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('remembers a server first seen, and lets a normal advance pass', async () => {
    await append(app, 3);
    await expect(checkServerHead(app, cipher, memory)).resolves.toMatchObject({ outcome: 'first', head: { seq: 3 } });
    await expect(checkServerHead(app, cipher, memory)).resolves.toMatchObject({ outcome: 'same', head: { seq: 3 } });
    await append(app, 2);
    await expect(checkServerHead(app, cipher, memory)).resolves.toMatchObject({ outcome: 'advanced', from: 3, head: { seq: 5 } });
    expect(await rememberedServerHead(storeId, memory)).toMatchObject({ seq: 5 });
    // The file names the sequence, never the event's hash.
    const file = fs.readdirSync(folder).map((f) => fs.readFileSync(path.join(folder, f), 'utf8')).join('');
    const head = await checkServerHead(app, cipher, memory);
    expect(file).not.toContain(head.head.hash);
  });

  it('reports a restored older pg_dump, then a restored one written to again, until an administrator accepts it', async () => {
    const dump = cluster().dump();
    const atDump = (await checkServerHead(app, cipher, memory)).head.seq;
    await append(app, 4);
    await expect(checkServerHead(app, cipher, memory)).resolves.toMatchObject({ outcome: 'advanced', head: { seq: atDump + 4 } });

    // The practice restores last night's dump into a fresh database, and the workstations are pointed at it.
    const superuser = new pg.Client({ connectionString: cluster().superuserUrl });
    await superuser.connect();
    try {
      await superuser.query(`CREATE DATABASE restored OWNER ${cluster().ownerRole} TEMPLATE template0`);
      await superuser.query(`GRANT CONNECT ON DATABASE restored TO ${cluster().appRole}`);
    } finally {
      await superuser.end();
    }
    const restore = spawnSync(
      path.join(cluster().binDir, 'psql'),
      ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', cluster().socketDir, '-p', String(cluster().port), '-U', cluster().ownerRole, '-d', 'restored'],
      { input: dump, encoding: 'utf8', env: { ...process.env, PGPASSWORD: cluster().roleSecret(cluster().ownerRole) } },
    );
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    const restoredUrl = cluster().appUrl.replace(`/${cluster().database}?`, '/restored?');
    const restored = new pg.Client({ connectionString: restoredUrl });
    await restored.connect();
    try {
      await expect(checkServerHead(restored, cipher, memory)).rejects.toMatchObject({
        code: 'store_rolled_back',
        message: expect.stringMatching(new RegExp(`audit trail ends at event ${atDump}, and this computer saw event ${atDump + 4}`)),
      });
      // Nothing was remembered from it: the memory still holds the newer head.
      expect(await rememberedServerHead(storeId, memory)).toMatchObject({ seq: atDump + 4 });

      // Someone keeps working on the restored copy until its head is past what was seen: another trail, still refused.
      await append(restored, 6);
      await expect(checkServerHead(restored, cipher, memory)).rejects.toMatchObject({
        code: 'store_rolled_back',
        message: expect.stringMatching(new RegExp(`audit event ${atDump + 4} is not the one this computer saw`)),
      });

      // An administrator accepts the restore: from then on the restored server is the one remembered.
      await expect(acceptServerHead(restored, cipher, memory)).resolves.toMatchObject({ seq: atDump + 6 });
      await expect(checkServerHead(restored, cipher, memory)).resolves.toMatchObject({ outcome: 'same' });
      // And the old server, had it come back, is now the one that forked.
      await expect(checkServerHead(app, cipher, memory)).rejects.toMatchObject({ code: 'store_rolled_back' });
      await acceptServerHead(app, cipher, memory);
    } finally {
      await restored.end();
    }
  });

  it('does not vouch with a memory that was changed or is another key’s', async () => {
    await checkServerHead(app, cipher, memory);
    const [name] = fs.readdirSync(folder).filter((f) => f.endsWith('.head.json'));
    const file = path.join(folder, name!);
    const original = fs.readFileSync(file, 'utf8');
    // Lowered by hand to hide a rollback: the signature no longer holds.
    fs.writeFileSync(file, original.replace(/"seq":(\d+)/, '"seq":1'));
    await expect(checkServerHead(app, cipher, memory)).rejects.toMatchObject({ code: 'store_rolled_back', message: expect.stringMatching(/damaged or was changed/) });
    fs.writeFileSync(file, original);
    await expect(checkServerHead(app, cipher, { ...memory, key: headMemoryKey('another workstation') })).rejects.toMatchObject({ code: 'store_rolled_back' });
    await expect(checkServerHead(app, cipher, memory)).resolves.toMatchObject({ outcome: 'same' });
  });

  it('leaves the old or the new memory, never a broken one, when killed while writing it', async () => {
    const killFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-head-kill-'));
    const key = crypto.randomBytes(32);
    const killStore = crypto.randomUUID();
    const options = { keeper: folderHeadMemory(killFolder), key };
    // Each write is six file steps (open, write, fsync of the sibling; rename; open and fsync of the folder):
    // a kill before each step of three writes in turn, then kills at random moments.
    const rounds = 18 + 6;
    let lastDone = 0;
    try {
      for (let round = 0; round < rounds; round += 1) {
        const killAt = round < 18 ? round + 1 : 0;
        const killAfter = 1 + crypto.randomInt(25);
        const child = spawn(process.execPath, ['--import', 'tsx', writerScript, killFolder, key.toString('hex'), killStore], {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, HEAD_MEMORY_START: String(lastDone + 1), HEAD_MEMORY_KILL_AT: String(killAt) },
        });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        // 'close', not 'exit': every line the writer printed before the kill is read first.
        const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('close', (code, signal) => resolve(signal ?? code)));
        let pending = '';
        let seen = 0;
        child.stdout.on('data', (d: Buffer) => {
          pending += d.toString();
          const lines = pending.split('\n');
          pending = lines.pop()!;
          for (const line of lines) {
            lastDone = Math.max(lastDone, Number(line));
            seen += 1;
            // The random rounds: killed from outside after some finished writes, the next one under way.
            if (killAt === 0 && seen === killAfter) child.kill('SIGKILL');
          }
        });
        const how = await exited;
        expect(how, stderr).toBe('SIGKILL');
        const remembered = await rememberedServerHead(killStore, options);
        expect(remembered, `round ${round}`).not.toBe('unreadable');
        // Before the very first write finished there may be no memory yet; after that there always is one.
        if (lastDone === 0 && remembered === null) continue;
        expect(remembered).not.toBeNull();
        const seq = (remembered as { seq: number }).seq;
        // Every write that returned is kept; at most the one under way when the kill came is there too.
        expect(seq).toBeGreaterThanOrEqual(lastDone);
        expect(seq).toBeLessThanOrEqual(lastDone + 1);
        lastDone = seq;
      }
    } finally {
      fs.rmSync(killFolder, { recursive: true, force: true });
    }
  });
});
