import type { CoverageVerdict } from '../../../shared/posts/coverage';
import type { PostView } from '../../../shared/posts/dashboard';
import type { PostState } from '../../../shared/posts/post';
import { signIn, signInFieldNames, withBackend } from '../backend-session';
import { commonHelp, commonOptions, dataDirOption, parseOptions, requirePasswordStdin, required } from '../cli-args';
import { CliError, exitCodes } from '../cli-error';
import { readPassword } from '../cli-io';
import type { CliCommand } from '../command';

const name = 'posts check';

/**
 * States in which a post is live on its channel. "Take-down required" is a
 * published post whose consent stopped covering it (the backend moves it
 * there at the moment of revocation or expiry, and at every sign-in): it is
 * still out there until someone records that it came down.
 */
const liveStates: readonly PostState[] = ['published', 'takedown_required'];

/** One post as `posts check --json` prints it: no caption or patient name, only what the check needs. */
export interface CheckedPost {
  id: string;
  state: PostState;
  channel: string;
  purpose: PostView['purpose'];
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

export function checked(p: PostView): CheckedPost {
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
    uncoveredWhileLive: liveStates.includes(p.state) && !p.verdict.covered,
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

    const { views, timeZone } = await withBackend(dataDir, async (api) => {
      await signIn(api, user, password);
      return { views: await api['posts.list']({}), timeZone: (await api['settings.get']({})).timeZone };
    });
    const posts = views.map(checked);
    const failing = posts.filter((p) => p.uncoveredWhileLive);
    // Loaded after the backend, not at start-up: every command's start pays for what is imported at the top.
    const [{ dayOf }, words] = await Promise.all([import('../../../shared/calendar'), postWords()]);
    const asOf = dayOf(new Date(), timeZone);
    io.out(values.json ? `${JSON.stringify({ asOf, uncoveredWhileLive: failing.length, posts }, null, 2)}\n` : checkText(asOf, posts, words));
    if (failing.length === 0) return exitCodes.ok;
    throw new CliError(
      `${failing.length} live post${failing.length === 1 ? '' : 's'} without a valid, covering consent: ${failing.map((p) => p.id).join(', ')}`,
      exitCodes.checkFailed,
    );
  },
};

async function postWords() {
  const [{ channelName }, { postStateLabels }] = await Promise.all([import('../../../shared/posts/coverage'), import('../../../shared/posts/post')]);
  return { channelName, postStateLabels };
}

function checkText(asOf: string, posts: CheckedPost[], { channelName, postStateLabels }: Awaited<ReturnType<typeof postWords>>): string {
  if (posts.length === 0) return `No posts (as of ${asOf}).\n`;
  const rows = [
    ['POST', 'STATE', 'CHANNEL', 'VERDICT'],
    ...posts.map((p) => [
      p.id,
      postStateLabels[p.state],
      channelName(p.channel),
      p.verdict.covered ? 'covered' : `NOT COVERED: ${p.verdict.reasons.map((r) => r.message).join(' ')}`,
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
  const failing = posts.filter((p) => p.uncoveredWhileLive).length;
  const summary = failing
    ? `${failing} of ${posts.length} posts ${failing === 1 ? 'is' : 'are'} live without a valid, covering consent (as of ${asOf}).`
    : `${posts.length} post${posts.length === 1 ? '' : 's'} checked: none is live without a valid, covering consent (as of ${asOf}).`;
  return `${lines.join('\n')}\n\n${summary}\n`;
}
