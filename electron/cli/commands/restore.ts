import os from 'node:os';
import path from 'node:path';
import { commonHelp, commonOptions, dataDirOption, parseOptions, requirePasswordStdin, required } from '../cli-args';
import { exitCodes } from '../cli-error';
import { readPassword } from '../cli-io';
import type { CliCommand } from '../command';

const name = 'restore';

export const restoreCommand: CliCommand = {
  name,
  summary: 'Replace the store with a backup, after checking it opens and its audit chain holds.',
  help: `Usage: consent-desk restore --data-dir DIR --user USER --password-stdin --from FILE

Replaces the store in DIR with the backup FILE. Close Consent Desk first.
USER and the password must open the backup as they were when it was made
(an administrator's); the current store need not open at all, which is the
point when it is lost or damaged.

Before anything changes, the backup is unpacked beside the store and checked:
its database matches its SHA-256, opens with the key, passes SQLite's
integrity check and its audit chain is intact. The current files are moved
aside, the backup takes their place, is opened and checked again and the
restore is recorded in its audit trail; only then are the previous files
deleted. If anything fails, the previous store is put back.

Options:
${commonHelp.dataDir}
  --user USER        An administrator as of the backup.
${commonHelp.passwordStdin}
  --from FILE        The backup (.cdbackup).
`,
  fieldNames: { username: '--user', password: 'the password (standard input)' },
  async run(argv, io) {
    const values = parseOptions(name, argv, { ...commonOptions, user: { type: 'string' }, from: { type: 'string' } });
    const dataDir = dataDirOption(name, values['data-dir']);
    const user = required(name, values.user, 'user', 'USER');
    const from = path.resolve(required(name, values.from, 'from', 'FILE'));
    requirePasswordStdin(name, values['password-stdin']);
    const password = await readPassword(io);

    const { commitRestore, prepareRestore } = await import('../../backend/backup/backup-file');
    const prepared = await prepareRestore(dataDir, from, { username: user.toLowerCase(), password });
    const outcome = commitRestore(prepared, dataDir, { at: new Date(), workstation: `${os.hostname()} (command line)` });
    io.out(
      [
        `Store restored in ${dataDir}`,
        `  from the backup made ${outcome.meta.createdAt} (${outcome.meta.trigger}); database SHA-256 ${outcome.meta.database.sha256}`,
        `  integrity check ok; audit chain intact (${outcome.auditEvents} events, the restore included)`,
        '',
      ].join('\n'),
    );
    return exitCodes.ok;
  },
};
