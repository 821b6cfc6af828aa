import { signInFieldNames, withBackend } from '../backend-session';
import { commonHelp, commonOptions, dataDirOption, parseOptions, requirePasswordStdin, required } from '../cli-args';
import { CliError, exitCodes } from '../cli-error';
import { readPassword } from '../cli-io';
import type { CliCommand } from '../command';
import { describeChain } from '../describe-chain';

const name = 'audit verify';

export const auditVerifyCommand: CliCommand = {
  name,
  summary: 'Walk the audit chain; exit 1 naming the first event that does not match.',
  help: `Usage: consent-desk audit verify --data-dir DIR --user USER --password-stdin

Signs in (administrators only) and checks every audit event against its hash
and its predecessor, and the chain's head against the newest event. Prints
"Audit chain intact: N events" and exits 0, or names the first bad event on
stderr and exits 1. The check itself is recorded in the audit trail.

Options:
${commonHelp.dataDir}
  --user USER        Who signs in.
${commonHelp.passwordStdin}
`,
  fieldNames: signInFieldNames,
  async run(argv, io) {
    const values = parseOptions(name, argv, { ...commonOptions, user: { type: 'string' } });
    const dataDir = dataDirOption(name, values['data-dir']);
    const user = required(name, values.user, 'user', 'USER');
    requirePasswordStdin(name, values['password-stdin']);
    const password = await readPassword(io);

    const chain = await withBackend(dataDir, async (api) => {
      return api['audit.verify']({});
    }, { signIn: { username: user, password } });
    if (!chain.intact) throw new CliError(`Audit chain ${describeChain(chain)}`, exitCodes.checkFailed);
    io.out(`Audit chain intact: ${chain.events} events\n`);
    return exitCodes.ok;
  },
};
