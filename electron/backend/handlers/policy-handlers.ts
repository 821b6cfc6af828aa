import crypto from 'node:crypto';
import { can } from '../../../shared/roles';
import { AppError } from '../../../shared/errors';
import { builtInPolicy, policyProblems, policyTextIn, tidyPolicy } from '../../../shared/program/policy';
import { missedPeriods } from '../../../shared/program/review-schedule';
import { threadState } from '../../../shared/program/post-review';
import { sha256Hex } from '../consents/authorization-view';
import { myAcknowledgment } from '../program/policy-gate';
import { scheduleViews, staffProgramStatuses, trainingCycleMonths } from '../program/program-queries';
import { trainingStatus } from '../../../shared/program/training';
import { listIncidents } from '../repositories/incident-repository';
import { allThreads } from '../repositories/post-review-repository';
import { getPolicyDraft, getPolicyVersion, insertAcknowledgment, insertPolicyVersion, listPolicyVersions, policyInForce, savePolicyDraft } from '../repositories/policy-repository';
import { signingCertificate } from './certificate-handlers';
import type { Handlers } from './handler';

const sha256 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

export const policyHandlers = {
  'program.mine': (core) => {
    const db = core.requireStore().db;
    const staff = core.requireSession();
    const today = core.today();
    const mine = staffProgramStatuses(db, today, core.timeZone).find((s) => s.staffId === staff.id);
    const manages = can(staff.role, 'program.manage');
    const reviews = can(staff.role, 'channelReviews.perform')
      ? scheduleViews(db, today)
          .filter((s) => s.active && (manages || s.assigneeId === staff.id))
          .flatMap((s) => {
            const open = [...missedPeriods(s.periods), ...s.periods.filter((p) => p.state === 'due')];
            return open.map((period) => ({ scheduleId: s.id, channel: s.channel, assigneeName: s.assigneeName, period }));
          })
      : [];
    const incidents = can(staff.role, 'incidents.manage') ? listIncidents(db, today) : null;
    const waiting = can(staff.role, 'postReviews.decide') ? [...allThreads(db).values()].filter((t) => threadState(t) === 'waiting').length : null;
    return {
      practiceName: core.settings.practiceName,
      policy: policyInForce(db, core.timeZone),
      acknowledgment: myAcknowledgment(core),
      training: mine?.training ?? trainingStatus({ joinedOn: today, lastTrainedOn: null, cycleMonths: trainingCycleMonths(db), today }),
      lastQuiz: mine?.lastQuiz ?? null,
      reviews,
      incidents: incidents && { open: incidents.filter((i) => i.state === 'open').length, overdue: incidents.filter((i) => i.clock.overdue.length > 0).length },
      postReviewsWaiting: waiting,
    };
  },

  /**
   * The acknowledgment is tied to the exact words on screen: the page sends
   * the SHA-256 of the text it showed, which must be the version's text in
   * that language with the practice's name, and the person confirms with
   * their password (a wrong one counts like a failed sign-in).
   */
  'policy.acknowledge': async (core, { versionId, language, textSha256, password }) => {
    const store = core.requireStore();
    const staff = core.requireSession();
    const inForce = policyInForce(store.db, core.timeZone);
    if (!inForce) throw new AppError('not_found', 'No social-media policy is published yet: there is nothing to acknowledge.');
    if (inForce.id !== versionId) {
      throw new AppError('conflict', `A newer version of the policy (version ${inForce.version}) is in force now. Read it, then acknowledge it.`);
    }
    const expected = sha256(policyTextIn(inForce.text, language, core.settings.practiceName));
    if (expected !== textSha256) {
      throw new AppError('conflict', 'The policy on your screen is not the version in force. Reload it, read it to the end, then acknowledge it.');
    }
    await core.confirmPassword(staff, password, 'acknowledging the social-media policy');
    const at = core.nowIso();
    store.write(() => {
      insertAcknowledgment(store.db, {
        id: core.newId(),
        staffId: staff.id,
        versionId,
        acknowledgedAt: at,
        acknowledgedOn: core.today(),
        language,
        textSha256: expected,
        workstation: core.workstation,
      });
      core.audit({ action: 'policy.acknowledged', subjectType: 'policy', subjectId: versionId, detail: `version ${inForce.version} (${language}); text SHA-256 ${expected}` });
    });
    return myAcknowledgment(core);
  },

  'policy.admin': (core) => {
    const db = core.requireStore().db;
    return {
      versions: listPolicyVersions(db, core.timeZone),
      draft: getPolicyDraft(db),
      builtIn: builtInPolicy,
      staff: staffProgramStatuses(db, core.today(), core.timeZone),
    };
  },

  'policy.saveDraft': (core, { text }) => {
    const store = core.requireStore();
    store.write(() => {
      savePolicyDraft(store.db, text, core.nowIso(), core.requireSession().id);
      core.audit({ action: 'policy.draft_saved', subjectType: 'policy' });
    });
    return getPolicyDraft(store.db)!;
  },

  /** The next version, only when every topic and both lists are there in every language; a refusal names each gap and is audited. */
  'policy.publish': (core, { text }) => {
    const store = core.requireStore();
    const tidy = tidyPolicy(text);
    const problems = policyProblems(tidy);
    if (problems.length) {
      store.write(() => core.audit({ action: 'policy.publish_refused', subjectType: 'policy', detail: `${problems.length} part(s) missing` }));
      throw new AppError('validation', `The policy cannot be published yet: ${problems.map((p) => p.message).join(' ')}`, {
        issues: problems.map((p) => ({ path: `text.${p.language}.${p.path}`, message: p.message })),
      });
    }
    const id = core.newId();
    store.write(() => {
      const version = insertPolicyVersion(store.db, { id, text: tidy, at: core.nowIso(), by: core.requireSession().id, practiceName: core.settings.practiceName });
      core.audit({ action: 'policy.published', subjectType: 'policy', subjectId: id, detail: `version ${version}` });
    });
    return getPolicyVersion(store.db, id, core.timeZone)!;
  },

  'policy.pdf': async (core, { versionId, language }) => {
    const store = core.requireStore();
    const version = getPolicyVersion(store.db, versionId, core.timeZone);
    if (!version) throw new AppError('not_found', 'That version of the policy does not exist.');
    const certificate = await signingCertificate(core);
    const { policyPdf } = await import('../pdf/policy-pdf'); // pdf-lib and fontkit load with the first PDF
    const pdf = await policyPdf(version, language, { name: core.settings.practiceName, certificate }, core.now());
    const digest = sha256Hex(pdf);
    store.write(() => core.audit({ action: 'policy.pdf_exported', subjectType: 'policy', subjectId: versionId, detail: `version ${version.version} (${language}); SHA-256 ${digest}` }));
    return { fileName: `social-media-policy-v${version.version}-${language}.pdf`, mimeType: 'application/pdf', base64: pdf.toString('base64'), sha256: digest };
  },
} satisfies Partial<Handlers>;
