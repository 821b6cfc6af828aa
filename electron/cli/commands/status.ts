import type { StoreStatus } from '../../../shared/store-status';
import { signInFieldNames, withBackend } from '../backend-session';
import { commonHelp, commonOptions, dataDirOption, parseOptions, requirePasswordStdin, required } from '../cli-args';
import { CliError, exitCodes } from '../cli-error';
import { readPassword } from '../cli-io';
import type { CliCommand } from '../command';
import { describeChain } from '../describe-chain';

const name = 'status';

export const statusCommand: CliCommand = {
  name,
  summary: 'Schema version, cipher, record counts and the audit chain’s state.',
  help: `Usage: consent-desk status --data-dir DIR --user USER --password-stdin [--json]

Signs in (administrators only) and prints the store's schema version, cipher,
record counts and whether the audit chain is intact. When it is not, it still
prints everything, names the first bad event on stderr and exits 1.
It reads the records it reports on, not every page of the file: that is
consent-desk check, and the last line says when it last ran.

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

    // A report: it reads what it prints, not every page first (see withBackend); its last line says when `check` last did.
    const { practiceName, status } = await withBackend(
      dataDir,
      async (api) => {
        const state = await api['app.state']({});
        return { practiceName: state.practiceName, status: await api['store.status']({}) };
      },
      { pagesChecked: 'as-read', signIn: { username: user, password } },
    );
    io.out(values.json ? `${JSON.stringify({ dataDir, practiceName, ...status }, null, 2)}\n` : statusText(dataDir, practiceName, status));
    if (!status.auditChain.intact) throw new CliError(`Audit chain ${describeChain(status.auditChain)}`, exitCodes.checkFailed);
    return exitCodes.ok;
  },
};

function statusText(dataDir: string, practiceName: string | null, status: StoreStatus): string {
  const counts = Object.entries(status.counts);
  const width = Math.max(...counts.map(([table]) => table.length));
  return [
    `Store:           ${dataDir}`,
    `Practice:        ${practiceName ?? '(not set)'}`,
    `Schema version:  ${status.schemaVersion}`,
    `Cipher:          ${status.cipher}`,
    'Records:',
    ...counts.map(([table, n]) => `  ${table.padEnd(width)}  ${n}`),
    `Audit chain:     ${describeChain(status.auditChain)}`,
    `Last full check: ${status.lastCheck ? `${status.lastCheck.at}: ${status.lastCheck.ok ? 'no problems' : `${status.lastCheck.problems.length} problem(s): ${status.lastCheck.problems[0]}`}` : 'never (run consent-desk check)'}`,
    '',
  ].join('\n');
}
