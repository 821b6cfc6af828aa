import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from './audit/audit-log';
import { rejection, setUpStore } from './testing/test-backend';
import { normaliseInputText } from './input-text';

/** Any UTF-16 code units, lone surrogates included: what a pasted or corrupted string can hold. */
const anyCodeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((units) => String.fromCharCode(...units));

describe('text at the backend boundary', () => {
  it('refuses a lone surrogate in any audited text, naming the field, and the chain stays intact', async () => {
    const { call } = await setUpStore();
    const practice = await rejection(call('settings.update', { practiceName: 'Riverside \ud800 PT' }));
    expect(practice.code).toBe('validation');
    expect(practice.issues?.map((i) => i.path)).toEqual(['practiceName']);
    const staff = await rejection(
      call('staff.create', { username: 'lone', displayName: 'Half \udfff Emoji', role: 'frontdesk', password: 'tangerine orbit lantern' }),
    );
    expect(staff.issues?.map((i) => i.path)).toEqual(['displayName']);
    const nested = await rejection(call('audit.list', { action: 'x\ud83d' } as never));
    expect(nested.issues?.map((i) => i.path)).toEqual(['action']);

    expect((await call('store.status', {})).auditChain.intact).toBe(true);
    expect((await call('audit.verify', {})).intact).toBe(true);
    // A backup made now restores: its chain verifies.
    const backup = await call('backups.create', {});
    await call('backups.restore', { filePath: backup.filePath, password: 'correct horse battery staple' });
  });

  it('keeps whole emoji and stores names in one normal form (NFC)', async () => {
    const { call } = await setUpStore();
    const decomposed = 'Jose\u0301 Nun\u0303ez 😀';
    const created = await call('staff.create', { username: 'jose', displayName: decomposed, role: 'frontdesk', password: 'tangerine orbit lantern' });
    expect(created.displayName).toBe('Jos\u00e9 Nu\u00f1ez 😀');
    expect((await call('audit.verify', {})).intact).toBe(true);
  });

  it('leaves passwords byte for byte as typed (existing key slots must keep opening)', () => {
    const input = { username: 'pat', password: 'Jose\u0301 secret words', displayName: 'Jose\u0301' };
    expect(normaliseInputText(input)).toEqual({ username: 'pat', password: 'Jose\u0301 secret words', displayName: 'Jos\u00e9' });
    expect(() => normaliseInputText({ password: '\ud800 twelve chars' })).toThrow(/password/);
  });

  it('keeps a "__proto__" key an ordinary key', () => {
    const parsed = normaliseInputText(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('hashes audit events over the text SQLite stores, whatever code units reach appendAudit', async () => {
    const { backend, dataDir } = await setUpStore();
    backend.close();
    const { Store } = await import('./store/store');
    const { storePaths } = await import('./data-dir');
    const opened = (await Store.open(storePaths(dataDir), { username: 'admin', password: 'correct horse battery staple' }))!;
    const db = opened.store.db;
    let trials = 0;
    fc.assert(
      fc.property(anyCodeUnits, anyCodeUnits, (actorName, detail) => {
        trials += 1;
        opened.store.write(() => appendAudit(db, { at: new Date().toISOString(), actorId: null, actorName, action: 'settings.updated', detail }));
        return verifyAuditChain(db).intact;
      }),
      { numRuns: 300 },
    );
    opened.store.close();
    expect(trials).toBe(300);
  });
});
