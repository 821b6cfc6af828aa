import { AppError } from '../../shared/errors';
import { storageFailure } from '../backend/failure-kinds';
import { wantsHelp } from './cli-args';
import { CliError, exitCodes, type ExitCode } from './cli-error';
import type { CliIo } from './cli-io';
import type { CliCommand } from './command';
import { auditVerifyCommand } from './commands/audit-verify';
import { consentsListCommand } from './commands/consents-list';
import { consentsPdfCommand } from './commands/consents-pdf';
import { demoCommand } from './commands/demo';
import { initCommand } from './commands/init';
import { postsCheckCommand } from './commands/posts-check';
import { statusCommand } from './commands/status';
import { exportCommand } from './commands/export';
import { verifyBundleCommand } from './commands/verify-bundle';
import { checkAuthorizationCommand } from './commands/check-authorization';
import { backupCommand } from './commands/backup';
import { restoreCommand } from './commands/restore';
import { purgeCommand } from './commands/purge';
import { checkCommand } from './commands/check';
import { acceptRollbackCommand } from './commands/accept-rollback';
import { repliesCheckCommand } from './commands/replies-check';
import { programStatusCommand } from './commands/program-status';
import { migrateStoreCommand } from './commands/migrate-store';
import { backupServerCommand } from './commands/backup-server';

export const commands: readonly CliCommand[] = [
  initCommand,
  statusCommand,
  auditVerifyCommand,
  consentsListCommand,
  consentsPdfCommand,
  postsCheckCommand,
  demoCommand,
  exportCommand,
  verifyBundleCommand,
  checkAuthorizationCommand,
  backupCommand,
  restoreCommand,
  purgeCommand,
  checkCommand,
  acceptRollbackCommand,
  repliesCheckCommand,
  programStatusCommand,
  migrateStoreCommand,
  backupServerCommand,
];

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Usage: consent-desk <command> [options]

Consent Desk from the command line, for administrators and automation. Every
command signs in (or sets up) through the same backend as the app, so roles
and the audit trail apply. Passwords are read from standard input only.

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "consent-desk <command> --help" for a command's options.

Exit codes: 0 done; 1 a check failed; 2 the command could not run (usage,
sign-in or input error, or a store that cannot be opened).
`;
}

/** The command `argv` names (longest match first), and the arguments after its name. */
function findCommand(argv: readonly string[]): { command: CliCommand; rest: string[] } | undefined {
  const byLength = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of byLength) {
    const words = command.name.split(' ');
    if (words.every((word, i) => argv[i] === word)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}

/** Run `consent-desk` with `argv` (without node and the script); never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  const [first] = argv;
  if (first === undefined) return fail(io, new CliError('Missing a command. Run “consent-desk --help” for the commands.'));
  if (first === 'help' || ((first === '--help' || first === '-h') && argv.length === 1)) {
    io.out(overview());
    return exitCodes.ok;
  }
  const found = findCommand(argv);
  if (!found) {
    const group = commands.filter((c) => c.name.startsWith(`${first} `));
    if (group.length && (argv.length === 1 || wantsHelp(argv.slice(1, 2)))) {
      if (wantsHelp(argv)) {
        io.out(group.map((c) => c.help).join('\n'));
        return exitCodes.ok;
      }
      return fail(io, new CliError(`“${first}” needs a subcommand: ${group.map((c) => c.name).join(', ')}. Run “consent-desk ${first} --help”.`));
    }
    return fail(io, new CliError(`Unknown command “${argv.join(' ')}”. Run “consent-desk --help” for the commands.`));
  }
  const { command, rest } = found;
  if (wantsHelp(rest)) {
    io.out(command.help);
    return exitCodes.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    return fail(io, error, command);
  }
}

/** Report a failure as ONE line on stderr and return its exit code. */
function fail(io: CliIo, error: unknown, command?: CliCommand): ExitCode {
  const { message, exitCode } = describeFailure(error, command);
  io.err(`consent-desk: ${message.replace(/\s*[\r\n]+\s*/g, ' ').trim()}\n`);
  return exitCode;
}

function describeFailure(error: unknown, command?: CliCommand): { message: string; exitCode: ExitCode } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof AppError) {
    const issues = error.issues ?? [];
    const message = issues.length
      ? issues.map((issue) => `${command?.fieldNames?.[issue.path] ?? issue.path}: ${issue.message}`).join('; ')
      : error.message;
    return { message, exitCode: exitCodes.cannotRun };
  }
  // A full disk, a read-only folder (commands that work below the contract, such as restore, meet them raw).
  const storage = storageFailure(error, { dataDir: 'the data folder' });
  if (storage) return { message: storage.message, exitCode: exitCodes.cannotRun };
  // A bug, not a user error: say what kind without dumping data or a stack.
  const kind = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { message: `Unexpected error (${kind}).`, exitCode: exitCodes.cannotRun };
}
