import path from 'node:path';
import { signInFieldNames } from '../backend-session';
import { commonHelp, parseOptions, requirePasswordStdin, required } from '../cli-args';
import { CliError, UsageError, exitCodes } from '../cli-error';
import { readPassword } from '../cli-io';
import type { CliCommand } from '../command';

const name = 'migrate-store';
const defaultAppRole = 'consent_desk_app';

export const migrateStoreCommand: CliCommand = {
  name,
  summary: 'Move this computer’s store to the practice’s PostgreSQL server, then check the copy.',
  help: `Usage: consent-desk migrate-store --from DIR --to postgres://OWNER@HOST/DATABASE --user USER --password-stdin [--app-role ROLE]

Opens the store in DIR with an administrator's password, checks its audit
chain, and copies its patients, authorizations (with every PDF, signature and
scan), testimonials with their photos, posts with their coverage verdicts
and the whole audit chain into an EMPTY PostgreSQL database, sealing every
patient detail with the practice's data key before it is sent. The schema
and the copy are ONE transaction: if anything fails or the command is
stopped, the database is left as it was and the command can be run again.
Then the copy is checked against the store: the same audit head, the same
records byte for byte, the same file hashes. The store in DIR is only read,
and kept locked while it is copied (close Consent Desk on this computer
first). Staff, key slots, templates and settings stay on this computer for now.

Restoring a server store from its backup (consent-desk backup-server) is the
same move with --from naming the backup file: it is unpacked and checked as
consent-desk restore checks a backup, then moved with nothing added to it.

Options:
  --from DIR         The store's folder, or a backup file (.cdbackup).
  --to URL           The database, as its owner (the account that may create tables), e.g.
                     postgres://consent_desk_owner@db.practice.lan/consent_desk?sslmode=verify-full
                     The password goes in PGPASSWORD or ~/.pgpass, never in the address:
                     other users of this computer can see a command's arguments.
  --app-role ROLE    The database role the workstations will use; it must exist and gets
                     only the rights the app needs (default: ${defaultAppRole}).
  --user USER        Who signs in to the store (an administrator).
${commonHelp.passwordStdin}
`,
  fieldNames: signInFieldNames,
  async run(argv, io) {
    const values = parseOptions(name, argv, {
      from: { type: 'string' },
      to: { type: 'string' },
      'app-role': { type: 'string' },
      user: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    });
    const from = path.resolve(required(name, values.from, 'from', 'DIR'));
    const to = required(name, values.to, 'to', 'URL');
    const appRole = values['app-role'] ?? defaultAppRole;
    const user = required(name, values.user, 'user', 'USER');
    if (!/^postgres(ql)?:\/\//i.test(to)) throw new UsageError(name, '--to must be a PostgreSQL address (postgres://…).');
    if (/^postgres(ql)?:\/\/[^@/]*:[^@/]*@/i.test(to)) {
      throw new UsageError(name, 'Put the database password in PGPASSWORD or ~/.pgpass, not in --to: other users of this computer can see a command’s arguments.');
    }
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(appRole)) throw new UsageError(name, '--app-role must be a plain role name (lowercase letters, digits and _).');
    requirePasswordStdin(name, values['password-stdin']);
    const password = await readPassword(io);

    // Loaded here, on first use, so that --help and usage errors answer at once (as withBackend does).
    const { moveStoreFromFile } = await import('../../backend/store-pg/pg-move-from-file');
    const result = await moveStoreFromFile({ from, to, appRole, credential: { username: user, password }, onStep: (line) => io.err(`${line}\n`) });
    const c = result.counts;
    io.out(
      [
        `Moved to ${result.target}:`,
        `  ${c.patients} patients, ${c.authorizations} authorizations, ${c.testimonials} testimonials, ${c.media} photos and videos, ${c.posts} posts, ${c.auditEvents} audit events`,
        `  ${c.staff} staff with ${c.keySlots} key slots, ${c.settings} settings, ${c.retiredDataKeys} retired data keys`,
        `  ${c.templates} wording versions, ${c.scopePresets} scope preset versions, ${c.certificates} signing certificates, ${c.patientCopies} patient copy entries`,
        `  ${c.policyVersions} policy versions, ${c.policyAcknowledgments} policy acknowledgments`,
        `  ${c.trainingSessions} training sessions with ${c.trainingMaterials} materials, ${c.quizResults} quiz results, ${c.channelReviews} channel reviews, ${c.purges} retention purges`,
        `  ${c.incidents} incidents with ${c.incidentDocuments} documents, ${c.postReviewMessages} post review messages, ${c.reviewSchedules} review schedules, ${c.replyChecks} checked replies`,
        '',
      ].join('\n'),
    );
    if (!result.check.ok) {
      throw new CliError(`The copy does not match the store: ${result.check.problems.join('; ')}. The store in ${from} is unchanged.`, exitCodes.checkFailed);
    }
    io.out(`Checked: audit chain intact on both (${result.check.target.events} events, same head); every record and file identical.\n`);
    return exitCodes.ok;
  },
};
