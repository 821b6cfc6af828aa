import { describe, expect, it } from 'vitest';
import { minutesPhrase } from './minutes-phrase';

describe('minutesPhrase', () => {
  it('says one minute in the singular and every other count in the plural', () => {
    expect(minutesPhrase(1)).toBe('1 minute');
    expect(minutesPhrase(2)).toBe('2 minutes');
    expect(minutesPhrase(60)).toBe('60 minutes');
  });
});
