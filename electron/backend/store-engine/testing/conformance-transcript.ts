import crypto from 'node:crypto';
import type { AuditEvent } from '../../../../shared/audit';
import { AppError } from '../../../../shared/errors';
import { pgAvailable } from '../../store-pg/testing/pg-cluster';

/**
 * What the conformance suites record of each call, so both engines'
 * transcripts can be compared byte for byte: the answer as JSON with bytes
 * as their SHA-256, or an AppError as its code and words (the rest of an
 * error differs by engine).
 */
export type Entry = [string, unknown];

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

export function normalise(value: unknown): unknown {
  if (value === undefined) return '(nothing)';
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer' ? { sha256: sha256(Buffer.from((v as { data: number[] }).data)) } : v)));
}

export async function outcome<T>(work: Promise<T>): Promise<{ ok: unknown } | { error: { code: string; message: string } }> {
  try {
    return { ok: normalise(await work) };
  } catch (error) {
    if (error instanceof AppError) return { error: { code: error.code, message: error.message } };
    throw error;
  }
}

/** What a handler's call ended in, as the handler engines tests record it: its answer, or its AppError with the issues it names. */
export type HandlerOutcome = { ok: unknown } | { error: { code: string; message: string; issues?: unknown } };

/** Await a handler's call and keep its answer, or its AppError's code, words and issues; any other error is a bug and is thrown. */
export async function handlerOutcome(work: Promise<unknown>): Promise<HandlerOutcome> {
  try {
    return { ok: await work };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } };
  }
}

/** An audit event's fields both engines must agree on, its place in the chain included, in one order. */
export function chainFieldsOf({ seq, at, actorId, actorName, action, subjectType, subjectId, detail, prevHash, hash }: AuditEvent) {
  return { seq, at, actorId, actorName, action, subjectType, subjectId, detail, prevHash, hash };
}

/** The rows of every suite's describe.each: the PostgreSQL one skips, saying why, where its binaries are absent. */
export const conformanceEngines: { name: 'sqlite' | 'postgres'; skip: boolean }[] = [
  { name: 'sqlite', skip: false },
  { name: 'postgres', skip: !pgAvailable },
];
