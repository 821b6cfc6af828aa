import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pageSizes, type Page, type SortDirection } from '../../../shared/list-page';
import { formatNumber } from '../i18n/format';
import { TableScroll } from './TableScroll';
import './buttons.css';
import './data-table.css';
import './table.css';

/** Which page of a list is shown, and in which order: the backend sorts and pages, the table asks. */
export interface ListView<S extends string> {
  sort: S;
  direction: SortDirection;
  offset: number;
  limit: number;
}

/** A column, and the sort the backend knows it by (none: not sortable); the row header names the row for screen readers. */
export type DataColumn<T, S extends string> = ColumnDef<T, unknown> & { id: string; sortKey?: S; rowHeader?: boolean };

interface DataTableProps<T, S extends string> {
  caption: string;
  /** "120 patients": the count of all rows, a whole phrase from the caller's catalogue (plurals differ by language). */
  counted: (total: number) => string;
  /** "Pages of patients": names the pager for screen readers. */
  pagerLabel: string;
  columns: DataColumn<T, S>[];
  page: Page<T> | null;
  view: ListView<S>;
  onView: (view: ListView<S>) => void;
  rowKey: (row: T) => string;
  busy?: boolean;
  empty: string;
}

/**
 * The one table every list is built on: TanStack Table (headless) lays out
 * the columns; sorting and paging are manual, done by the backend's indexed
 * queries, so a list of 100,000 rows costs one page. It says how many rows
 * there are, sorts from a header button that announces its order
 * (aria-sort), and pages with buttons and a choice of page size.
 */
export function DataTable<T, S extends string>({ caption, counted, pagerLabel, columns, page, view, onView, rowKey, busy = false, empty }: DataTableProps<T, S>) {
  const { t } = useTranslation(['components', 'common']);
  const sorting: SortingState = [{ id: columns.find((c) => c.sortKey === view.sort)?.id ?? '', desc: view.direction === 'desc' }];
  // TanStack's table object is made anew each render; this component is not memoised by the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: page?.rows ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    rowCount: page?.total ?? 0,
    state: { sorting, pagination: { pageIndex: Math.floor(view.offset / view.limit), pageSize: view.limit } },
    getRowId: rowKey,
  });
  const sizeId = useId();
  const total = page?.total ?? 0;
  const first = total === 0 ? 0 : view.offset + 1;
  const last = Math.min(view.offset + view.limit, total);
  const pages = Math.max(1, Math.ceil(total / view.limit));
  const pageNumber = Math.floor(view.offset / view.limit) + 1;
  const sortBy = (key: S) =>
    onView({ ...view, sort: key, direction: view.sort === key && view.direction === 'asc' ? 'desc' : 'asc', offset: 0 });

  return (
    <div className="data-list" aria-busy={busy || page === null}>
      <p className="data-list-count" role="status" aria-live="polite">
        {page === null
          ? t('common:loading')
          : total === 0
            ? ''
            : total > view.limit
              ? t('dataTable.countedShowing', { counted: counted(total), first: formatNumber(first), last: formatNumber(last) })
              : counted(total)}
      </p>
      {page !== null && total === 0 ? (
        <p className="empty-note" role="status">
          {empty}
        </p>
      ) : (
        <TableScroll label={caption}>
          <table className="data-table">
            <caption>
              {caption} ({formatNumber(total)})
            </caption>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const column = columns.find((c) => c.id === header.column.id)!;
                    const label = flexRender(header.column.columnDef.header, header.getContext());
                    const sorted = column.sortKey !== undefined && column.sortKey === view.sort;
                    return (
                      <th key={header.id} scope="col" aria-sort={sorted ? (view.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
                        {column.sortKey === undefined ? (
                          label
                        ) : (
                          <button type="button" className="sort-button" onClick={() => sortBy(column.sortKey!)}>
                            {label}
                            <span aria-hidden="true" className="sort-mark">
                              {sorted ? (view.direction === 'asc' ? '▲' : '▼') : '↕'}
                            </span>
                          </button>
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((row) => (
                <tr key={row.id}>
                  {row.getVisibleCells().map((cell) => {
                    const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                    return columns.find((c) => c.id === cell.column.id)?.rowHeader ? (
                      <th key={cell.id} scope="row">
                        {content}
                      </th>
                    ) : (
                      <td key={cell.id}>{content}</td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {total > pageSizes[0] ? (
        <nav className="pager" aria-label={pagerLabel}>
          <button type="button" className="button button-secondary" disabled={view.offset === 0} onClick={() => onView({ ...view, offset: Math.max(0, view.offset - view.limit) })}>
            {t('dataTable.previousPage')}
          </button>
          <span>{t('dataTable.pageOf', { page: formatNumber(pageNumber), pages: formatNumber(pages) })}</span>
          <button type="button" className="button button-secondary" disabled={last >= total} onClick={() => onView({ ...view, offset: view.offset + view.limit })}>
            {t('dataTable.nextPage')}
          </button>
          <label htmlFor={sizeId}>{t('dataTable.rowsPerPage')}</label>
          <select id={sizeId} value={view.limit} onChange={(event) => onView({ ...view, limit: Number(event.target.value), offset: 0 })}>
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </nav>
      ) : null}
    </div>
  );
}

/**
 * Load one page whenever the view or the inputs change; a page that comes
 * back after a newer request is dropped.
 */
export function usePage<T>(load: () => Promise<Page<T>>, deps: readonly unknown[], delayMs = 0): { page: Page<T> | null; error: unknown; busy: boolean } {
  // The page shown stays until the next one arrives; `busy` while what is shown is not what was asked.
  const [state, setState] = useState<{ asked: readonly unknown[] | null; page: Page<T> | null; error: unknown }>({ asked: null, page: null, error: null });
  useEffect(() => {
    let current = true;
    const timer = window.setTimeout(() => {
      load().then(
        (page) => current && setState({ asked: deps, page, error: null }),
        (error: unknown) => current && setState({ asked: deps, page: null, error }),
      );
    }, delayMs);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the load depends on
  }, deps);
  const busy = state.asked === null || state.asked.length !== deps.length || state.asked.some((d, i) => !Object.is(d, deps[i]));
  return { page: state.page, error: state.error, busy };
}
