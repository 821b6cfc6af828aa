import { migration001 } from './001-initial';
import { migration002 } from './002-consents';
import { migration003 } from './003-marketing';
import { migration004 } from './004-retention';
import { migration005 } from './005-scope-index';
import { migration006 } from './006-integrity-anchor';
import type { Migration } from './migration';

/** Every migration, in order. Add new ones at the end with the next number. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006];

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;
