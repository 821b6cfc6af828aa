import type { Page } from '../../../shared/list-page';
import type { ListView } from './DataTable';

/**
 * One page of a list the screen already holds whole, for lists that are
 * small by nature (a practice's staff, a report's rows): sorted by the
 * view's key, stable (ties keep the list's own order), then sliced, in the
 * same shape the backend's paged calls answer with, so the same table
 * shows both.
 */
export function clientPage<T, S extends string>(rows: readonly T[], view: ListView<S>, compare: Record<S, (a: T, b: T) => number>): Page<T> {
  const sign = view.direction === 'desc' ? -1 : 1;
  const sorted = rows.map((row, index) => ({ row, index })).sort((a, b) => sign * compare[view.sort](a.row, b.row) || a.index - b.index);
  // A page past the end (the list shrank) shows the last page instead of nothing.
  const lastStart = rows.length === 0 ? 0 : Math.floor((rows.length - 1) / view.limit) * view.limit;
  const offset = Math.min(view.offset, lastStart);
  return { rows: sorted.slice(offset, offset + view.limit).map((s) => s.row), total: rows.length, offset };
}

/** Compare texts as a person of that language sorts them: accents and case aside, numbers by value. */
export function textOrder(language: string): (a: string, b: string) => number {
  const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
  return (a, b) => collator.compare(a, b);
}
