import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallInput, CallName, CallOutput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { createBackend, type Backend, type BackendOptions } from '../backend';
import type { ScryptParams } from '../crypto/kdf';
import { testEngine, testServerLink } from './test-engine';

/**
 * scrypt at 2^14: the lowest cost the key slots accept. Tests use it so a
 * suite that creates dozens of slots stays fast; production uses 2^17.
 */
export const testKdf: ScryptParams = { name: 'scrypt', N: 2 ** 14, r: 8, p: 1 };

export const adminPassword = 'correct horse battery staple';

export function tempDataDir(label = 'store'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `consent-desk-${label}-`));
}

/** A backend plus a typed `call` that throws AppError, like the renderer's client. */
export function testBackend(options: Partial<BackendOptions> & { dataDir?: string } = {}) {
  const dataDir = options.dataDir ?? tempDataDir();
  const onServer = testEngine === 'postgres' && !options.practiceServer ? { practiceServer: testServerLink(dataDir) } : {};
  const backend: Backend = createBackend({ kdf: testKdf, workstation: 'test-workstation', ...onServer, ...options, dataDir });
  async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
    const result = await backend.invoke(name, input);
    if (!result.ok) throw AppError.fromData(result.error);
    return result.value as CallOutput<K>;
  }
  return { backend, call, dataDir };
}

/** Where the test practice receives revocations: every authorization prints it. */
export const testPracticeAddress = '120 River Road\nSpringfield, IL 62701';

/** A backend already set up with an administrator `admin`, signed in. */
export async function setUpStore(options: Partial<BackendOptions> & { dataDir?: string } = {}) {
  const t = testBackend(options);
  const setup = await t.call('setup.create', {
    practiceName: 'Riverside Physical Therapy',
    adminUsername: 'admin',
    adminDisplayName: 'Pat Privacy',
    password: adminPassword,
  });
  await t.call('settings.update', { practiceAddress: testPracticeAddress, practiceEmail: 'privacy@riverside.example' });
  return { ...t, recoveryKey: setup.recoveryKey };
}

/** The AppError a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('Expected the call to fail, but it succeeded.');
}
