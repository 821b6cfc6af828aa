import { assertNoStore } from '../setup-guard';
import { withBackend } from '../backend-session';
import { commonHelp, commonOptions, dataDirOption, parseOptions, requirePasswordStdin, required } from '../cli-args';
import { exitCodes } from '../cli-error';
import { readPassword } from '../cli-io';
import type { CliCommand } from '../command';
import { recoveryKeyNotice } from '../recovery-key-notice';

const name = 'init';

export const initCommand: CliCommand = {
  name,
  summary: 'Create a new store with its first administrator; prints the recovery key.',
  help: `Usage: consent-desk init --data-dir DIR --practice NAME --admin USER [--name "Display Name"] --password-stdin

Creates a new encrypted store, the practice and its first administrator (the
privacy officer), whose password is read from standard input. Prints the
recovery key once: store it safely.

Options:
${commonHelp.dataDir}
  --practice NAME    The practice's name.
  --admin USER       The administrator's username.
  --name NAME        The administrator's display name (default: "Administrator").
${commonHelp.passwordStdin}

Example:
  printf '%s' "$ADMIN_PASSWORD" | consent-desk init --data-dir ./data \\
      --practice "Riverside Physical Therapy" --admin admin --password-stdin
`,
  fieldNames: {
    practiceName: '--practice',
    adminUsername: '--admin',
    adminDisplayName: '--name',
    password: 'the password (standard input)',
  },
  async run(argv, io) {
    const values = parseOptions(name, argv, {
      ...commonOptions,
      practice: { type: 'string' },
      admin: { type: 'string' },
      name: { type: 'string' },
    });
    const dataDir = dataDirOption(name, values['data-dir']);
    const practiceName = required(name, values.practice, 'practice', 'NAME');
    const adminUsername = required(name, values.admin, 'admin', 'USER');
    requirePasswordStdin(name, values['password-stdin']);
    const password = await readPassword(io);

    const recoveryKey = await withBackend(dataDir, async (api) => {
      await assertNoStore(api, dataDir);
      const setup = await api['setup.create']({
        practiceName,
        adminUsername,
        adminDisplayName: values.name ?? 'Administrator',
        password,
      });
      return setup.recoveryKey;
    });
    io.out(`Created the Consent Desk store for ${practiceName} in ${dataDir}.\n`);
    io.out(`Administrator: ${adminUsername.trim().toLowerCase()}\n`);
    io.out(recoveryKeyNotice(recoveryKey));
    return exitCodes.ok;
  },
};
