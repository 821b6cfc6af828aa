import path from 'node:path';
import { contract, isCallName } from '../../shared/contract';
import type { CallResult } from '../../shared/errors';

/**
 * The file paths the desktop shell handed to the renderer: a dialog's
 * answers, and the paths the contract says a result carries
 * (`pathOutputs`). A call whose path fields (`pathInputs`) hold anything
 * else is refused, so the page never chooses where the backend reads or
 * writes: only the person at the dialog does.
 */
export class VouchedPaths {
  private readonly paths = new Set<string>();

  add(file: string): void {
    this.paths.add(path.resolve(file));
  }

  has(file: string): boolean {
    return this.paths.has(path.resolve(file));
  }

  /** The refusal for a call that names a path the shell did not hand out, or null. */
  refusalFor(name: string, input: unknown): CallResult<never> | null {
    if (!isCallName(name)) return null;
    const fields = (contract[name] as { pathInputs?: readonly string[] }).pathInputs ?? [];
    const given = (input ?? {}) as Record<string, unknown>;
    for (const field of fields) {
      const value = given[field];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string' || !this.has(value)) {
        return {
          ok: false,
          error: {
            code: 'forbidden',
            message: 'Consent Desk chooses files and folders with the system’s dialog. Use the “Choose…” button.',
            issues: [{ path: field, message: 'Choose it with the dialog.' }],
          },
        };
      }
    }
    return null;
  }

  /** Remember the paths a successful result carries, so the renderer may hand them back. */
  collect(name: string, result: CallResult<unknown>): void {
    if (!result.ok || !isCallName(name)) return;
    const pick = (contract[name] as { pathOutputs?: (output: unknown) => string[] }).pathOutputs;
    if (!pick) return;
    for (const file of pick(result.value)) this.add(file);
  }
}
