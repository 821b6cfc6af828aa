import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientPage, textOrder } from './client-page';

const byName = { name: (a: { name: string }, b: { name: string }) => textOrder('es')(a.name, b.name) };

describe('clientPage', () => {
  it('sorts accents and case aside, both ways, and pages', () => {
    const rows = ['Zoë', 'ángela', 'Álvaro', 'bruno', 'Émile'].map((name) => ({ name }));
    expect(clientPage(rows, { sort: 'name', direction: 'asc', offset: 0, limit: 3 }, byName)).toEqual({
      rows: [{ name: 'Álvaro' }, { name: 'ángela' }, { name: 'bruno' }],
      total: 5,
      offset: 0,
    });
    expect(clientPage(rows, { sort: 'name', direction: 'asc', offset: 3, limit: 3 }, byName).rows.map((r) => r.name)).toEqual(['Émile', 'Zoë']);
    expect(clientPage(rows, { sort: 'name', direction: 'desc', offset: 0, limit: 2 }, byName).rows.map((r) => r.name)).toEqual(['Zoë', 'Émile']);
  });

  it('shows the last page when the list shrank under the page asked for', () => {
    const rows = [{ name: 'a' }, { name: 'b' }];
    expect(clientPage(rows, { sort: 'name', direction: 'asc', offset: 25, limit: 25 }, byName)).toEqual({ rows, total: 2, offset: 0 });
    expect(clientPage([], { sort: 'name', direction: 'asc', offset: 50, limit: 25 }, byName)).toEqual({ rows: [], total: 0, offset: 0 });
  });

  it('puts every row on exactly one page, in order, whatever the sizes', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 120 }), fc.integer({ min: 1, max: 30 }), fc.boolean(), (names, limit, desc) => {
        const rows = names.map((name, i) => ({ name, i }));
        const seen: typeof rows = [];
        for (let offset = 0; offset < rows.length; offset += limit) {
          const page = clientPage(rows, { sort: 'name', direction: desc ? 'desc' : 'asc', offset, limit }, byName);
          expect(page.total).toBe(rows.length);
          expect(page.rows.length).toBe(Math.min(limit, rows.length - offset));
          seen.push(...page.rows);
        }
        expect(seen.map((r) => r.i).sort((a, b) => a - b)).toEqual(rows.map((r) => r.i));
        for (let k = 1; k < seen.length; k++) {
          const order = byName.name(seen[k - 1]!, seen[k]!) * (desc ? -1 : 1);
          expect(order <= 0).toBe(true);
          // Ties keep the list's own order.
          if (order === 0) expect(seen[k - 1]!.i).toBeLessThan(seen[k]!.i);
        }
      }),
    );
  });
});
