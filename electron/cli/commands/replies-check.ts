import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { ReplyCheck } from '../../../shared/posts/review-reply';
import { signInFieldNames, withBackend } from '../backend-session';
import { commonHelp, dataDirOption } from '../cli-args';
import { UsageError, exitCodes } from '../cli-error';
import { readPassword } from '../cli-io';
import type { CliCommand } from '../command';

const name = 'replies check';

export const repliesCheckCommand: CliCommand = {
  name,
  summary: 'Check review replies, one per line: flag or pass, with the findings (no data folder needed).',
  help: `Usage: consent-desk replies check [FILE]
       consent-desk replies check FILE --data-dir DIR --user USER --password-stdin

Checks replies to online reviews before they are posted, in English or
Spanish, with the checker the app uses: names and greetings by name, family
members, dates, days and clock times, ages, anything that confirms the
reviewer is or was a patient, care and conditions, money owed, insurance,
and identifiers such as phone numbers.

Reads one reply per line from FILE, or from standard input when FILE is
missing or "-". Prints one line per reply: "flag" or "pass", a tab, and the
findings (what each is, and the words concerned), separated by "; ". Empty
lines are skipped. Exits 1 when any reply is flagged, 0 when all pass.

Without --data-dir it needs no data folder and no password, and keeps
nothing. With --data-dir it signs in to that store (the password on
standard input, so the replies come from FILE): the practice's own phone,
email, website and address from its settings then pass, and every reply
checked is kept in the store as evidence, as the app keeps it.

Options:
${commonHelp.dataDir.replace('The store', 'A store')}
  --user USER        Who signs in (with --data-dir).
${commonHelp.passwordStdin.replace('(required;', '(with --data-dir;')}
`,
  fieldNames: signInFieldNames,
  async run(argv, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        options: { 'data-dir': { type: 'string' }, user: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
        strict: true,
        allowPositionals: true,
      });
    } catch (error) {
      throw new UsageError(name, error instanceof Error ? error.message.split('. ')[0]!.replace(/\.?$/, '.') : String(error));
    }
    const [file, ...extra] = parsed.positionals;
    if (extra.length) throw new UsageError(name, `Unexpected argument '${extra[0]}'.`);
    const { values } = parsed;
    const signedIn = values['data-dir'] !== undefined;
    if (signedIn && (file === undefined || file === '-')) throw new UsageError(name, 'With --data-dir the password comes on standard input: give the replies as FILE.');
    if (signedIn && (!values.user || !values['password-stdin'])) throw new UsageError(name, 'With --data-dir, give --user USER and --password-stdin.');
    if (!signedIn && (values.user || values['password-stdin'])) throw new UsageError(name, '--user and --password-stdin go with --data-dir.');

    let text: string;
    if (file === undefined || file === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      text = Buffer.concat(chunks).toString('utf8');
    } else {
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        throw new UsageError(name, `Cannot read ${file}.`);
      }
    }
    const replies = text.split(/\r?\n/).filter((line) => line.trim() !== '');

    let checks: ReplyCheck[];
    if (signedIn) {
      const dataDir = dataDirOption(name, values['data-dir']);
      const password = await readPassword(io);
      checks = await withBackend(dataDir, async (api) => {
        const out: ReplyCheck[] = [];
        for (const reply of replies) out.push(await api['replies.check']({ text: reply }));
        return out;
      }, { signIn: { username: values.user!, password } });
    } else {
      const { checkReviewReply } = await import('../../../shared/posts/review-reply');
      checks = replies.map((reply) => checkReviewReply(reply));
    }
    const { replyConcernLabels } = await import('../../../shared/posts/review-reply');
    for (const check of checks) {
      const findings = check.concerns.map((c) => `${replyConcernLabels[c.kind]}: “${c.text.replace(/\s+/g, ' ')}”`).join('; ');
      io.out(`${check.safe ? 'pass' : 'flag'}\t${findings}\n`);
    }
    return checks.every((c) => c.safe) ? exitCodes.ok : exitCodes.checkFailed;
  },
};
