import type { StoreCheck } from '../../../shared/store-status';
import { AppError } from '../../../shared/errors';
import { signInFieldNames, withBackend } from '../backend-session';
import { commonHelp, commonOptions, dataDirOption, parseOptions, requirePasswordStdin, required } from '../cli-args';
import { exitCodes } from '../cli-error';
import { readPassword } from '../cli-io';
import type { CliCommand } from '../command';

const name = 'check';

export const checkCommand: CliCommand = {
  name,
  summary: 'Full check of the store: every page, the audit chain, every PDF, the key file, rollback.',
  help: `Usage: consent-desk check --data-dir DIR --user USER --password-stdin [--json]

Signs in (administrators only) and checks the whole store: SQLite's full
integrity check of every page, the audit chain, every stored PDF and media
file against its recorded SHA-256, the key file against the staff list (a
slot for everyone active, none for anyone disabled, the recovery slot), and
that the store is not older than the one last seen here (rollback).
Prints what was checked and exits 0, or prints one line per problem and
exits 1. The result is recorded (status shows the last full check).

When the store cannot be opened (a damaged page, an older copy put back),
the check runs straight on the files and still names the problem.

Options:
${commonHelp.dataDir}
  --user USER        Who signs in.
${commonHelp.passwordStdin}
  --json             Print one JSON object instead of text.
`,
  fieldNames: signInFieldNames,
  async run(argv, io) {
    const values = parseOptions(name, argv, { ...commonOptions, user: { type: 'string' }, json: { type: 'boolean' } });
    const dataDir = dataDirOption(name, values['data-dir']);
    const user = required(name, values.user, 'user', 'USER');
    requirePasswordStdin(name, values['password-stdin']);
    const password = await readPassword(io);

    let check: StoreCheck;
    try {
      check = await withBackend(dataDir, async (api) => {
        return api['store.check']({});
      }, { signIn: { username: user, password } });
    } catch (error) {
      if (!(error instanceof AppError) || (error.code !== 'store_damaged' && error.code !== 'store_rolled_back')) throw error;
      const [{ checkStoreFiles }, { storePaths }] = await Promise.all([import('../../backend/store/store-check'), import('../../backend/data-dir')]);
      check = await checkStoreFiles(storePaths(dataDir), { username: user.toLowerCase(), password }, new Date());
      if (error.code === 'store_rolled_back' && !check.problems.some((p) => p.startsWith('rollback:'))) check.problems.unshift(`rollback: ${error.message}`);
      check.ok = check.problems.length === 0;
    }
    if (values.json) io.out(`${JSON.stringify({ dataDir, ...check }, null, 2)}\n`);
    else {
      const c = check.checked;
      io.out(
        [
          `Store:          ${dataDir}`,
          `Pages:          ${c.pages ? 'every page read, integrity ok' : 'problems (below)'}`,
          `Audit chain:    ${c.auditEvents} events read`,
          `Stored files:   ${c.storedFiles} checked against their SHA-256`,
          `Key slots:      ${c.keySlots}`,
          check.ok ? 'Result:         no problems found' : `Result:         ${check.problems.length} problem(s)`,
          '',
        ].join('\n'),
      );
    }
    if (check.ok) return exitCodes.ok;
    for (const problem of check.problems) io.err(`consent-desk: ${problem}\n`);
    return exitCodes.checkFailed;
  },
};
