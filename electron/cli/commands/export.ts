import path from 'node:path';
import type { ExportJob } from '../../../shared/compliance/audit-bundle';
import { signInFieldNames, withBackend } from '../backend-session';
import { commonHelp, commonOptions, dataDirOption, parseOptions, requirePasswordStdin, required } from '../cli-args';
import { CliError, UsageError, exitCodes } from '../cli-error';
import { readPassword } from '../cli-io';
import type { CliCommand } from '../command';

const name = 'export';

export const exportCommand: CliCommand = {
  name,
  summary: 'Write an audit bundle (zip) of a date range, for an auditor.',
  help: `Usage: consent-desk export --data-dir DIR --user USER --password-stdin --from DATE --to DATE --out FILE
                           [--patient ID]... [--status STATUS]... [--include-names]

Signs in (administrators only) and writes one zip: the signed authorization
PDFs and revocation acknowledgments of the range, consents.csv, posts.csv,
the audit trail of the range (audit-log.jsonl), and manifest.json with the
SHA-256 of every file, signed by the practice certificate. The file appears
only when complete. Check it with "consent-desk verify-bundle FILE".

An authorization is included when it was signed, revoked or ended by its
expiration event between --from and --to (both days included).

Options:
${commonHelp.dataDir}
  --user USER        Who signs in.
${commonHelp.passwordStdin}
  --from DATE        First day of the range (YYYY-MM-DD).
  --to DATE          Last day of the range (YYYY-MM-DD).
  --out FILE         The new bundle (.zip); an existing file is never replaced.
  --patient ID       Only this patient (repeat for several).
  --status STATUS    Only authorizations with this status today: awaiting_witness,
                     active, expiring_soon, expired, revoked (repeatable).
  --include-names    Patient names in file names and spreadsheets (ids only otherwise).
`,
  fieldNames: { ...signInFieldNames, from: '--from', to: '--to', destinationPath: '--out', patientIds: '--patient', states: '--status' },
  async run(argv, io) {
    const values = parseOptions(name, argv, {
      ...commonOptions,
      user: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      patient: { type: 'string', multiple: true },
      status: { type: 'string', multiple: true },
      'include-names': { type: 'boolean' },
    });
    const dataDir = dataDirOption(name, values['data-dir']);
    const user = required(name, values.user, 'user', 'USER');
    const from = required(name, values.from, 'from', 'DATE');
    const to = required(name, values.to, 'to', 'DATE');
    const out = path.resolve(required(name, values.out, 'out', 'FILE'));
    if (!out.toLowerCase().endsWith('.zip')) throw new UsageError(name, '--out must name a .zip file.');
    requirePasswordStdin(name, values['password-stdin']);
    const password = await readPassword(io);

    const job = await withBackend(dataDir, async (api) => {
      let current = await api['exports.start']({
        from,
        to,
        destinationPath: out,
        includeNames: values['include-names'] ?? false,
        ...(values.patient ? { patientIds: values.patient } : {}),
        ...(values.status ? { states: values.status as never } : {}),
      });
      // Ctrl-C cancels: the partial file is removed before the command ends.
      let interrupted = false;
      const onInterrupt = () => {
        interrupted = true;
      };
      process.once('SIGINT', onInterrupt);
      try {
        const started = Date.now();
        while (current.state === 'running') {
          // Polled at 2% of the time spent so far (5 to 100 ms): a short export ends soon after its bundle
          // does, without a long one calling many more times than before.
          await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(5, (Date.now() - started) / 50))));
          current = interrupted ? await api['exports.cancel']({ id: current.id }) : await api['exports.progress']({ id: current.id });
        }
      } finally {
        process.off('SIGINT', onInterrupt);
      }
      return current;
    }, { signIn: { username: user, password }, preload: () => import('../../backend/export/export-jobs') });
    return report(job, io.out);
  },
};

function report(job: ExportJob, out: (text: string) => void) {
  if (job.state === 'cancelled') throw new CliError('Export cancelled; no file was written.');
  if (job.state !== 'done') throw new CliError(`Export failed: ${job.error ?? 'unknown error'}`);
  const c = job.counts;
  out(
    [
      `Bundle written: ${job.filePath}`,
      `  ${job.total} files, ${job.bytes} bytes; SHA-256 ${job.sha256}`,
      `  ${c.authorizations} authorizations, ${c.revocations} revocations, ${c.posts} posts, ${c.auditEvents} audit events`,
      '',
    ].join('\n'),
  );
  return exitCodes.ok;
}
