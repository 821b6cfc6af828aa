import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { channels } from '../../../shared/authorization/scope';
import { incidentOverdueMessage, incidentStepMessage, type IncidentOverdue, type IncidentStep } from '../../../shared/program/incident';
import { programProblemMessage, type ProgramProblem } from '../../../shared/program/program-status';
import { formatDay } from './format';
import { i18n } from './i18n';
import { incidentOverdueText, incidentStepText, programProblemText } from './program-problems';

const day = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
const name = fc.constantFrom('Pat Privacy', 'Mo Market', 'José Núñez');
const username = fc.constantFrom('pat', 'mo', 'jnunez');
const overdue: fc.Arbitrary<IncidentOverdue> = fc.record({ kind: fc.constantFrom('decision' as const, 'individual_notice' as const, 'media_notice' as const, 'hhs_notice' as const), day });
const steps: fc.Arbitrary<IncidentStep> = fc.oneof(
  fc.record({ kind: fc.constantFrom('assess' as const, 'decide' as const, 'produce_letter' as const, 'close' as const) }),
  fc.record({ kind: fc.constantFrom('notify_individual' as const, 'notify_media' as const, 'notify_hhs' as const, 'log_hhs_yearly' as const), day }),
);
const problems: fc.Arbitrary<ProgramProblem> = fc.oneof(
  fc.constant({ code: 'no_policy' as const }),
  fc.record({ code: fc.constant('not_acknowledged' as const), displayName: name, username, version: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ code: fc.constant('acknowledgment_stale' as const), displayName: name, username, renewBy: day }),
  fc.record({ code: fc.constant('training_overdue' as const), displayName: name, username, dueOn: day, lastTrainedOn: fc.option(day, { nil: null }) }),
  fc.record({ code: fc.constant('review_missed' as const), channel: fc.constantFrom(...channels), start: day, end: day, assigneeName: name }),
  fc.record({ code: fc.constant('no_review_schedule' as const), channel: fc.oneof(fc.constantFrom(...channels), fc.constant('Lobby screen')) }),
  fc.record({ code: fc.constant('incident_overdue' as const), incidentId: fc.constantFrom('inc_01', 'inc_7f'), overdue }),
);

/** The shared English sentence with its days as the screens show them. */
const withShownDays = (message: string) => message.replace(/\d{4}-\d{2}-\d{2}/g, (d) => formatDay(d));

afterAll(() => void i18n.changeLanguage('en'));

describe('the compliance program’s overdue items and an incident’s steps, said from their facts', () => {
  it('read in English as the shared sentence (the CLI and reports), with days as the screens show them', () => {
    void i18n.changeLanguage('en');
    fc.assert(
      fc.property(problems, overdue, steps, (p, o, s) => {
        expect(programProblemText(p)).toBe(withShownDays(programProblemMessage(p)));
        expect(incidentOverdueText(o)).toBe(withShownDays(incidentOverdueMessage(o)));
        expect(incidentStepText(s)).toBe(withShownDays(incidentStepMessage(s)));
      }),
      { numRuns: 300 },
    );
  });

  it('are Spanish in Spanish: no English sentence, no missing key, no placeholder left', () => {
    void i18n.changeLanguage('es');
    fc.assert(
      fc.property(problems, overdue, steps, (p, o, s) => {
        for (const [text, english] of [
          [programProblemText(p), programProblemMessage(p)],
          [incidentOverdueText(o), incidentOverdueMessage(o)],
          [incidentStepText(s), incidentStepMessage(s)],
        ] as const) {
          expect(text).not.toBe(withShownDays(english));
          expect(text).not.toMatch(/\{\{|programProblems\.|incidentClock\./);
          expect(text).not.toMatch(/\b(?:the|was|has|review|notice|policy|training|due|by|with)\b/i);
        }
      }),
      { numRuns: 300 },
    );
  });
});
