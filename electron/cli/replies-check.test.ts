import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminPassword, setUpStore, testBackend } from '../backend/testing/test-backend';
import { lines, runConsentDesk } from './testing/cli-process';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const replies = [
  'Hi Sarah, thanks for coming in last Tuesday!',
  'Thank you for your feedback. Please call our office at (555) 010-2000.',
  '',
  'Su hijo se portó muy bien en su cita de limpieza.',
  'Gracias por sus comentarios. Por favor llame a nuestra oficina.',
].join('\n');

describe('consent-desk replies check', () => {
  it('prints flag or pass and the findings for each reply, with no data folder, and exits 1 when one is flagged', async () => {
    const run = await runConsentDesk(['replies', 'check'], replies);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const out = lines(run.stdout);
    expect(out.map((l) => l.split('\t')[0])).toEqual(['flag', 'flag', 'flag', 'pass']);
    expect(out[0]).toBe('flag\ta name: “Sarah”; that the reviewer is a patient: “thanks for coming in”; a date or time: “last Tuesday”');
    // Without the practice's details its own phone number is a phone number like any other.
    expect(out[1]).toMatch(/^flag\ta phone number: “\(555\) 010-2000”$/);
    expect(out[2]).toMatch(/^flag\ta family member: “Su hijo”/);
  });

  it('with --data-dir, signs in, leaves the practice’s own contact details alone, and keeps each reply as evidence', async () => {
    const t = await setUpStore();
    dirs.push(t.dataDir);
    await t.call('settings.update', { practicePhone: '(555) 010-2000', practiceEmail: 'hello@riversidept.com', practiceWebsite: 'riversidept.com', practiceAddress: '100 Main Street\nSpringfield, IL 62704' });
    t.backend.close();
    const file = path.join(path.dirname(t.dataDir), `${path.basename(t.dataDir)}-replies.txt`);
    fs.writeFileSync(file, `${replies}\n`);
    dirs.push(file);
    const run = await runConsentDesk(['replies', 'check', file, '--data-dir', t.dataDir, '--user', 'admin', '--password-stdin'], adminPassword);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(lines(run.stdout).map((l) => l.split('\t')[0])).toEqual(['flag', 'pass', 'flag', 'pass']);
    const b = testBackend({ dataDir: t.dataDir });
    await b.call('session.signIn', { username: 'admin', password: adminPassword });
    const checked = (await b.call('audit.list', { action: 'reply.checked' })).events;
    expect(checked.map((e) => e.detail.split(';')[0])).toEqual(['pass', 'flag', 'pass', 'flag']);
    b.backend.close();
  });

  it('says clearly what is wrong with its arguments', async () => {
    const missing = await runConsentDesk(['replies', 'check', '/nonexistent/replies.txt'], '');
    expect(missing.code).toBe(2);
    expect(lines(missing.stderr)[0]).toMatch(/Cannot read \/nonexistent\/replies\.txt/);
    const noFile = await runConsentDesk(['replies', 'check', '--data-dir', '/nonexistent', '--user', 'admin', '--password-stdin'], 'pw');
    expect(noFile.code).toBe(2);
    expect(lines(noFile.stderr)[0]).toMatch(/give the replies as FILE/);
  });
});
