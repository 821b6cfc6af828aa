/**
 * Exit codes of `consent-desk`, the same for every command:
 * - 0: the command did what was asked (and any check it ran passed);
 * - 1: a check ran and failed (for example a broken audit chain);
 * - 2: the command could not run: usage, sign-in or input errors, or a
 *   store that cannot be opened.
 */
export const exitCodes = { ok: 0, checkFailed: 1, cannotRun: 2 } as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** A failure the CLI reports as one line on stderr, with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = exitCodes.cannotRun,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Wrong arguments: says what is wrong and where the command's help is. */
export class UsageError extends CliError {
  constructor(command: string, problem: string) {
    super(`${problem} Run “consent-desk ${command} --help” for usage.`.trim(), exitCodes.cannotRun);
    this.name = 'UsageError';
  }
}
