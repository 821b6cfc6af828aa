import { AppError } from '../../../shared/errors';
import type { BackendCore } from '../backend-core';
import { insertPresetVersion, latestPreset, latestPresets, presetVersions } from '../repositories/scope-preset-repository';
import type { Handlers } from './handler';
import type { ScopePreset } from '../../../shared/authorization/scope-preset';

function existingPreset(core: BackendCore, id: string): ScopePreset {
  const preset = latestPreset(core.requireStore().db, id);
  if (!preset) throw new AppError('not_found', 'That preset does not exist.');
  return preset;
}

export const presetHandlers = {
  'presets.list': (core) => latestPresets(core.requireStore().db),

  'presets.versions': (core, { id }) => {
    existingPreset(core, id);
    return presetVersions(core.requireStore().db, id);
  },

  'presets.save': (core, { id, ...fields }) => {
    const me = core.requireSession();
    const store = core.requireStore();
    const previous = id ? existingPreset(core, id) : null;
    if (previous?.retired) throw new AppError('conflict', 'This preset is retired. Add a new preset instead.');
    const taken = latestPresets(store.db).find((p) => !p.retired && p.id !== id && p.name.toLocaleLowerCase() === fields.name.toLocaleLowerCase());
    if (taken) {
      const message = `A preset named “${taken.name}” exists. Choose another name, or change that preset.`;
      throw new AppError('conflict', message, { issues: [{ path: 'name', message }] });
    }
    const presetId = previous?.id ?? core.newId();
    const version = (previous?.version ?? 0) + 1;
    store.write(() => {
      insertPresetVersion(store.db, { ...fields, id: presetId, version, retired: false, createdAt: core.nowIso(), createdBy: me.id });
      core.audit({ action: previous ? 'preset.changed' : 'preset.created', subjectType: 'preset', subjectId: presetId, detail: `“${fields.name}” version ${version}` });
    });
    return existingPreset(core, presetId);
  },

  'presets.retire': (core, { id }) => {
    const me = core.requireSession();
    const store = core.requireStore();
    const previous = existingPreset(core, id);
    if (previous.retired) return previous;
    store.write(() => {
      insertPresetVersion(store.db, { ...previous, version: previous.version + 1, retired: true, createdAt: core.nowIso(), createdBy: me.id });
      core.audit({ action: 'preset.retired', subjectType: 'preset', subjectId: id, detail: `“${previous.name}” version ${previous.version + 1}` });
    });
    return existingPreset(core, id);
  },
} satisfies Partial<Handlers>;
