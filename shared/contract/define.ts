import type { z } from 'zod';
import type { Permission } from '../roles';

/**
 * How a contract call is declared. `access` says who may call:
 * - `public`: no session needed (setup, sign-in, lock);
 * - `session`: any signed-in staff member;
 * - a permission from the role table.
 */
export type Access = 'public' | 'session' | Permission;

declare const outputType: unique symbol;
/** A phantom marker carrying a call's output type; it holds no value. */
export type Returns<T> = { readonly [outputType]?: T };
export function returns<T>(): Returns<T> {
  return {};
}

export interface CallSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  output: Returns<O>;
  access: Access;
  /** One line for people reading the contract (and the CLI's help). */
  summary: string;
  /**
   * Callable while the screen is handed to a patient. In patient mode the
   * backend refuses every other call, so the kiosk holds even if the
   * renderer were tricked into calling something else.
   */
  patientMode?: true;
  /**
   * Answered by the shell (Electron's main process, or the development
   * host), never by the backend: dialogs, printing, folders.
   */
  shell?: true;
  /**
   * Input fields that hold a file or folder path. The Electron shell relays
   * such a call from the renderer only when each of these paths is one the
   * shell handed out itself (a dialog's answer, or one of `pathOutputs`), so
   * a compromised page cannot make the backend read or write elsewhere.
   */
  pathInputs?: readonly string[];
  /** Paths in this call's output that the renderer may hand back in a later call. */
  pathOutputs?: (output: O) => string[];
}

export function call<I extends z.ZodType, O>(spec: CallSpec<I, O>): CallSpec<I, O> {
  return spec;
}

/** A call the shell answers (see `shell` above); its type says so, so the backend's handler table leaves it out. */
export function shellCall<I extends z.ZodType, O>(spec: Omit<CallSpec<I, O>, 'shell'>): CallSpec<I, O> & { shell: true } {
  return { ...spec, shell: true };
}
