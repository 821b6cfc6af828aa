import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonArrayWriter } from './json-stream';

async function streamed(head: Record<string, unknown>, key: string, rows: unknown[]): Promise<string> {
  let text = '';
  const writer = new JsonArrayWriter(async (chunk) => void (text += chunk), head, key);
  for (const row of rows) await writer.push(row);
  await writer.end();
  return text;
}

describe('JsonArrayWriter', () => {
  it('writes exactly what JSON.stringify(…, null, 2) writes, for any head and rows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string().filter((k) => k !== 'rows'), fc.jsonValue(), { maxKeys: 4 }),
        fc.array(fc.jsonValue(), { maxLength: 6 }),
        async (head, rows) => {
          expect(await streamed(head, 'rows', rows)).toBe(`${JSON.stringify({ ...head, rows }, null, 2)}\n`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('matches on an empty array, undefined members and rows of the CLI’s shape', async () => {
    expect(await streamed({ asOf: '2026-12-01' }, 'authorizations', [])).toBe(`${JSON.stringify({ asOf: '2026-12-01', authorizations: [] }, null, 2)}\n`);
    const head = { asOf: '2026-12-01', skipped: undefined, uncoveredWhileLive: 1 };
    const rows = [{ id: 'a', verdict: { covered: false, reasons: [{ code: 'revoked', message: 'Line one\nline two “quoted”' }] }, gone: undefined }, [undefined]];
    expect(await streamed(head, 'posts', rows)).toBe(`${JSON.stringify({ ...head, posts: rows }, null, 2)}\n`);
  });

  it('refuses an array key that is also a head member', () => {
    expect(() => new JsonArrayWriter(async () => undefined, { posts: 1 }, 'posts')).toThrow(/both/);
  });
});
