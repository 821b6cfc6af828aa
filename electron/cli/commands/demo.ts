import { assertNoStore } from '../setup-guard';
import { withBackend } from '../backend-session';
import { commonHelp, commonOptions, dataDirOption, parseOptions, requirePasswordStdin } from '../cli-args';
import { exitCodes } from '../cli-error';
import { readPassword } from '../cli-io';
import type { CliCommand } from '../command';
import { demoPracticeName, seedDemoStore } from '../demo-data';
import { recoveryKeyNotice } from '../recovery-key-notice';

const name = 'demo';

export const demoCommand: CliCommand = {
  name,
  summary: 'Create a new store full of fictional demo data to try the app.',
  help: `Usage: consent-desk demo --data-dir DIR --password-stdin

Creates a new store for the fictional "${demoPracticeName}" with staff
accounts admin (administrator), frontdesk (front desk) and marketing
(marketing), plus a few more, all with the password read from standard input.
Every record is invented. The folder must not hold a store yet.

Options:
${commonHelp.dataDir}
${commonHelp.passwordStdin}

Example:
  printf '%s' 'demo password 1' | consent-desk demo --data-dir ./demo-data --password-stdin
  npm run web -- --data-dir ./demo-data
`,
  fieldNames: { password: 'the password (standard input)' },
  async run(argv, io) {
    const values = parseOptions(name, argv, commonOptions);
    const dataDir = dataDirOption(name, values['data-dir']);
    requirePasswordStdin(name, values['password-stdin']);
    const password = await readPassword(io);

    const { recoveryKey, report } = await withBackend(dataDir, async (api) => {
      await assertNoStore(api, dataDir);
      return seedDemoStore(api, password);
    });
    io.out(`Created a demo store for ${demoPracticeName} (fictional) in ${dataDir}.\n`);
    io.out(`${report.join('\n')}\n`);
    io.out(recoveryKeyNotice(recoveryKey));
    return exitCodes.ok;
  },
};
