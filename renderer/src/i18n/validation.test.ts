import { zodResolver } from '@hookform/resolvers/zod';
import { afterEach, describe, expect, it } from 'vitest';
import { dayRangeFormSchema } from '../features/compliance/day-range-schema';
import { postFormSchema, emptyPostForm } from '../features/posts/post-form-schema';
import { settingsFormSchema } from '../features/settings/settings-form-schema';
import { i18n } from './i18n';

const messagesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  // The first message of each field, as the form shows it.
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]).reverse());

describe('the forms’ own validation messages', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('are in the language the screen shows when the form is checked', async () => {
    await i18n.changeLanguage('en');
    expect(messagesOf(dayRangeFormSchema.safeParse({ from: '', to: '2026-13-01' }))).toEqual({
      from: 'Choose the first day.',
      to: 'Use a date such as 2026-01-31.',
    });
    await i18n.changeLanguage('es');
    expect(messagesOf(dayRangeFormSchema.safeParse({ from: '', to: '2026-13-01' }))).toEqual({
      from: 'Elija el primer día.',
      to: 'Escriba una fecha como 2026-01-31.',
    });
    expect(messagesOf(dayRangeFormSchema.safeParse({ from: '2026-02-01', to: '2026-01-01' }))).toEqual({
      to: 'Elija un día igual o posterior al día «Desde».',
    });
  });

  it('fill in their numbers in both languages', async () => {
    const form = { ...emptyPostForm('00000000-0000-4000-8000-000000000000'), channel: 'other', otherChannelName: '', sponsor: 'x'.repeat(201), thirdPartyPays: true };
    await i18n.changeLanguage('es');
    const spanish = messagesOf(postFormSchema.safeParse(form));
    expect(spanish.sponsor).toBe('Use como máximo 200 caracteres.');
    expect(spanish.otherChannelName).toBe('Escriba el nombre del canal, como «Pantalla de la sala de espera».');
    await i18n.changeLanguage('en');
    expect(messagesOf(postFormSchema.safeParse(form)).sponsor).toBe('Use at most 200 characters.');
    expect(messagesOf(settingsFormSchema.safeParse({ idleMinutes: Number.NaN })).idleMinutes).toBe('Enter a number of minutes from 1 to 60.');
  });

  it('reach the form as the schema words them (the resolver, not zod’s own “Invalid option”)', async () => {
    await i18n.changeLanguage('es');
    const resolve = zodResolver(postFormSchema);
    const { errors } = await resolve(emptyPostForm(), undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(errors.testimonialId?.message).toBe('Elija un testimonio.');
    expect(errors.channel?.message).toBe('Elija dónde aparecerá la publicación.');
  });
});
