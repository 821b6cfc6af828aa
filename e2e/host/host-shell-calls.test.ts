import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setUpStore, tempDataDir } from '../../electron/backend/testing/test-backend';
import { answerShellCall } from './host-shell-calls';

async function host(printerDir?: string) {
  const t = await setUpStore();
  const options = { backend: (name: string, input: unknown) => t.backend.invoke(name, input), printerDir };
  return { ...t, shell: (name: Parameters<typeof answerShellCall>[1], input: unknown) => answerShellCall(options, name, input) };
}

describe('the development host’s shell calls (typed paths, a test printer)', () => {
  it('say they take typed paths, and print only with a printer folder', async () => {
    expect(await (await host()).shell('shell.capabilities', {})).toEqual({ ok: true, value: { dialogs: 'typed-path', canPrint: false } });
    const printer = tempDataDir('printer');
    const h = await host(printer);
    expect(await h.shell('shell.capabilities', {})).toEqual({ ok: true, value: { dialogs: 'typed-path', canPrint: true } });
    const printed = await h.shell('shell.printPdf', { source: { call: 'reports.pdf', input: { report: 'uncovered_posts' } } });
    expect(printed).toEqual({ ok: true, value: { printed: true, reason: null } });
    const [file] = fs.readdirSync(printer);
    expect(fs.readFileSync(path.join(printer, file!)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('check a typed path against what it is for, in words', async () => {
    const h = await host();
    const dir = tempDataDir('typed');
    const choose = (purpose: string, typedPath?: string) => h.shell('shell.choosePath', { purpose, ...(typedPath ? { typedPath } : {}) });
    expect(await choose('bundle')).toMatchObject({ ok: false, error: { code: 'validation', message: 'Type the full path: the development host has no file dialog.' } });
    expect(await choose('bundle', path.join(dir, 'audit.pdf'))).toMatchObject({ ok: false, error: { message: 'The file name must end in .zip.' } });
    expect(await choose('backupFolder', path.join(dir, 'missing'))).toMatchObject({ ok: false, error: { message: 'There is no folder at that path.' } });
    expect(await choose('backupFile', path.join(dir, 'missing.cdbackup'))).toMatchObject({ ok: false, error: { message: 'There is no file at that path.' } });
    expect(await choose('backupFolder', dir)).toEqual({ ok: true, value: { path: dir, name: path.basename(dir) } });
    expect(await choose('bundle', 'relative.zip')).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('save a PDF where typed, never over an existing file, and only when signed in', async () => {
    const h = await host();
    const target = path.join(tempDataDir('saved'), 'report.pdf');
    const source = { call: 'reports.pdf', input: { report: 'uncovered_posts' } };
    const saved = await h.shell('shell.savePdf', { source, typedPath: target });
    expect(saved).toMatchObject({ ok: true, value: { path: target, name: 'report.pdf' } });
    expect(await h.shell('shell.savePdf', { source, typedPath: target })).toMatchObject({ ok: false, error: { message: 'A file with that name is already there.' } });
    await h.call('session.signOut', {});
    expect(await h.shell('shell.savePdf', { source, typedPath: `${target}.2.pdf` })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});
