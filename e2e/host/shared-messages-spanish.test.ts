import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Api } from '../../shared/client';
import type { CallResult } from '../../shared/errors';
import { tempDataDir } from '../../electron/backend/testing/test-backend';
import { reportCallError } from '../../renderer/src/components/call-error';
import { issueMessageOf, messageOf } from '../../renderer/src/components/error-message';
import { i18n } from '../../renderer/src/i18n/i18n';
import { startHost, type RunningHost } from './start';

/**
 * The way back from the backend: a call refused by its shared schema, over
 * the development host's HTTP (the real backend, its real validationError),
 * read by the renderer's own error wording on a Spanish screen.
 */
let host: RunningHost;
let api: Api;

beforeAll(async () => {
  const staticDir = tempDataDir('static');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  host = await startHost({ dataDir: tempDataDir('host'), staticDir });
  api = createClient(async (name, input) => {
    const response = await fetch(`${host.origin}/api/call/${name}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
    return (await response.json()) as CallResult<unknown>;
  });
});
afterAll(() => host.close());
afterEach(() => i18n.changeLanguage('en'));

async function refusal(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('The backend accepted the call.');
}

describe('a backend validation error on a Spanish screen', () => {
  it('says the shared schema’s sentence in Spanish, above the form and beside the field', async () => {
    const error = await refusal(() => api['session.signIn']({ username: 'admin', password: '' }));
    expect(error).toMatchObject({ code: 'validation', issues: [{ path: 'password', message: 'Enter your password.' }] });

    await i18n.changeLanguage('es');
    expect(messageOf(error)).toBe('Escriba su contraseña.');
    const placed: Record<string, string | undefined> = {};
    const problem = reportCallError(error, ((field: string, e: { message?: string }) => (placed[field] = e.message)) as never, { password: 'password' });
    expect(placed).toEqual({ password: 'Escriba su contraseña.' });
    expect(problem).toBeNull();

    await i18n.changeLanguage('en');
    expect(messageOf(error)).toBe('password: Enter your password.');
  });

  it('says each of several issues in Spanish, and the general sentence above them', async () => {
    const error = await refusal(() => api['session.signIn']({ username: 'No Spaces Allowed', password: '' }));
    await i18n.changeLanguage('es');
    const issues = (error as { issues: { path: string; message: string }[] }).issues;
    expect(Object.fromEntries(issues.map((issue) => [issue.path, issueMessageOf(issue)]))).toEqual({
      username: 'Use de 2 a 32 letras minúsculas, dígitos, puntos, guiones o guiones bajos, empezando por una letra o un dígito.',
      password: 'Escriba su contraseña.',
    });
    expect(messageOf(error)).toBe(i18n.t('errors:codes.validation'));
  });
});
