import type { Chunk, ChunkCursor } from '../../shared/store-chunks';

/** The chunk size whole-store commands ask for: big enough that a call's overhead vanishes, small enough to hold. */
export const walkChunkSize = 500;

/**
 * Every row of a whole-store read, a chunk at a time: `read` is called with
 * each chunk's cursor until one says it was the last. `first`, when given,
 * is the chunk already read (a command that needs its totals before printing).
 */
export async function* everyRow<T>(read: (after: ChunkCursor | null) => Promise<Chunk<T>>, first?: Chunk<T>): AsyncGenerator<T> {
  let chunk = first ?? (await read(null));
  for (;;) {
    yield* chunk.rows;
    if (!chunk.next) return;
    chunk = await read(chunk.next);
  }
}

/**
 * Print a text table whose columns line up across every row without holding
 * the rows: one pass over `rows()` measures the columns, a second prints
 * them. The last column is not padded, and nothing follows the last row's
 * text (not even a newline). With no rows it writes `whenEmpty` instead.
 * Returns how many rows it printed.
 */
export async function writeAlignedTable(
  write: (text: string) => Promise<void>,
  header: string[],
  rows: () => AsyncIterable<string[]>,
  whenEmpty: string,
): Promise<number> {
  const widths = header.map((cell) => cell.length);
  let count = 0;
  for await (const row of rows()) {
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i]!, cell.length)));
    count += 1;
  }
  if (count === 0) {
    await write(whenEmpty);
    return 0;
  }
  const line = (row: string[]) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  let batch = line(header);
  for await (const row of rows()) {
    batch += `\n${line(row)}`;
    if (batch.length > 64 * 1024) {
      await write(batch);
      batch = '';
    }
  }
  await write(batch);
  return count;
}
