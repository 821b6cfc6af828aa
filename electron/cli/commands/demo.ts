import { assertNoStore } from '../setup-guard';
import { withBackend } from '../backend-session';
import { commonHelp, commonOptions, dataDirOption, parseOptions, requirePasswordStdin } from '../cli-args';
import { exitCodes } from '../cli-error';
import { readPassword } from '../cli-io';
import type { CliCommand } from '../command';
import { demoPracticeName } from '../demo/demo-practice';
import { recoveryKeyNotice } from '../recovery-key-notice';

const name = 'demo';

export const demoCommand: CliCommand = {
  name,
  summary: 'Create a new store full of fictional demo data to try the app.',
  help: `Usage: consent-desk demo --data-dir DIR --password-stdin

Creates a new store for the fictional "${demoPracticeName}" with staff
accounts admin (administrator), frontdesk (front desk) and marketing
(marketing), plus a few more, all with the password read from standard input.
Then it plays out about a year of the practice's work: patients (some
Spanish-speaking, one a minor whose mother signs for her), signed
authorizations in every state (active, expiring soon, expired, revoked with
its acknowledgment, one ending on an event, a draft), testimonials with
photos (one with a GPS position that the import removes) and posts in every
state (draft, approved, published, take-down required, taken down), and the
social-media compliance program: two versions of the policy, training
sessions and quiz results, scheduled reviews of live posts (one missed), a
closed incident and an open one, so that "program status" has overdue items.
Records carry the dates they would have had: the backend runs on a clock
the demo moves forward from the first day of that history to now.
Every record is invented. The folder must not hold a store yet.

Options:
${commonHelp.dataDir}
${commonHelp.passwordStdin}

Example:
  printf '%s' 'demo password 1' | consent-desk demo --data-dir ./demo-data --password-stdin
  npm run web -- --data-dir ./demo-data
`,
  fieldNames: { password: 'the password (standard input)' },
  async run(argv, io) {
    const values = parseOptions(name, argv, commonOptions);
    const dataDir = dataDirOption(name, values['data-dir']);
    requirePasswordStdin(name, values['password-stdin']);
    const password = await readPassword(io);

    // Loaded here, not at start-up: the demo data pulls in the domain modules.
    const { newDemoClock, seedDemoStore } = await import('../demo-data');
    const clock = newDemoClock();
    const { recoveryKey, report } = await withBackend(
      dataDir,
      async (api) => {
        await assertNoStore(api, dataDir);
        return seedDemoStore(api, password, clock);
      },
      { now: clock.now },
    );
    io.out(`Created a demo store for ${demoPracticeName} (fictional) in ${dataDir}.\n`);
    io.out(`${report.join('\n')}\n`);
    io.out(recoveryKeyNotice(recoveryKey));
    return exitCodes.ok;
  },
};
