import path from 'node:path';
import { signInFieldNames } from '../backend-session';
import { commonHelp, parseOptions, requirePasswordStdin, required } from '../cli-args';
import { UsageError, exitCodes } from '../cli-error';
import { readPassword } from '../cli-io';
import type { CliCommand } from '../command';

const name = 'backup-server';

export const backupServerCommand: CliCommand = {
  name,
  summary: 'Back up a store on the practice’s PostgreSQL server into an encrypted backup file.',
  help: `Usage: consent-desk backup-server --from postgres://ROLE@HOST/DATABASE --user USER --password-stdin --to FILE

Reads the store on the server from ONE consistent snapshot and writes it as
an ordinary Consent Desk backup (the same format as the app's backups: an
encrypted copy of the store, its key slots and backup.json), checked against
that snapshot record by record before it is kept. USER's password opens the
store's key from the server's own key slots (an administrator). Nothing is
kept under FILE unless all of it was copied and checked; FILE must not exist.
Restore it into an empty database with: consent-desk migrate-store --from FILE
(the backup is checked as a restore checks it, then moved with nothing added).

Options:
  --from URL         The database, e.g. postgres://consent_desk_app@db.practice.lan/consent_desk?sslmode=verify-full
                     The password goes in PGPASSWORD or ~/.pgpass, never in the address:
                     other users of this computer can see a command's arguments.
  --user USER        An administrator of the store.
${commonHelp.passwordStdin}
  --to FILE          The backup to write (.cdbackup).
`,
  fieldNames: signInFieldNames,
  async run(argv, io) {
    const values = parseOptions(name, argv, {
      from: { type: 'string' },
      to: { type: 'string' },
      user: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    });
    const from = required(name, values.from, 'from', 'URL');
    const to = path.resolve(required(name, values.to, 'to', 'FILE'));
    const user = required(name, values.user, 'user', 'USER');
    if (!/^postgres(ql)?:\/\//i.test(from)) throw new UsageError(name, '--from must be a PostgreSQL address (postgres://…).');
    if (/^postgres(ql)?:\/\/[^@/]*:[^@/]*@/i.test(from)) {
      throw new UsageError(name, 'Put the database password in PGPASSWORD or ~/.pgpass, not in --from: other users of this computer can see a command’s arguments.');
    }
    requirePasswordStdin(name, values['password-stdin']);
    const password = await readPassword(io);

    // Loaded here, on first use, so that --help and usage errors answer at once.
    const { backupServerToFile } = await import('../../backend/store-pg/pg-backup-server');
    const { info, counts: c, check } = await backupServerToFile({ from, to, credential: { username: user.toLowerCase(), password }, onStep: (line) => io.err(`${line}\n`) });
    io.out(
      [
        `Backed up to ${info.filePath} (${info.bytes} bytes; database SHA-256 ${info.databaseSha256})`,
        `  ${c.patients} patients, ${c.authorizations} authorizations, ${c.testimonials} testimonials, ${c.media} photos and videos, ${c.posts} posts, ${c.auditEvents} audit events`,
        `  ${c.staff} staff, ${c.settings} settings, ${c.retiredDataKeys} retired data keys`,
        `  ${c.templates} wording versions, ${c.scopePresets} scope preset versions, ${c.certificates} signing certificates, ${c.patientCopies} patient copy entries`,
        `  ${c.policyVersions} policy versions, ${c.policyAcknowledgments} policy acknowledgments`,
        `  ${c.trainingSessions} training sessions with ${c.trainingMaterials} materials, ${c.quizResults} quiz results, ${c.channelReviews} channel reviews, ${c.purges} retention purges`,
        `  ${c.incidents} incidents with ${c.incidentDocuments} documents, ${c.postReviewMessages} post review messages, ${c.reviewSchedules} review schedules, ${c.replyChecks} checked replies`,
        `Checked: audit chain intact on both (${check.target.events} events, same head); every record and file identical.`,
        '',
      ].join('\n'),
    );
    return exitCodes.ok;
  },
};
