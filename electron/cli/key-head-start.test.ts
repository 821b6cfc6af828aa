import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deriveKeyFromPassword, startDerivationAhead } from '../backend/crypto/kdf';
import { storePaths } from '../backend/data-dir';
import { adminPassword, setUpStore, tempDataDir, testKdf } from '../backend/testing/test-backend';
import { sessionTrace, type SessionStep } from './backend-session';
import { runCliInProcess } from './testing/cli-in-process';
import { repoRoot } from './testing/cli-process';

/**
 * The command line starts the sign-in's key derivation (scrypt, on the
 * thread pool) before it loads the backend, so the two overlap on the two
 * cores. These tests hold it to that order, to deriving the key once, and
 * to failing exactly as before when the password or the store is wrong.
 */
const dataDir = tempDataDir('cli-head-start');
beforeAll(async () => {
  const { backend } = await setUpStore({ dataDir });
  backend.close();
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
afterEach(() => {
  sessionTrace.listener = null;
});

async function traced(args: string[], password: string) {
  const steps: SessionStep[] = [];
  sessionTrace.listener = (step) => steps.push(step);
  const run = await runCliInProcess(args, password);
  return { ...run, steps };
}

const status = (user = 'admin', dir = dataDir) => ['status', '--data-dir', dir, '--user', user, '--password-stdin', '--json'];

describe('the key derivation started before the backend loads', () => {
  it('is still running when the backend starts loading, and the sign-in takes its key', async () => {
    const run = await traced(status(), adminPassword);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.out) as { practiceName: string }).practiceName).toBe('Riverside Physical Therapy');
    expect(run.steps).toEqual([
      { step: 'derivation-started' },
      // Settled here would mean the command waited for the derivation before loading the backend: no overlap.
      { step: 'backend-import', derivationSettled: false },
      // Not taken would mean the sign-in derived the key a second time.
      { step: 'signed-in', derivationTaken: true },
    ]);
  });

  it('a wrong password fails as before, with the usual message', async () => {
    const run = await traced(status(), 'not the password');
    expect(run.code).toBe(2);
    expect(run.err).toBe('consent-desk: The username or password is not right.\n');
    expect(run.steps.slice(0, 2)).toEqual([{ step: 'derivation-started' }, { step: 'backend-import', derivationSettled: false }]);
  });

  it('an unknown user gets no head start and the same message', async () => {
    const run = await traced(status('nobody'), adminPassword);
    expect(run.code).toBe(2);
    expect(run.err).toBe('consent-desk: The username or password is not right.\n');
    expect(run.steps).toEqual([{ step: 'backend-import', derivationSettled: null }]);
  });

  it('a damaged key file gets no head start; the backend still refuses it, named', async () => {
    const copy = tempDataDir('cli-head-start-damaged');
    try {
      fs.cpSync(dataDir, copy, { recursive: true });
      fs.writeFileSync(storePaths(copy).keyring, '{"format": "consent-desk-keyring", "slots": [');
      const run = await traced(status('admin', copy), adminPassword);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(/^consent-desk: The key file .*keyring\.json is damaged\. Restore it from a backup/);
      expect(run.steps).toEqual([{ step: 'backend-import', derivationSettled: null }]);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('a key file whose slot was weakened is refused as before, though the head start read it', async () => {
    const copy = tempDataDir('cli-head-start-weak');
    try {
      fs.cpSync(dataDir, copy, { recursive: true });
      const file = storePaths(copy).keyring;
      const keyring = JSON.parse(fs.readFileSync(file, 'utf8')) as { slots: { unlock: { kdf?: { N: number } } }[] };
      for (const slot of keyring.slots) if (slot.unlock.kdf) slot.unlock.kdf.N = 2 ** 10;
      fs.writeFileSync(file, JSON.stringify(keyring));
      const run = await traced(status('admin', copy), adminPassword);
      expect(run.code).toBe(2);
      // The backend's refusal of a slot below the floor, as without the head start (it reports no detail).
      expect(run.err).toBe('consent-desk: Something went wrong (Error). Try again; if it keeps happening, restart Consent Desk.\n');
      expect(run.out).toBe('');
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('a derivation started ahead', () => {
  const direct = (password: string, salt: Buffer) =>
    crypto.scryptSync(password.normalize('NFKC'), salt, 32, { N: testKdf.N, r: testKdf.r, p: testKdf.p, maxmem: 64 * 1024 * 1024 });

  it('is taken only by the derivation of the same password, salt and parameters', async () => {
    const salt = crypto.randomBytes(16);
    const ahead = startDerivationAhead('the right one', salt, testKdf);
    expect(await deriveKeyFromPassword('another one', salt, testKdf)).toEqual(direct('another one', salt));
    expect(await deriveKeyFromPassword('the right one', crypto.randomBytes(16), testKdf)).not.toEqual(direct('the right one', salt));
    expect(await deriveKeyFromPassword('the right one', salt, { ...testKdf, N: 2 ** 15 })).not.toEqual(direct('the right one', salt));
    expect(ahead.taken).toBe(false);
    expect(await deriveKeyFromPassword('the right one', salt, testKdf)).toEqual(direct('the right one', salt));
    expect(ahead.taken).toBe(true);
  });
});

describe('the bundle', () => {
  it('holds the key-derivation module once, shared by the entry and the backend (else the head start is never taken)', () => {
    const dir = path.join(repoRoot, 'dist', 'cli');
    const files = [path.join(dir, 'main.mjs'), ...fs.readdirSync(path.join(dir, 'chunks')).filter((f) => f.endsWith('.mjs')).map((f) => path.join(dir, 'chunks', f))];
    const copies = files.filter((file) => fs.readFileSync(file, 'utf8').includes('// electron/backend/crypto/kdf.ts\n'));
    expect(copies).toHaveLength(1);
  });
});
