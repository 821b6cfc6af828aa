import { describe, expect, it, vi } from 'vitest';
import type { Transport } from '../../../shared/client';
import type { AppErrorData } from '../../../shared/errors';
import { guardSession } from './session-guard';

function failingWith(error: AppErrorData): Transport {
  return async () => ({ ok: false, error });
}

describe('the session guard', () => {
  it('reports a signed-in call refused as locked or unauthorized', async () => {
    for (const code of ['locked', 'unauthorized'] as const) {
      const lost = vi.fn();
      const result = await guardSession(failingWith({ code, message: 'x' }), lost)('staff.list', {});
      expect(result.ok).toBe(false);
      expect(lost).toHaveBeenCalledWith({ code, message: 'x' });
    }
  });

  it('leaves a wrong password at sign-in alone: that is not a lost session', async () => {
    const lost = vi.fn();
    await guardSession(failingWith({ code: 'unauthorized', message: 'wrong' }), lost)('session.signIn', {});
    expect(lost).not.toHaveBeenCalled();
  });

  it('leaves other failures and successes alone', async () => {
    const lost = vi.fn();
    await guardSession(failingWith({ code: 'forbidden', message: 'no' }), lost)('staff.list', {});
    await guardSession(async () => ({ ok: true, value: [] }), lost)('staff.list', {});
    expect(lost).not.toHaveBeenCalled();
  });
});
