import crypto from 'node:crypto';
import type { BackendCallName, CallOutput, ParsedInput } from '../../../shared/contract';
import { can } from '../../../shared/roles';
import { AppError } from '../../../shared/errors';
import { builtInPolicy, policyProblems, policyTextIn, tidyPolicy } from '../../../shared/program/policy';
import { missedPeriods } from '../../../shared/program/review-schedule';
import { threadState } from '../../../shared/program/post-review';
import { sha256Hex } from '../consents/authorization-view';
import { auditIn, type PolicyCore } from '../engine-core';
import { staffProgramStatusesIn, trainingCycleMonthsIn } from '../program/program-queries';
import { acknowledgmentIn, scheduleViewsIn } from '../program/program-queries-engine';
import { trainingStatus } from '../../../shared/program/training';
import { signingCertificate } from './certificate-handlers';

/**
 * The social-media policy on the store engine (issue 15, switch-over step
 * 3): its versions, the draft, acknowledgments, its PDF and what the
 * signed-in person owes the program (`program.mine`). Every read and write
 * goes through `core.engine` and its `records` (the policy, training, review
 * schedules and channel reviews, incidents, post review threads, staff), and
 * each call's audit event is appended in the same transaction as what it
 * records, so a refused or failed call leaves neither.
 */

const sha256 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

type PolicyCall = 'program.mine' | 'policy.acknowledge' | 'policy.admin' | 'policy.saveDraft' | 'policy.publish' | 'policy.pdf';

/** Written against `PolicyCore`, not `BackendCore`: the same handlers run on either engine (policy-handlers.engines.test.ts). */
export type PolicyHandlers<K extends BackendCallName> = { [P in K]: (core: PolicyCore, input: ParsedInput<P>) => Promise<CallOutput<P>> };

/** The policy in force (the newest published), read in `tx`, or a refusal saying there is nothing to acknowledge. */
async function inForceIn(core: PolicyCore, tx: unknown) {
  const inForce = await core.engine.records.program.policy.policyInForce(tx, core.timeZone);
  if (!inForce) throw new AppError('not_found', 'No social-media policy is published yet: there is nothing to acknowledge.');
  return inForce;
}

const newerInForce = (version: number) => new AppError('conflict', `A newer version of the policy (version ${version}) is in force now. Read it, then acknowledge it.`);

