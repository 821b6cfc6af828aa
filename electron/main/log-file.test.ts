import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogFile } from './log-file';

let dir = '';
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the shell’s log file', () => {
  it('writes one timestamped line per event, readable by its owner only', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consent-desk-log-'));
    const log = createLogFile(path.join(dir, 'logs'), { now: () => new Date('2026-03-02T10:00:00Z') });
    log('started');
    log('two\nlines');
    const file = path.join(dir, 'logs', 'consent-desk.log');
    expect(fs.readFileSync(file, 'utf8')).toBe('2026-03-02T10:00:00.000Z started\n2026-03-02T10:00:00.000Z two lines\n');
    if (process.platform !== 'win32') {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.join(dir, 'logs')).mode & 0o777).toBe(0o700);
    }
  });

  it('rotates by size and keeps only the newest files', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consent-desk-log-'));
    const log = createLogFile(dir, { maxBytes: 200, keep: 2 });
    for (let i = 0; i < 40; i++) log(`event number ${i}`);
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['consent-desk.1.log', 'consent-desk.2.log', 'consent-desk.log']);
    for (const file of files) expect(fs.statSync(path.join(dir, file)).size).toBeLessThanOrEqual(200);
    expect(fs.readFileSync(path.join(dir, 'consent-desk.log'), 'utf8')).toContain('event number 39');
    expect(files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('')).not.toContain('event number 0\n');
  });

  it('does not throw when it cannot write', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consent-desk-log-'));
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, '');
    expect(() => createLogFile(blocker)('x')).not.toThrow();
  });
});
