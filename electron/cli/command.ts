import type { CliIo } from './cli-io';
import type { ExitCode } from './cli-error';

/** One `consent-desk` command; each lives in its own file under commands/. */
export interface CliCommand {
  /** The words that select it, e.g. "audit verify". */
  name: string;
  /** One line for the overview in `consent-desk --help`. */
  summary: string;
  /** The full text of `consent-desk <name> --help`. */
  help: string;
  /**
   * How the backend's input fields are named on this command line, so that
   * a validation error names the option to fix (e.g. adminUsername → --admin).
   */
  fieldNames?: Record<string, string>;
  /** Run with the arguments after the command's name. */
  run(argv: string[], io: CliIo): Promise<ExitCode>;
}
