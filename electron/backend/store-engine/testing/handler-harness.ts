import type { BackendCallName, CallOutput, ParsedInput } from '../../../../shared/contract';
import { contract } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { normaliseInputText } from '../../input-text';
import { validationError } from '../../validation-error';
import type { AuditEntry } from '../../audit/audit-log';
import type { StoreEngine } from '../store-engine';

/**
 * What the handlers' engines tests share (`handlers/*.engines.test.ts`):
 * calling a handler as the backend's dispatcher does, and reading the audit
 * chain's head on either engine.
 */

type HandlerTable<C, K extends BackendCallName> = { [P in K]: (core: C, input: ParsedInput<P>) => Promise<CallOutput<P>> };

/**
 * A call as the dispatcher makes it (backend.ts): the input's text brought
 * to the store's one form, then through the contract's schema (a refusal is
 * `validation`), then the handler with the test's core.
 */
export function dispatcherFor<C, K extends BackendCallName>(handlers: HandlerTable<C, K>, core: () => C) {
  return async <P extends K>(name: P, input: unknown): Promise<CallOutput<P>> => {
    const parsed = contract[name].input.safeParse(normaliseInputText(input ?? {}));
    if (!parsed.success) throw validationError(parsed.error);
    return handlers[name](core(), parsed.data as ParsedInput<P>);
  };
}

class Probe extends Error {
  constructor(readonly head: { seq: number; prevHash: string }) {
    super('probe');
  }
}

/**
 * The audit chain's head: an event appended and rolled back names the last
 * event's hash (so the whole chain before it) and the next sequence number.
 * `at` and `action` only have to be ones the chain accepts.
 */
export async function auditHeadOf(engine: StoreEngine<unknown>, probe: { at: string; action: AuditEntry['action'] }): Promise<{ seq: number; prevHash: string }> {
  try {
    await engine.write(async (tx) => {
      const e = await engine.records.audit.appendAudit(tx, { at: probe.at, actorId: null, actorName: 'probe', action: probe.action, subjectType: 'probe', subjectId: null, detail: '' });
      throw new Probe({ seq: e.seq, prevHash: e.prevHash });
    });
  } catch (error) {
    if (error instanceof Probe) return error.head;
    throw error;
  }
  throw new Error('The probe was not rolled back.');
}

/** What a test core keeps to fail a write after its work (`failingAfterWork`). */
export interface WriteFailureSwitch {
  /** Make the next write fail after its work, before it commits. */
  failNextWriteAfterWork: boolean;
  /** How many writes ran to their end (committed or not). */
  writes: number;
}

/** The engine, with a write that can be made to fail once its work is done: what it wrote must then be gone. */
export function failingAfterWork(engine: StoreEngine<unknown>, core: () => WriteFailureSwitch): StoreEngine<unknown> {
  return {
    kind: engine.kind,
    records: engine.records,
    read: (fn, options) => engine.read(fn, options),
    write: (fn, options) =>
      engine.write(async (tx) => {
        const result = await fn(tx);
        core().writes++;
        if (core().failNextWriteAfterWork) {
          core().failNextWriteAfterWork = false;
          throw new AppError('internal', 'Injected failure after the handler wrote.');
        }
        return result;
      }, options),
    close: () => engine.close(),
  };
}