export const policyHandlers: PolicyHandlers<PolicyCall> = {
  'program.mine': (core) =>
    core.engine.read(async (tx) => {
      const { program, programIncidents } = core.engine.records;
      const staff = core.requireSession();
      const today = core.today();
      const mine = (await staffProgramStatusesIn(core.engine.records, tx, today, core.timeZone)).find((s) => s.staffId === staff.id);
      const manages = can(staff.role, 'program.manage');
      const reviews = can(staff.role, 'channelReviews.perform')
        ? (await scheduleViewsIn(core.engine.records, tx, today))
            .filter((s) => s.active && (manages || s.assigneeId === staff.id))
            .flatMap((s) => {
              const open = [...missedPeriods(s.periods), ...s.periods.filter((p) => p.state === 'due')];
              return open.map((period) => ({ scheduleId: s.id, channel: s.channel, assigneeName: s.assigneeName, period }));
            })
        : [];
      const incidents = can(staff.role, 'incidents.manage') ? await programIncidents.incidents.listIncidents(tx, today) : null;
      const waiting = can(staff.role, 'postReviews.decide') ? [...(await programIncidents.postReviews.allThreads(tx)).values()].filter((t) => threadState(t) === 'waiting').length : null;
      return {
        practiceName: core.settings.practiceName,
        policy: await program.policy.policyInForce(tx, core.timeZone),
        acknowledgment: await acknowledgmentIn(core.engine.records, tx, staff.id, today, core.timeZone),
        training: mine?.training ?? trainingStatus({ joinedOn: today, lastTrainedOn: null, cycleMonths: await trainingCycleMonthsIn(core.engine.records, tx), today }),
        lastQuiz: mine?.lastQuiz ?? null,
        reviews,
        incidents: incidents && { open: incidents.filter((i) => i.state === 'open').length, overdue: incidents.filter((i) => i.clock.overdue.length > 0).length },
        postReviewsWaiting: waiting,
      };
    }),

  /**
   * The acknowledgment is tied to the exact words on screen: the page sends
   * the SHA-256 of the text it showed, which must be the version's text in
   * that language with the practice's name, and the person confirms with
   * their password (a wrong one counts like a failed sign-in). The version
   * is read, the password checked with no transaction open, then the write
   * checks again that the version is still the one in force (another
   * workstation may have published meanwhile: `conflict`, nothing saved).
   */
  'policy.acknowledge': async (core, { versionId, language, textSha256, password }) => {
    const staff = core.requireSession();
    const inForce = await core.engine.read((tx) => inForceIn(core, tx));
    if (inForce.id !== versionId) throw newerInForce(inForce.version);
    const expected = sha256(policyTextIn(inForce.text, language, core.settings.practiceName));
    if (expected !== textSha256) {
      throw new AppError('conflict', 'The policy on your screen is not the version in force. Reload it, read it to the end, then acknowledge it.');
    }
    await core.confirmPassword(staff, password, 'acknowledging the social-media policy');
    const at = core.nowIso();
    // Taken before the write: on PostgreSQL its work may run again, and the acknowledgment keeps its id.
    const id = core.newId();
    return core.engine.write(async (tx) => {
      const policy = core.engine.records.program.policy;
      const now = await inForceIn(core, tx);
      if (now.id !== versionId) throw newerInForce(now.version);
      await policy.insertAcknowledgment(tx, {
        id,
        staffId: staff.id,
        versionId,
        acknowledgedAt: at,
        acknowledgedOn: core.today(),
        language,
        textSha256: expected,
        workstation: core.workstation,
      });
      await auditIn(core, tx, { action: 'policy.acknowledged', subjectType: 'policy', subjectId: versionId, detail: `version ${inForce.version} (${language}); text SHA-256 ${expected}` });
      return acknowledgmentIn(core.engine.records, tx, staff.id, core.today(), core.timeZone);
    });
  },

  'policy.admin': (core) =>
    core.engine.read(async (tx) => {
      const policy = core.engine.records.program.policy;
      return {
        versions: await policy.listPolicyVersions(tx, core.timeZone),
        draft: await policy.getPolicyDraft(tx),
        builtIn: builtInPolicy,
        staff: await staffProgramStatusesIn(core.engine.records, tx, core.today(), core.timeZone),
      };
    }),

  'policy.saveDraft': (core, { text }) =>
    core.engine.write(async (tx) => {
      const policy = core.engine.records.program.policy;
      await policy.savePolicyDraft(tx, text, core.nowIso(), core.requireSession().id);
      await auditIn(core, tx, { action: 'policy.draft_saved', subjectType: 'policy' });
      return (await policy.getPolicyDraft(tx))!;
    }),

  /**
   * The next version, only when every topic and both lists are there in
   * every language; a refusal names each gap and is audited (in a
   * transaction of its own, which commits, and only then is thrown).
   */
  'policy.publish': async (core, { text }) => {
    const tidy = tidyPolicy(text);
    const problems = policyProblems(tidy);
    if (problems.length) {
      await core.engine.write((tx) => auditIn(core, tx, { action: 'policy.publish_refused', subjectType: 'policy', detail: `${problems.length} part(s) missing` }));
      throw new AppError('validation', `The policy cannot be published yet: ${problems.map((p) => p.message).join(' ')}`, {
        issues: problems.map((p) => ({ path: `text.${p.language}.${p.path}`, message: p.message })),
      });
    }
    const id = core.newId();
    return core.engine.write(async (tx) => {
      const policy = core.engine.records.program.policy;
      const version = await policy.insertPolicyVersion(tx, { id, text: tidy, at: core.nowIso(), by: core.requireSession().id, practiceName: core.settings.practiceName });
      await auditIn(core, tx, { action: 'policy.published', subjectType: 'policy', subjectId: id, detail: `version ${version}` });
      return (await policy.getPolicyVersion(tx, id, core.timeZone))!;
    });
  },

  /** Read, then the certificate and the PDF with no transaction open (slow work), then the export audited in a write. */
  'policy.pdf': async (core, { versionId, language }) => {
    const version = await core.engine.read((tx) => core.engine.records.program.policy.getPolicyVersion(tx, versionId, core.timeZone));
    if (!version) throw new AppError('not_found', 'That version of the policy does not exist.');
    const certificate = await signingCertificate(core);
    const { policyPdf } = await import('../pdf/policy-pdf'); // pdf-lib and fontkit load with the first PDF
    const pdf = await policyPdf(version, language, { name: core.settings.practiceName, certificate }, core.now());
    const digest = sha256Hex(pdf);
    await core.engine.write((tx) => auditIn(core, tx, { action: 'policy.pdf_exported', subjectType: 'policy', subjectId: versionId, detail: `version ${version.version} (${language}); SHA-256 ${digest}` }));
    return { fileName: `social-media-policy-v${version.version}-${language}.pdf`, mimeType: 'application/pdf', base64: pdf.toString('base64'), sha256: digest };
  },
};
