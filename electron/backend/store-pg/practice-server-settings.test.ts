import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import {
  forgetPracticeServer,
  parsePracticeServerSettings,
  practiceServerCredentialName,
  practiceServerFileName,
  readPracticeServer,
  savePracticeServer,
  type PracticeServerSettings,
} from './practice-server-settings';
import { folderHeadMemory } from './server-head-memory';

/** The workstation's settings for the practice server: the file, the kept password, and what a damaged file does. */

const password = 'the paired credential’s password';

describe('the practice server’s settings on this workstation', () => {
  let root: string;
  let caPem: string;
  let n = 0;
  const place = () => {
    const dir = path.join(root, String((n += 1)));
    fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
    return { dataDir: path.join(dir, 'data'), keeper: folderHeadMemory(path.join(dir, 'keeper')), keeperDir: path.join(dir, 'keeper') };
  };
  const remote = (): PracticeServerSettings => ({
    format: 'consent-desk-practice-server',
    version: 1,
    server: { host: 'db.practice.test', hostaddr: '10.0.0.5', port: 5433, database: 'consent_desk' },
    user: 'consent_desk_app',
    ca: { pem: caPem },
  });

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-practice-server-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=Practice CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    caPem = fs.readFileSync(path.join(root, 'ca.crt'), 'utf8');
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('keeps the address and CA in the file and the password only in the keeper, and reads them back as connection options', async () => {
    const { dataDir, keeper, keeperDir } = place();
    expect(await readPracticeServer(dataDir, keeper)).toBeNull();
    await savePracticeServer(dataDir, remote(), password, keeper);
    const file = fs.readFileSync(path.join(dataDir, practiceServerFileName), 'utf8');
    expect(file).not.toContain(password);
    expect(fs.statSync(path.join(dataDir, practiceServerFileName)).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dataDir)).toEqual([practiceServerFileName]);
    expect(fs.readdirSync(keeperDir).map((f) => fs.readFileSync(path.join(keeperDir, f), 'utf8')).join('')).toContain(password);

    const read = (await readPracticeServer(dataDir, keeper))!;
    expect(read.settings).toEqual(remote());
    expect(read.connection).toEqual({
      server: { host: 'db.practice.test', hostaddr: '10.0.0.5', port: 5433, database: 'consent_desk' },
      credential: { user: 'consent_desk_app', password },
      caPem,
    });

    // The CA as a file's path: read when the settings are.
    const caFile = path.join(root, 'ca.crt');
    await savePracticeServer(dataDir, { ...remote(), ca: { file: caFile } }, password, keeper);
    expect((await readPracticeServer(dataDir, keeper))!.connection.caPem).toBe(caPem);
    fs.renameSync(caFile, `${caFile}.moved`);
    try {
      await expect(readPracticeServer(dataDir, keeper)).rejects.toMatchObject({ code: 'store_damaged', message: expect.stringMatching(/CA file .* cannot be read: ENOENT/) });
    } finally {
      fs.renameSync(`${caFile}.moved`, caFile);
    }

    await forgetPracticeServer(dataDir, keeper);
    expect(await readPracticeServer(dataDir, keeper)).toBeNull();
    expect(await keeper.read(practiceServerCredentialName)).toBe('');
  });

  it('keeps nothing the connection would refuse', async () => {
    const { dataDir, keeper, keeperDir } = place();
    await expect(savePracticeServer(dataDir, { ...remote(), server: { ...remote().server, sslmode: 'require' } }, password, keeper)).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/verify-full/) });
    await expect(savePracticeServer(dataDir, { ...remote(), ca: null }, password, keeper)).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/CA certificate is needed/) });
    await expect(savePracticeServer(dataDir, remote(), '', keeper)).rejects.toMatchObject({ code: 'validation' });
    await expect(savePracticeServer(dataDir, { ...remote(), server: { ...remote().server, port: 0 } }, password, keeper)).rejects.toMatchObject({ code: 'validation' });
    expect(fs.readdirSync(dataDir)).toEqual([]);
    expect(fs.existsSync(keeperDir)).toBe(false);
  });

  it('reports a damaged file, a missing password, or a password kept for another server in words', async () => {
    const { dataDir, keeper } = place();
    await savePracticeServer(dataDir, remote(), password, keeper);
    const file = path.join(dataDir, practiceServerFileName);
    const good = fs.readFileSync(file, 'utf8');

    fs.writeFileSync(file, good.slice(0, good.length / 2));
    await expect(readPracticeServer(dataDir, keeper)).rejects.toMatchObject({ code: 'store_damaged', message: expect.stringMatching(/settings for the practice server are damaged \(practice-server\.json is not readable JSON\)/) });
    fs.writeFileSync(file, good.replace('"port": 5433', '"port": "5433"'));
    await expect(readPracticeServer(dataDir, keeper)).rejects.toMatchObject({ code: 'store_damaged', message: expect.stringMatching(/server\.port/) });
    fs.writeFileSync(file, good.replace('"user": "consent_desk_app"', '"user": "consent_desk_app", "password": "x"'));
    await expect(readPracticeServer(dataDir, keeper)).rejects.toMatchObject({ code: 'store_damaged' });

    // The file edited to point at another server: the kept password is not sent there.
    fs.writeFileSync(file, good.replace('db.practice.test', 'elsewhere.example'));
    await expect(readPracticeServer(dataDir, keeper)).rejects.toMatchObject({ code: 'store_damaged', message: expect.stringMatching(/belongs to another server or account/) });

    fs.writeFileSync(file, good);
    await keeper.write(practiceServerCredentialName, '{"torn');
    await expect(readPracticeServer(dataDir, keeper)).rejects.toMatchObject({ code: 'store_damaged', message: expect.stringMatching(/kept database password cannot be read/) });
    await keeper.write(practiceServerCredentialName, '');
    await expect(readPracticeServer(dataDir, keeper)).rejects.toMatchObject({ code: 'store_damaged', message: expect.stringMatching(/password .* is missing/) });
  });

  it('parses any text to settings or store_damaged, never anything else', () => {
    const sample = JSON.stringify(remote());
    const settingsLike = fc.record(
      {
        format: fc.oneof(fc.constant('consent-desk-practice-server'), fc.string()),
        version: fc.oneof(fc.constant(1), fc.integer(), fc.string()),
        server: fc.oneof(
          fc.record({ host: fc.string(), hostaddr: fc.string(), port: fc.oneof(fc.integer(), fc.double(), fc.string()), database: fc.string(), sslmode: fc.string() }, { requiredKeys: [] }),
          fc.anything(),
        ),
        user: fc.oneof(fc.string(), fc.anything()),
        ca: fc.oneof(fc.constant(null), fc.record({ pem: fc.string() }), fc.record({ file: fc.string() }), fc.anything()),
      },
      { requiredKeys: [] },
    );
    const texts = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      settingsLike.map((v) => JSON.stringify(v)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.integer({ min: 0, max: sample.length }).map((cut) => sample.slice(0, cut)),
      fc.tuple(fc.integer({ min: 0, max: sample.length - 1 }), fc.string({ minLength: 1, maxLength: 1 })).map(([i, c]) => sample.slice(0, i) + c + sample.slice(i + 1)),
    );
    fc.assert(
      fc.property(texts, (text) => {
        try {
          const settings = parsePracticeServerSettings(text);
          // What passes is exactly the schema's shape.
          expect(settings.format).toBe('consent-desk-practice-server');
          expect(typeof settings.server.host).toBe('string');
          expect(settings.user.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe('store_damaged');
          expect((error as AppError).message).toMatch(/^This computer’s settings for the practice server are damaged \(/);
        }
      }),
      { numRuns: 2000 },
    );
    expect(parsePracticeServerSettings(sample)).toEqual(remote());
  });
});
