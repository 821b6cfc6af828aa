import { describe, expect, it } from 'vitest';
import { callNames } from './contract';
import { createClient } from './client';
import { AppError } from './errors';

describe('the typed client', () => {
  it('has one function per contract call and passes the call name and input to the transport', async () => {
    const seen: [string, unknown][] = [];
    const api = createClient(async (name, input) => {
      seen.push([name, input]);
      return { ok: true, value: { phase: 'setup' } };
    });
    expect(Object.keys(api).sort()).toEqual([...callNames].sort());
    await expect(api['app.state']({})).resolves.toEqual({ phase: 'setup' });
    expect(seen).toEqual([['app.state', {}]]);
  });

  it('throws the transported error as an AppError with its code and issues', async () => {
    const api = createClient(async () => ({
      ok: false,
      error: { code: 'validation', message: 'password: too short', issues: [{ path: 'password', message: 'too short' }] },
    }));
    const error = await api['session.signIn']({ username: 'pat', password: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'validation', issues: [{ path: 'password', message: 'too short' }] });
  });

  it('turns a malformed reply into an internal error rather than trusting it', async () => {
    const api = createClient(async () => ({ ok: false, error: { code: 'nonsense', message: 3 } as never }));
    await expect(api['app.state']({})).rejects.toMatchObject({ code: 'internal' });
  });
});
