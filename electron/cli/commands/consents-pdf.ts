import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { signInFieldNames, withBackend } from '../backend-session';
import { commonHelp, commonOptions, dataDirOption, parseWithPositionals, requirePasswordStdin, required } from '../cli-args';
import { CliError, exitCodes } from '../cli-error';
import { readPassword } from '../cli-io';
import type { CliCommand } from '../command';

const name = 'consents pdf';

export const consentsPdfCommand: CliCommand = {
  name,
  summary: 'Write an authorization’s signed PDF, byte for byte as stored.',
  help: `Usage: consent-desk consents pdf ID --out FILE --data-dir DIR --user USER --password-stdin [--force]

Signs in (administrators and front desk) and writes the signed PDF of the
final authorization ID (see "consent-desk consents list") to FILE, exactly as
it was stored when the witness confirmed it: its SHA-256 matches the one the
list shows, and its digital signature still verifies (pdfsig). The export is
recorded in the audit trail. FILE holds health information: it is created
readable by you only, and an existing file is not replaced without --force.

Options:
  ID                 The authorization's id.
  --out FILE         Where to write the PDF.
  --force            Replace FILE if it exists.
${commonHelp.dataDir}
  --user USER        Who signs in.
${commonHelp.passwordStdin}
`,
  fieldNames: { ...signInFieldNames, id: 'ID' },
  async run(argv, io) {
    const { values, positionals } = parseWithPositionals(
      name,
      argv,
      { ...commonOptions, user: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
      ['ID'],
    );
    const id = positionals[0]!;
    const dataDir = dataDirOption(name, values['data-dir']);
    const user = required(name, values.user, 'user', 'USER');
    const out = path.resolve(required(name, values.out, 'out', 'FILE'));
    requirePasswordStdin(name, values['password-stdin']);
    if (!values.force && fs.existsSync(out)) throw new CliError(`${out} already exists; use --force to replace it.`);
    if (!fs.existsSync(path.dirname(out))) throw new CliError(`The folder ${path.dirname(out)} does not exist.`);
    const password = await readPassword(io);

    const file = await withBackend(dataDir, async (api) => {
      return api['consents.pdf']({ id });
    }, { signIn: { username: user, password } });
    const bytes = Buffer.from(file.base64, 'base64');
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== file.sha256) throw new CliError(`The PDF arrived damaged (SHA-256 ${sha256}, expected ${file.sha256}); nothing was written.`);
    writePrivateFile(out, bytes, values.force ?? false);
    io.out(`Wrote ${out} (${bytes.length.toLocaleString('en-US')} bytes, SHA-256 ${sha256}).\n`);
    return exitCodes.ok;
  },
};

/** Write beside the target and rename, so FILE is either the whole PDF or untouched; mode 0600. */
function writePrivateFile(target: string, bytes: Buffer, replace: boolean): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  fs.writeFileSync(temp, bytes, { mode: 0o600, flag: 'wx' });
  try {
    if (!replace && fs.existsSync(target)) throw new CliError(`${target} already exists; use --force to replace it.`);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
