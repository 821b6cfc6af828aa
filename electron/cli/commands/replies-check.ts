import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, exitCodes } from '../cli-error';
import type { CliCommand } from '../command';

const name = 'replies check';

export const repliesCheckCommand: CliCommand = {
  name,
  summary: 'Check review replies, one per line (no data folder, no password): flag or pass, with the findings.',
  help: `Usage: consent-desk replies check [FILE] [--data-dir DIR]

Checks replies to online reviews before they are posted, in English or
Spanish, with the checker the app uses: names and greetings by name, family
members, dates, days and clock times, ages, anything that confirms the
reviewer is or was a patient, care and conditions, money owed, insurance,
and identifiers such as phone numbers.

Reads one reply per line from FILE, or from standard input when FILE is
missing or "-". Prints one line per reply: "flag" or "pass", a tab, and the
findings (kind and the words concerned), separated by "; ". Empty lines are
skipped. Exits 1 when any reply is flagged, 0 when all pass.

Needs no data folder and no password. Replies checked here are not kept;
the app keeps every reply it checks as evidence.

Options:
  --data-dir DIR     Read the practice's own name, phone, email, website and
                     address from this data folder (practice-contact.json,
                     written by the app), so replies giving them pass.
`,
  async run(argv, io) {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' } }, strict: true, allowPositionals: true });
    } catch (error) {
      throw new UsageError(name, error instanceof Error ? error.message.split('. ')[0]!.replace(/\.?$/, '.') : String(error));
    }
    const [file, ...extra] = parsed.positionals;
    if (extra.length) throw new UsageError(name, `Unexpected argument '${extra[0]}'.`);
    const dataDir = parsed.values['data-dir'];
    const [{ checkReviewReply, replyConcernLabels }, { readPracticeContactFile }] = await Promise.all([
      import('../../../shared/posts/review-reply'),
      import('../../backend/practice-contact-file'),
    ]);
    let practice: ReturnType<typeof readPracticeContactFile> = null;
    if (dataDir !== undefined) {
      practice = readPracticeContactFile(path.resolve(dataDir));
      if (!practice) throw new UsageError(name, `No practice details in ${dataDir}: open the store there once with the app or another command (it writes practice-contact.json).`);
    }
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
    let flagged = 0;
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() === '') continue;
      const check = checkReviewReply(line, practice ? { practiceName: practice.practiceName, contact: practice.contact } : {});
      if (!check.safe) flagged += 1;
      const findings = check.concerns.map((c) => `${replyConcernLabels[c.kind]}: “${c.text.replace(/\s+/g, ' ')}”`).join('; ');
      io.out(`${check.safe ? 'pass' : 'flag'}\t${findings}\n`);
    }
    return flagged === 0 ? exitCodes.ok : exitCodes.checkFailed;
  },
};
