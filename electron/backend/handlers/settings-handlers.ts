import { readSettings, writeSettings } from '../repositories/settings-repository';
import type { Handlers } from './handler';

export const settingsHandlers = {
  'settings.get': (core) => readSettings(core.requireStore().db),

  'settings.update': (core, input) => {
    const store = core.requireStore();
    const before = readSettings(store.db);
    const changed = (Object.keys(input) as (keyof typeof input)[]).filter(
      (key) => input[key] !== undefined && input[key] !== before[key],
    );
    if (changed.length === 0) return before;
    const after = store.write(() => {
      const next = writeSettings(store.db, input);
      core.audit({
        action: 'settings.updated',
        subjectType: 'settings',
        detail: changed.map((key) => `${key}: ${String(before[key])} → ${String(next[key])}`).join('; '),
      });
      return next;
    });
    core.refreshSettings(after);
    return after;
  },
} satisfies Partial<Handlers>;
