import { migration001 } from './001-initial';
import { migration002 } from './002-consents';
import { migration003 } from './003-marketing';
import { migration004 } from './004-retention';
import { migration005 } from './005-scope-index';
import { migration006 } from './006-paper-signatures-and-wording';
import { migration007 } from './007-patient-copies-and-certificate-keys';
import { migration008 } from './008-disclosures-and-replies';
import { migration009 } from './009-integrity-anchor';
import { migration010 } from './010-compliance-program';
import { migration011 } from './011-search-keys-and-kept-coverage';
import { migration012 } from './012-scope-presets';
import { migration013 } from './013-testimonial-search-and-revocation-scan-hash';
import { migration014 } from './014-dashboard-indexes';
import { migration015 } from './015-row-versions';
import { migration016 } from './016-record-counts';
import type { Migration } from './migration';

/** Every migration, in order. Add new ones at the end with the next number. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012, migration013, migration014, migration015, migration016];

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;
