import { readSettings, writeSettings } from '../repositories/settings-repository';
import type { Handlers } from './handler';

export const settingsHandlers = {
  'settings.get': (core) => readSettings(core.requireStore().db),

  'settings.update': async (core, input) => {
    const store = core.requireStore();
    const before = readSettings(store.db);
    const shown = (value: unknown) => (typeof value === 'object' ? JSON.stringify(value) : String(value));
    const changed = (Object.keys(input) as (keyof typeof input)[]).filter(
      (key) => input[key] !== undefined && shown(input[key]) !== shown(before[key]),
    );
    if (changed.length === 0) return before;
    const after = store.write(() => {
      const next = writeSettings(store.db, input);
      core.audit({
        action: 'settings.updated',
        subjectType: 'settings',
        detail: changed.map((key) => `${key}: ${shown(before[key])} → ${shown(next[key])}`).join('; '),
      });
      return next;
    });
    core.refreshSettings(after);
    // Another zone or age of majority can move today, or end a parent's authority: apply it to posts now.
    if (changed.includes('timeZone') || changed.includes('ageOfMajority')) await core.sweepExpired();
    return after;
  },
} satisfies Partial<Handlers>;
