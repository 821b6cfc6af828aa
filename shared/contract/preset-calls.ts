import { z } from 'zod';
import { presetFieldsSchema, presetIdSchema, type ScopePreset } from '../authorization/scope-preset';
import { call, returns } from './define';
import { noInput } from './no-input';

/** Presets of authorization scope: kept by administrators, chosen in the editor. */
export const presetCalls = {
  'presets.list': call({
    summary: 'The latest version of every preset of authorization scope (retired ones marked).',
    access: 'consents.read',
    input: noInput,
    output: returns<ScopePreset[]>(),
  }),
  'presets.versions': call({
    summary: 'Every version of one preset, oldest first.',
    access: 'consents.read',
    input: z.object({ id: presetIdSchema }).strict(),
    output: returns<ScopePreset[]>(),
  }),
  'presets.save': call({
    summary: 'Add a preset, or save a change to one as its next version.',
    access: 'settings.manage',
    input: presetFieldsSchema.extend({ id: presetIdSchema.optional() }).strict(),
    output: returns<ScopePreset>(),
  }),
  'presets.retire': call({
    summary: 'Retire a preset: it is no longer offered; its versions are kept.',
    access: 'settings.manage',
    input: z.object({ id: presetIdSchema }).strict(),
    output: returns<ScopePreset>(),
  }),
};
