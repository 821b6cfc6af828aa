import { afterEach, describe, expect, it, vi } from 'vitest';
import { isAnchorRequest, isToBackend, maxSealedAnchorChars, type AnchorRequest } from './backend-protocol';
import { anchorReplyLimitMs, RelayedAnchorStore } from './relayed-anchor';

afterEach(() => vi.useRealTimers());

const storeId = '3f2b8c1e-7a4d-4e2b-9c1f-0a1b2c3d4e5f';

describe('the rollback anchor reached through the main process', () => {
  it('matches each answer to its question, whatever order they come back in', async () => {
    const asked: AnchorRequest[] = [];
    const relay = new RelayedAnchorStore((request) => asked.push(request));
    const first = relay.read(storeId);
    const second = relay.write(storeId, 'sealed text');
    const third = relay.read(storeId);
    expect(asked.map((r) => [r.op, r.storeId])).toEqual([['read', storeId], ['write', storeId], ['read', storeId]]);
    expect(new Set(asked.map((r) => r.id)).size).toBe(3);
    relay.settle(asked[2]!.id, { ok: true, text: null });
    relay.settle(asked[1]!.id, { ok: true, text: null });
    relay.settle(asked[0]!.id, { ok: true, text: 'the anchor' });
    await expect(first).resolves.toBe('the anchor');
    await expect(second).resolves.toBeUndefined();
    await expect(third).resolves.toBeNull();
    // A reply to nothing, or a second reply, changes nothing.
    relay.settle(999, { ok: true, text: 'made up' });
    relay.settle(asked[0]!.id, { ok: true, text: 'again' });
  });

  it('fails a read or write the shell could not do, and one it never answers, within its limit', async () => {
    vi.useFakeTimers();
    const asked: AnchorRequest[] = [];
    const lines: string[] = [];
    const relay = new RelayedAnchorStore((request) => asked.push(request), (line) => lines.push(line));
    const refused = relay.write(storeId, 'x');
    relay.settle(asked[0]!.id, { ok: false, text: null });
    await expect(refused).rejects.toThrow(/could not write/);

    const unanswered = relay.read(storeId);
    const outcome = unanswered.then(
      () => 'answered',
      (error: Error) => error.message,
    );
    await vi.advanceTimersByTimeAsync(anchorReplyLimitMs - 1);
    relay.settle(-1, { ok: true, text: 'not it' });
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toMatch(/could not read/);
    expect(lines).toEqual([`consent-desk: the desktop app did not answer a rollback-anchor read within ${anchorReplyLimitMs / 1000} s`]);
    // The late answer finds nobody waiting.
    relay.settle(asked[1]!.id, { ok: true, text: 'late' });
  });
});

describe('what the main process accepts as an anchor request', () => {
  it('takes only well-formed reads and writes of a store id, with a sealed anchor of a sensible size', () => {
    expect(isAnchorRequest({ type: 'anchor', id: 1, op: 'read', storeId })).toBe(true);
    expect(isAnchorRequest({ type: 'anchor', id: 2, op: 'write', storeId, sealed: '{}' })).toBe(true);
    for (const bad of [
      null,
      'anchor',
      { type: 'anchor', id: 1.5, op: 'read', storeId },
      { type: 'anchor', id: 1, op: 'delete', storeId },
      { type: 'anchor', id: 1, op: 'read', storeId: '../../etc/passwd' },
      { type: 'anchor', id: 1, op: 'read', storeId: '' },
      { type: 'anchor', id: 1, op: 'write', storeId },
      { type: 'anchor', id: 1, op: 'write', storeId, sealed: 'x'.repeat(maxSealedAnchorChars + 1) },
    ]) {
      expect(isAnchorRequest(bad), JSON.stringify(bad)?.slice(0, 80)).toBe(false);
    }
    expect(isToBackend({ type: 'anchorReply', id: 3, ok: true, text: null })).toBe(true);
    expect(isToBackend({ type: 'anchorReply', id: 3, ok: 'yes', text: null })).toBe(false);
    expect(isToBackend({ type: 'anchorReply', id: 3, ok: true, text: 42 })).toBe(false);
  });
});
