import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultDataDir } from '../backend/data-dir';
import { UsageError } from './cli-error';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Options several commands share, with the words their help uses. */
export const commonOptions = {
  'data-dir': { type: 'string' },
  'password-stdin': { type: 'boolean' },
} as const satisfies OptionsConfig;

export const commonHelp = {
  dataDir: `  --data-dir DIR     The store's folder (default: ${defaultDataDir()}).`,
  passwordStdin: '  --password-stdin   Read the password from standard input (required; never give it as an argument).',
};

/** True when the arguments ask for help (`--help` or `-h` anywhere). */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** Parse a command's options strictly: unknown options and stray words are usage errors. */
export function parseOptions<O extends OptionsConfig>(command: string, argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(command, describeParseError(error));
  }
}

/**
 * Parse a command that takes positional arguments (such as an id), named in
 * `names` in order: each is required, and more than that is a usage error.
 */
export function parseWithPositionals<O extends OptionsConfig>(command: string, argv: string[], options: O, names: readonly string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(command, describeParseError(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length < names.length) throw new UsageError(command, `Missing ${names[positionals.length]}.`);
  if (positionals.length > names.length) throw new UsageError(command, `Unexpected argument '${positionals[names.length]}'.`);
  return { values, positionals };
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${message.split('. ')[0]}.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Unexpected argument ${message.match(/'[^']*'/)?.[0] ?? ''}.`.replace(' .', '.');
    default:
      return message.replace(/\s+/g, ' ').replace(/([^.!?])$/, '$1.');
  }
}

/** The value of a required option, or a usage error naming it. */
export function required(command: string, value: string | undefined, option: string, meaning: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(command, `Missing --${option} ${meaning}.`);
  return value;
}

/** `--password-stdin` must be given: passwords never travel in argv, where other users can read them. */
export function requirePasswordStdin(command: string, given: boolean | undefined): void {
  if (!given) {
    throw new UsageError(command, 'Missing --password-stdin: pipe the password on standard input.');
  }
}

/** The data folder: `--data-dir`, or the one the desktop app uses. */
export function dataDirOption(command: string, value: string | undefined): string {
  if (value === undefined) return defaultDataDir();
  if (value.trim() === '') throw new UsageError(command, '--data-dir is empty.');
  return path.resolve(value);
}
