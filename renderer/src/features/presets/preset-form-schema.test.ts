import { describe, expect, it } from 'vitest';
import { formOfPreset, presetFormSchema } from './preset-form-schema';

describe('the preset form', () => {
  it('turns ticks and months into the contract’s preset, and back', () => {
    const form = { name: ' Photos, one year ', contentKinds: ['photographs' as const], channels: ['instagram' as const], purposes: ['advertising' as const], months: '12' };
    const parsed = presetFormSchema.parse(form);
    expect(parsed).toEqual({
      name: 'Photos, one year',
      scope: { contentKinds: ['photographs'], channels: ['instagram'], otherChannels: [], purposes: ['advertising'], otherPurposes: [] },
      duration: { kind: 'months', months: 12 },
    });
    expect(formOfPreset(parsed)).toEqual({ ...form, name: 'Photos, one year' });
    expect(presetFormSchema.parse({ ...form, months: '' }).duration).toEqual({ kind: 'none' });
  });

  it('says what is missing or out of range, on the field', () => {
    const result = presetFormSchema.safeParse({ name: '', contentKinds: [], channels: [], purposes: [], months: '121' });
    expect(result.success).toBe(false);
    const paths = result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'contentKinds', 'channels', 'purposes', 'months']));
    expect(presetFormSchema.safeParse({ name: 'x', contentKinds: ['photographs'], channels: ['instagram'], purposes: ['advertising'], months: '121' }).success).toBe(false);
    expect(presetFormSchema.safeParse({ name: 'x', contentKinds: ['photographs'], channels: ['instagram'], purposes: ['advertising'], months: 'a year' }).success).toBe(false);
  });
});
