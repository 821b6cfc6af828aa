import { signInFieldNames, withBackend } from '../backend-session';
import { commonHelp, commonOptions, dataDirOption, parseOptions, requirePasswordStdin, required } from '../cli-args';
import { exitCodes } from '../cli-error';
import { readPassword } from '../cli-io';
import type { CliCommand } from '../command';

const name = 'accept-rollback';

export const acceptRollbackCommand: CliCommand = {
  name,
  summary: 'Accept a store older than the one last seen (a copy put back on purpose); audited.',
  help: `Usage: consent-desk accept-rollback --data-dir DIR --user USER --password-stdin --reason TEXT

Consent Desk refuses a store whose data file (or whole folder) is older than
the one it last saw: a sync conflict, an OS snapshot or someone putting back
an old copy would otherwise bring revoked consents back to life unnoticed.
When the older copy is the right one (you restored it on purpose), an
administrator accepts it here. The acceptance is recorded in the audit
trail with what was refused and the reason, administrators are alerted, and
from then on the store opens normally.

Options:
${commonHelp.dataDir}
  --user USER        An administrator.
${commonHelp.passwordStdin}
  --reason TEXT      Why the older store is the right one (kept in the audit trail).
`,
  fieldNames: { ...signInFieldNames, reason: '--reason' },
  async run(argv, io) {
    const values = parseOptions(name, argv, { ...commonOptions, user: { type: 'string' }, reason: { type: 'string' } });
    const dataDir = dataDirOption(name, values['data-dir']);
    const user = required(name, values.user, 'user', 'USER');
    const reason = required(name, values.reason, 'reason', 'TEXT');
    requirePasswordStdin(name, values['password-stdin']);
    const password = await readPassword(io);
    await withBackend(dataDir, (api) => api['store.acceptRollback']({ username: user, password, reason }));
    io.out(`The store in ${dataDir} was accepted as it is; the acceptance is in the audit trail.\n`);
    return exitCodes.ok;
  },
};
