import { signInFieldNames, withBackend } from '../backend-session';
import { commonHelp, commonOptions, dataDirOption, parseOptions, requirePasswordStdin, required } from '../cli-args';
import { exitCodes } from '../cli-error';
import { readPassword } from '../cli-io';
import type { CliCommand } from '../command';

const name = 'purge';

export const purgeCommand: CliCommand = {
  name,
  summary: 'Delete a signed authorization whose six-year retention period is over (refused before).',
  help: `Usage: consent-desk purge --data-dir DIR --user USER --password-stdin --id AUTHORIZATION_ID

Signs in (administrators only) and deletes one signed authorization with its
revocation, through the same rule as the app: only when it is no longer in
effect and six years have passed since the later of its creation and its
last day in effect. Inside that period it is refused (and the attempt is
audited). Posts that relied on it keep their history.

Options:
${commonHelp.dataDir}
  --user USER        Who signs in.
${commonHelp.passwordStdin}
  --id ID            The authorization to purge.
`,
  fieldNames: { ...signInFieldNames, id: '--id' },
  async run(argv, io) {
    const values = parseOptions(name, argv, { ...commonOptions, user: { type: 'string' }, id: { type: 'string' } });
    const dataDir = dataDirOption(name, values['data-dir']);
    const user = required(name, values.user, 'user', 'USER');
    const id = required(name, values.id, 'id', 'AUTHORIZATION_ID');
    requirePasswordStdin(name, values['password-stdin']);
    const password = await readPassword(io);
    const result = await withBackend(dataDir, async (api) => {
      return api['retention.purge']({ id });
    }, { signIn: { username: user, password } });
    io.out(`Purged authorization ${result.authorizationId} (kept through ${result.keptThrough}); ${result.postsKept} post(s) keep their history.\n`);
    return exitCodes.ok;
  },
};
