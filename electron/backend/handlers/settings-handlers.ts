import type { BackendCallName, CallOutput, ParsedInput } from '../../../shared/contract';
import type { Settings } from '../../../shared/settings';
import { auditIn, type SettingsCore } from '../engine-core';

/**
 * The practice's settings on the store engine (issue 15, switch-over step
 * 3): read and written through `records.settings`. A change is one write
 * transaction: what it changes is worked out again inside it, against the
 * settings as that transaction reads them, and its audit event (each value
 * before and after) is appended there too, so a failed change leaves
 * neither. Once committed, the backend's copy is refreshed and, for another
 * zone or age of majority, the posts are swept (a write of its own).
 */

type SettingsCall = 'settings.get' | 'settings.update';

/** Written against `SettingsCore`, not `BackendCore`: the same handlers run on either engine (settings-handlers.engines.test.ts). */
export type SettingsHandlers<K extends BackendCallName> = { [P in K]: (core: SettingsCore, input: ParsedInput<P>) => Promise<CallOutput<P>> };

const shown = (value: unknown) => (typeof value === 'object' ? JSON.stringify(value) : String(value));

/** The settings `input` would change, compared as they are shown in the audit event. */
function changedBy(input: Partial<Settings>, before: Settings): (keyof Settings)[] {
  return (Object.keys(input) as (keyof Settings)[]).filter((key) => input[key] !== undefined && shown(input[key]) !== shown(before[key]));
}

export const settingsHandlers: SettingsHandlers<SettingsCall> = {
  'settings.get': (core) => core.engine.read((tx) => core.engine.records.settings.readSettings(tx)),

  'settings.update': async (core, input) => {
    const settings = core.engine.records.settings;
    // Nothing to change: answered by a read, without a write.
    const read = await core.engine.read((tx) => settings.readSettings(tx));
    if (changedBy(input, read).length === 0) return read;
    const { after, changed } = await core.engine.write(async (tx) => {
      const before = await settings.readSettings(tx);
      const changed = changedBy(input, before);
      if (changed.length === 0) return { after: before, changed };
      const next = await settings.writeSettings(tx, input);
      await auditIn(core, tx, {
        action: 'settings.updated',
        subjectType: 'settings',
        detail: changed.map((key) => `${key}: ${shown(before[key])} → ${shown(next[key])}`).join('; '),
      });
      return { after: next, changed };
    });
    core.refreshSettings(after);
    // Another zone or age of majority can move today, or end a parent's authority: apply it to posts now.
    if (changed.includes('timeZone') || changed.includes('ageOfMajority')) await core.sweepExpired();
    return after;
  },
};
