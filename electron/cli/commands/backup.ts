import path from 'node:path';
import { signInFieldNames, withBackend } from '../backend-session';
import { commonHelp, commonOptions, dataDirOption, parseOptions, requirePasswordStdin, required } from '../cli-args';
import { UsageError, exitCodes } from '../cli-error';
import { readPassword } from '../cli-io';
import type { CliCommand } from '../command';

const name = 'backup';

export const backupCommand: CliCommand = {
  name,
  summary: 'Write an encrypted backup of the store (consistent even while the app runs).',
  help: `Usage: consent-desk backup --data-dir DIR --user USER --password-stdin --out FILE

Signs in (administrators only) and writes one backup file: a consistent copy
of the database, encrypted with the store's data key like the live file,
with the key slots of this moment (so a password valid today, or the
recovery key, opens it after later key changes). It holds no plaintext.
The copy is checked before the file appears. Restore it with
"consent-desk restore".

Options:
${commonHelp.dataDir}
  --user USER        Who signs in.
${commonHelp.passwordStdin}
  --out FILE         The new backup (.cdbackup); an existing file is never replaced.
`,
  fieldNames: { ...signInFieldNames, destinationPath: '--out' },
  async run(argv, io) {
    const values = parseOptions(name, argv, { ...commonOptions, user: { type: 'string' }, out: { type: 'string' } });
    const dataDir = dataDirOption(name, values['data-dir']);
    const user = required(name, values.user, 'user', 'USER');
    const out = path.resolve(required(name, values.out, 'out', 'FILE'));
    if (!out.toLowerCase().endsWith('.cdbackup')) throw new UsageError(name, '--out must name a .cdbackup file.');
    requirePasswordStdin(name, values['password-stdin']);
    const password = await readPassword(io);
    const info = await withBackend(dataDir, async (api) => {
      return api['backups.create']({ destinationPath: out });
    }, { signIn: { username: user, password } });
    io.out(
      [
        `Backup written: ${info.filePath}`,
        `  ${info.bytes} bytes; database SHA-256 ${info.databaseSha256}`,
        `  schema ${info.schemaVersion}; audit events up to ${info.auditHeadSeq}; made ${info.createdAt}`,
        '',
      ].join('\n'),
    );
    return exitCodes.ok;
  },
};
