import { describe, expect, it } from 'vitest';
import { idsInMessage, liveWithoutCoverMessage } from './posts-check';

describe('the message of a check that found live posts without cover', () => {
  it('names every post when there are few', () => {
    expect(liveWithoutCoverMessage(1, ['p1'])).toBe('1 live post without a valid, covering consent: p1');
    expect(liveWithoutCoverMessage(2, ['p1', 'p2'])).toBe('2 live posts without a valid, covering consent: p1, p2');
  });

  it('names the first ones and counts the rest when there are many (the command holds only those)', () => {
    const first = Array.from({ length: idsInMessage }, (_, i) => `p${i}`);
    const message = liveWithoutCoverMessage(125_000, first);
    expect(message).toBe(`125000 live posts without a valid, covering consent: ${first.join(', ')} and ${125_000 - idsInMessage} more (--json lists every one)`);
    expect(message.length).toBeLessThan(1000);
  });
});
