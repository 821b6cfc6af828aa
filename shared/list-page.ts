import { z } from 'zod';

/** One page of a list, with how many rows the whole list has. */
export interface Page<T> {
  rows: T[];
  total: number;
  offset: number;
}

export const pageSizes = [25, 50, 100] as const;
export const defaultPageSize = 25;

/**
 * The input of a paged list: what to sort by (one of `sorts`), which way,
 * and which page. The backend sorts and pages; the screen asks again.
 */
export function pageInputSchema<S extends readonly [string, ...string[]]>(sorts: S, defaultSort: S[number]) {
  return z.object({
    sort: z.enum(sorts).default(defaultSort as never),
    direction: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(200).default(defaultPageSize),
  });
}
export type SortDirection = 'asc' | 'desc';
