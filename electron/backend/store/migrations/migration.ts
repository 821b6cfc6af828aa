import type { Db } from '../database';

/** One forward-only schema step. `up` runs inside the migration transaction. */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}
