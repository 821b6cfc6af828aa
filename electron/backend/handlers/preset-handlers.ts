import type { BackendCallName, CallOutput, ParsedInput } from '../../../shared/contract';
import type { ScopePreset } from '../../../shared/authorization/scope-preset';
import { AppError } from '../../../shared/errors';
import { auditIn, type SessionCore } from '../engine-core';

/**
 * The scope presets on the store engine (issue 15, switch-over step 3):
 * every read and write goes through `core.engine` and
 * `records.practice.presets`, each call is one engine transaction, and a
 * change's audit event is appended in the same transaction as the version
 * it records, so a refused or failed call leaves neither. A preset's rows
 * never change: each change is the next version, and a version another
 * workstation saved meanwhile is `conflict` (the repository's words).
 */

type PresetCall = 'presets.list' | 'presets.versions' | 'presets.save' | 'presets.retire';

/** Written against `SessionCore`, not `BackendCore`: the same handlers run on either engine (preset-handlers.engines.test.ts). */
export type PresetHandlers<K extends BackendCallName> = { [P in K]: (core: SessionCore, input: ParsedInput<P>) => Promise<CallOutput<P>> };

/** The latest version of preset `id`, read in the transaction `tx`. */
async function presetIn(core: SessionCore, tx: unknown, id: string): Promise<ScopePreset> {
  const preset = await core.engine.records.practice.presets.latestPreset(tx, id);
  if (!preset) throw new AppError('not_found', 'That preset does not exist.');
  return preset;
}

export const presetHandlers: PresetHandlers<PresetCall> = {
  'presets.list': (core) => core.engine.read((tx) => core.engine.records.practice.presets.latestPresets(tx)),

  'presets.versions': (core, { id }) =>
    core.engine.read(async (tx) => {
      await presetIn(core, tx, id);
      return core.engine.records.practice.presets.presetVersions(tx, id);
    }),

  'presets.save': (core, { id, ...fields }) => {
    const me = core.requireSession();
    return core.engine.write(async (tx) => {
      const presets = core.engine.records.practice.presets;
      // Checked inside the write: no other name can be taken, or version saved, between the checks and the insert.
      const previous = id ? await presetIn(core, tx, id) : null;
      if (previous?.retired) throw new AppError('conflict', 'This preset is retired. Add a new preset instead.');
      const taken = (await presets.latestPresets(tx)).find((p) => !p.retired && p.id !== id && p.name.toLocaleLowerCase() === fields.name.toLocaleLowerCase());
      if (taken) {
        const message = `A preset named “${taken.name}” exists. Choose another name, or change that preset.`;
        throw new AppError('conflict', message, { issues: [{ path: 'name', message }] });
      }
      const presetId = previous?.id ?? core.newId();
      const version = (previous?.version ?? 0) + 1;
      await presets.insertPresetVersion(tx, { ...fields, id: presetId, version, retired: false, createdAt: core.nowIso(), createdBy: me.id });
      await auditIn(core, tx, { action: previous ? 'preset.changed' : 'preset.created', subjectType: 'preset', subjectId: presetId, detail: `“${fields.name}” version ${version}` });
      return presetIn(core, tx, presetId);
    });
  },

  'presets.retire': (core, { id }) => {
    const me = core.requireSession();
    return core.engine.write(async (tx) => {
      const previous = await presetIn(core, tx, id);
      // Retired already: nothing written, nothing audited.
      if (previous.retired) return previous;
      await core.engine.records.practice.presets.insertPresetVersion(tx, { ...previous, version: previous.version + 1, retired: true, createdAt: core.nowIso(), createdBy: me.id });
      await auditIn(core, tx, { action: 'preset.retired', subjectType: 'preset', subjectId: id, detail: `“${previous.name}” version ${previous.version + 1}` });
      return presetIn(core, tx, id);
    });
  },
};
