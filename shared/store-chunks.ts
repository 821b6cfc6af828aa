import { z } from 'zod';
import type { Purpose } from './authorization/scope';
import type { CoverageVerdict } from './posts/coverage';
import type { PostState } from './posts/post';

/**
 * Whole-store reads for commands that go through every record (the CLI's
 * `consents list` and `posts check`): a chunk at a time in a fixed order,
 * continuing after the last row of the previous chunk (a keyset cursor on an
 * index), so memory stays bounded and every chunk costs the same, however
 * large the store. Screens page with offsets instead (list-page.ts).
 */
export const chunkCursorSchema = z.object({ createdAt: z.string().min(1).max(40), id: z.string().min(1).max(64) }).strict();
export type ChunkCursor = z.output<typeof chunkCursorSchema>;

export const maxChunkSize = 1000;
export const chunkInputSchema = z
  .object({ after: chunkCursorSchema.nullable().default(null), limit: z.number().int().min(1).max(maxChunkSize).default(500) })
  .strict();
export type ChunkInput = z.output<typeof chunkInputSchema>;

/** Some rows, and where the next chunk starts (null: these were the last). */
export interface Chunk<T> {
  rows: T[];
  next: ChunkCursor | null;
}

/** One post as a whole-store check reads it: no caption or patient name, and its kept verdict. */
export interface PostCheckRow {
  id: string;
  state: PostState;
  channel: string;
  purpose: Purpose;
  testimonialId: string;
  consentId: string | null;
  publishedAt: string | null;
  publishedUrl: string | null;
  takedownRequiredAt: string | null;
  takenDownAt: string | null;
  verdict: CoverageVerdict;
}
