import type { ProgramStatus } from '../../../shared/program/program-status';
import { signInFieldNames, withBackend } from '../backend-session';
import { commonHelp, commonOptions, dataDirOption, parseOptions, requirePasswordStdin, required } from '../cli-args';
import { CliError, exitCodes } from '../cli-error';
import { readPassword } from '../cli-io';
import type { CliCommand } from '../command';

const name = 'program status';

export const programStatusCommand: CliCommand = {
  name,
  summary: 'The compliance program today: policy acknowledgments, training, reviews, open incidents; exit 1 when anything is overdue.',
  help: `Usage: consent-desk program status --data-dir DIR --user USER --password-stdin [--json]

Signs in (administrators only) and prints where the practice's social-media
compliance program stands today: the policy in force and each active staff
member's acknowledgment of it, their training by the practice's cycle, each
channel's scheduled reviews of live posts (done, due, missed), and incidents
still open, with their 60-day deadline.

Exits 1 when anything is overdue: no policy published, an acknowledgment
missing or more than a year old, training past its due day, a review
period missed, a channel with live posts and no review schedule, or an
incident past a deadline (the individual notice, the media notice for 500
or more residents of a state, the notice to HHS). Exits 0 otherwise.

Options:
${commonHelp.dataDir}
  --user USER        Who signs in.
${commonHelp.passwordStdin}
  --json             Print the status as one JSON object: {"asOf", "policy",
                     "staff", "reviews", "incidents", "problems", "overdue", ...}.
`,
  fieldNames: signInFieldNames,
  async run(argv, io) {
    const values = parseOptions(name, argv, { ...commonOptions, user: { type: 'string' }, json: { type: 'boolean' } });
    const dataDir = dataDirOption(name, values['data-dir']);
    const user = required(name, values.user, 'user', 'USER');
    requirePasswordStdin(name, values['password-stdin']);
    const password = await readPassword(io);

    const status = await withBackend(dataDir, async (api) => {
      return api['program.status']({});
    }, { signIn: { username: user, password } });
    io.out(values.json ? `${JSON.stringify(status, null, 2)}\n` : await statusText(status));
    if (!status.overdue) return exitCodes.ok;
    throw new CliError(`${status.problems.length} overdue item${status.problems.length === 1 ? '' : 's'} in the compliance program.`, exitCodes.checkFailed);
  },
};

async function statusText(s: ProgramStatus): Promise<string> {
  // Loaded after the backend, not at start-up.
  const [{ acknowledgmentStateLabels }, { trainingStateLabels }, { periodStateLabels, reviewFrequencyLabels }, { channelName }, { incidentTriggerLabels }] = await Promise.all([
    import('../../../shared/program/acknowledgment'),
    import('../../../shared/program/training'),
    import('../../../shared/program/review-schedule'),
    import('../../../shared/posts/coverage'),
    import('../../../shared/program/incident'),
  ]);
  const lines = [`Compliance program as of ${s.asOf}`, ''];
  lines.push(s.policy.version === null ? 'Policy: none published' : `Policy: version ${s.policy.version}, in force since ${s.policy.publishedOn}`);
  lines.push(`Training cycle: every ${s.trainingCycleMonths} months`, '', 'Staff:');
  const width = Math.max(0, ...s.staff.map((p) => p.username.length));
  for (const p of s.staff) {
    const ack = `${acknowledgmentStateLabels[p.acknowledgment.state]}${p.acknowledgment.acknowledgedOn ? ` (${p.acknowledgment.acknowledgedOn})` : ''}`;
    lines.push(`  ${p.username.padEnd(width)}  policy: ${ack}; training: ${trainingStateLabels[p.training.state]} (due ${p.training.dueOn})`);
  }
  lines.push('', 'Reviews of live posts:');
  if (s.reviews.length === 0) lines.push('  no channel is scheduled');
  for (const r of s.reviews) {
    const current = r.current ? `; current period ${r.current.start} to ${r.current.end}: ${periodStateLabels[r.current.state]}` : '';
    lines.push(`  ${channelName(r.channel)}: ${r.active ? reviewFrequencyLabels[r.frequency].toLowerCase() : 'stopped'}, ${r.assigneeName}${current}; missed ${r.missed.length}`);
  }
  lines.push('', 'Incidents open or with a notice due:');
  if (s.incidents.length === 0) lines.push('  none');
  for (const i of s.incidents) {
    lines.push(`  ${i.id}  ${incidentTriggerLabels[i.trigger]}; discovered ${i.discoveredOn}; notice due by ${i.clock.deadlines.individualBy} (${i.clock.daysLeft} days left)`);
  }
  lines.push('');
  lines.push(s.problems.length ? `Overdue (${s.problems.length}):` : 'Nothing is overdue.');
  for (const problem of s.problems) lines.push(`  - ${problem}`);
  return `${lines.join('\n')}\n`;
}
