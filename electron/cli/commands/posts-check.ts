import type { CoverageVerdict } from '../../../shared/posts/coverage';
import type { PostState } from '../../../shared/posts/post';
import { livePostStates } from '../../../shared/posts/live-states';
import type { ChunkCursor, PostCheckRow } from '../../../shared/store-chunks';
import { signInFieldNames, withBackend } from '../backend-session';
import { commonHelp, commonOptions, dataDirOption, parseOptions, requirePasswordStdin, required } from '../cli-args';
import { CliError, exitCodes } from '../cli-error';
import { readPassword, writeOut } from '../cli-io';
import { JsonArrayWriter } from '../json-stream';
import { everyRow, walkChunkSize, writeAlignedTable } from '../store-walk';
import type { CliCommand } from '../command';

const name = 'posts check';
/** Ids of live posts without cover named in the error message; the rest are counted. */
export const idsInMessage = 20;

/** One post as `posts check --json` prints it: no caption or patient name, only what the check needs. */
export interface CheckedPost {
  id: string;
  state: PostState;
  channel: string;
  purpose: PostCheckRow['purpose'];
  testimonialId: string;
  consentId: string | null;
  publishedAt: string | null;
  publishedUrl: string | null;
  takedownRequiredAt: string | null;
  takenDownAt: string | null;
  verdict: CoverageVerdict;
  /** Live on its channel without a valid, covering consent: what makes the command exit 1. */
  uncoveredWhileLive: boolean;
}

/** The error of a check that found `count` live posts without cover, naming the first of them (`firstIds`). */
export function liveWithoutCoverMessage(count: number, firstIds: readonly string[]): string {
  const more = count - firstIds.length;
  return `${count} live post${count === 1 ? '' : 's'} without a valid, covering consent: ${firstIds.join(', ')}${more > 0 ? ` and ${more} more (--json lists every one)` : ''}`;
}

export function checked(p: PostCheckRow): CheckedPost {
  return {
    id: p.id,
    state: p.state,
    channel: p.channel,
    purpose: p.purpose,
    testimonialId: p.testimonialId,
    consentId: p.consentId,
    publishedAt: p.publishedAt,
    publishedUrl: p.publishedUrl,
    takedownRequiredAt: p.takedownRequiredAt,
    takenDownAt: p.takenDownAt,
    verdict: p.verdict,
    uncoveredWhileLive: livePostStates.includes(p.state) && !p.verdict.covered,
  };
}

export const postsCheckCommand: CliCommand = {
  name,
  summary: 'Every post with its state and coverage verdict; exit 1 if a live post lacks a covering consent.',
  help: `Usage: consent-desk posts check --data-dir DIR --user USER --password-stdin [--json]

Signs in (administrators and marketing) and checks every post against the
consent it relies on, as of today: signed and witnessed, not revoked, not
expired, and covering the post's content, channel, purpose and payment.
Prints each post's state and verdict, with the reasons when it is not covered.

Exits 1 when any post is live without a valid, covering consent: published,
or flagged "take-down required" (a published post whose consent was revoked
or expired) and not yet recorded as taken down. Exits 0 otherwise: drafts and
approved posts that are not covered are reported but are not live.

Options:
${commonHelp.dataDir}
  --user USER        Who signs in.
${commonHelp.passwordStdin}
  --json             Print one JSON object: {"asOf": day, "uncoveredWhileLive": n, "posts": [...]}.
`,
  fieldNames: signInFieldNames,
  async run(argv, io) {
    const values = parseOptions(name, argv, { ...commonOptions, user: { type: 'string' }, json: { type: 'boolean' } });
    const dataDir = dataDirOption(name, values['data-dir']);
    const user = required(name, values.user, 'user', 'USER');
    requirePasswordStdin(name, values['password-stdin']);
    const password = await readPassword(io);

    // Loaded with the backend, not at start-up: every command's start pays for what is imported at the top.
    const [{ dayOf }, words] = await Promise.all([import('../../../shared/calendar'), postWords()]);
    const write = (text: string) => writeOut(io, text);
    // Only the ids of failing posts are kept (for the exit message); the posts themselves are printed as they come.
    // How many are live without cover, and the first few ids for the message: a store where thousands are
    // (a practice-wide lapse) must not make the command hold them all (the JSON lists every one).
    const failing = { count: 0, firstIds: [] as string[] };
    const checkedPosts = async function* (rows: AsyncIterable<PostCheckRow>) {
      for await (const row of rows) {
        const post = checked(row);
        if (post.uncoveredWhileLive) {
          failing.count += 1;
          if (failing.firstIds.length < idsInMessage) failing.firstIds.push(post.id);
        }
        yield post;
      }
    };
    await withBackend(dataDir, async (api) => {
      const asOf = dayOf(new Date(), (await api['settings.get']({})).timeZone);
      // Each post's kept verdict, a chunk at a time from an index: memory stays flat however many posts there are.
      const read = (after: ChunkCursor | null) => api['posts.checkChunk']({ after, limit: walkChunkSize });
      if (values.json) {
        const first = await read(null);
        const json = new JsonArrayWriter(write, { asOf, uncoveredWhileLive: first.liveUncovered }, 'posts');
        for await (const post of checkedPosts(everyRow(read, first))) await json.push(post);
        await json.end();
        return;
      }
      const rows = async function* () {
        failing.count = 0;
        failing.firstIds = [];
        for await (const p of checkedPosts(everyRow(read))) {
          yield [p.id, words.postStateLabels[p.state], words.channelName(p.channel), p.verdict.covered ? 'covered' : `NOT COVERED: ${p.verdict.reasons.map((r) => r.message).join(' ')}`];
        }
      };
      const count = await writeAlignedTable(write, ['POST', 'STATE', 'CHANNEL', 'VERDICT'], rows, `No posts (as of ${asOf}).\n`);
      if (count === 0) return;
      const summary = failing.count
        ? `${failing.count} of ${count} posts ${failing.count === 1 ? 'is' : 'are'} live without a valid, covering consent (as of ${asOf}).`
        : `${count} post${count === 1 ? '' : 's'} checked: none is live without a valid, covering consent (as of ${asOf}).`;
      await write(`\n\n${summary}\n`);
    }, { signIn: { username: user, password } });
    if (failing.count === 0) return exitCodes.ok;
    throw new CliError(liveWithoutCoverMessage(failing.count, failing.firstIds), exitCodes.checkFailed);
  },
};

async function postWords() {
  const [{ channelName }, { postStateLabels }] = await Promise.all([import('../../../shared/posts/coverage'), import('../../../shared/posts/post')]);
  return { channelName, postStateLabels };
}
