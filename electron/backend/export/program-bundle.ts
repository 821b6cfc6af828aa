import crypto from 'node:crypto';
import { dayOf, startOfDayIn, type Day } from '../../../shared/calendar';
import type { ExportParams, ManifestFile } from '../../../shared/compliance/audit-bundle';
import { AppError } from '../../../shared/errors';
import { channelName } from '../../../shared/posts/coverage';
import { incidentTriggerLabels } from '../../../shared/program/incident';
import { versionsInForceDuring } from '../../../shared/program/program-report';
import type { CertificateBundle } from '../crypto/practice-certificate';
import { policyPdf } from '../pdf/policy-pdf';
import { programReportPdf } from '../pdf/program-report-pdf';
import { endOfDayIso } from '../program/program-queries';
import { complianceProgramReportIn } from '../program/program-report-query';
import type { SharedRecords } from '../store-engine/store-engine';
import { csvChunks, type CsvValue } from './csv';

export type ProgramFileKind = Extract<ManifestFile['kind'], 'program-pdf' | 'program-record' | 'training-material'>;

/** One file of the bundle's program/ folder: its bytes now (made at the start), or read by id while the bundle is written. */
export interface ProgramBundleEntry {
  path: string;
  kind: ProgramFileKind;
  /** Its bytes: made at the start, or read on the export's snapshot (the engine's transaction) when the bundle is written. */
  load: () => Buffer | Promise<Buffer>;
  /** For stored files, the SHA-256 recorded with them: checked on the way in. */
  recordedSha256?: string;
}

export interface ProgramBundle {
  entries: ProgramBundleEntry[];
  counts: { policyVersions: number; acknowledgments: number; trainingSessions: number; trainingMaterials: number; reviews: number; incidents: number; incidentDocuments: number };
}

const csv = (header: string[], rows: CsvValue[][]): Buffer => Buffer.concat([...csvChunks(header, rows[Symbol.iterator]())]);
/** A file name's own part, safe inside the zip: letters, digits, dots, dashes. */
const safePart = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'file';

/**
 * The compliance program's part of an audit bundle, fixed when the export
 * starts (like the rest of the selection): the program report of the
 * range and each policy version in force during it as signed PDFs, made
 * now; the acknowledgments, training, quiz results, reviews of live posts,
 * kept reply checks, ask-before-posting threads and incidents of the range
 * as spreadsheets; the training materials and every signed incident report
 * and letter as stored, read one at a time by id as the bundle is written
 * and checked against their recorded SHA-256. A bundle for chosen patients
 * holds only their incidents, and no reply checks or comment notes (they
 * may name anyone). A practice that has not started its program (no
 * policy, training, review schedule or incident) has no program/ folder.
 *
 * Read through the engine's records on the export's snapshot transaction
 * `tx` (either engine): the same reads the program's report and handlers
 * make, so the files are those the SQLite statements gave.
 */
export async function selectProgramForExport<Tx>(
  records: SharedRecords<Tx>,
  tx: Tx,
  params: Pick<ExportParams, 'from' | 'to' | 'patientIds' | 'includeNames'>,
  ctx: { today: Day; timeZone: string },
  practice: { name: string; certificate: CertificateBundle; now: Date },
): Promise<ProgramBundle> {
  const { from, to } = params;
  const { timeZone } = ctx;
  const fromIso = startOfDayIn(from, timeZone).toISOString();
  const toIso = endOfDayIso(to, timeZone);
  const chosen = params.patientIds ? new Set(params.patientIds) : null;
  const staff = new Map((await records.staff.listStaff(tx)).map((s) => [s.id, s]));
  const entries: ProgramBundleEntry[] = [];
  const now = (content: Buffer) => () => content;

  const report = await complianceProgramReportIn(records as SharedRecords<unknown>, tx, { from, to }, ctx);
  entries.push({ path: 'program/compliance-program-report.pdf', kind: 'program-pdf', load: now(await programReportPdf(report, { practiceName: practice.name, generatedAt: practice.now, certificate: practice.certificate })) });

  const versions = versionsInForceDuring(await records.program.policy.listPolicyVersions(tx, timeZone), from, to);
  for (const v of versions) {
    for (const language of Object.keys(v.text) as (keyof typeof v.text)[]) {
      entries.push({
        path: `program/policy/social-media-policy-v${v.version}-${language}.pdf`,
        kind: 'program-pdf',
        load: now(await policyPdf(v, language, { name: practice.name, certificate: practice.certificate }, practice.now)),
      });
    }
  }

  const acks = (await records.program.policy.listAcknowledgments(tx)).filter((a) => a.acknowledgedOn >= from && a.acknowledgedOn <= to);
  entries.push({
    path: 'program/acknowledgments.csv',
    kind: 'program-record',
    load: now(
      csv(
        ['acknowledged_at', 'acknowledged_on', 'staff_username', 'staff_name', 'policy_version', 'language', 'text_sha256'],
        acks.map((a) => [a.acknowledgedAt, a.acknowledgedOn, staff.get(a.staffId)?.username ?? a.staffId, staff.get(a.staffId)?.displayName ?? '', a.version, a.language, a.textSha256]),
      ),
    ),
  });
  entries.push({
    path: 'program/staff-status.csv',
    kind: 'program-record',
    load: now(
      csv(
        ['as_of', 'staff_username', 'staff_name', 'role', 'acknowledgment', 'acknowledged_version', 'acknowledged_on', 'renew_by', 'training', 'last_trained_on', 'training_due_on', 'last_quiz', 'last_quiz_passed'],
        report.staff.map((s) => [
          report.asOf,
          s.username,
          s.displayName,
          s.role,
          s.acknowledgment.state,
          s.acknowledgment.acknowledgedOn ? s.acknowledgment.version : null,
          s.acknowledgment.acknowledgedOn,
          s.acknowledgment.renewBy,
          s.training.state,
          s.training.lastTrainedOn,
          s.training.dueOn,
          s.lastQuiz ? `${s.lastQuiz.correct}/${s.lastQuiz.total}` : null,
          s.lastQuiz?.passed ?? null,
        ]),
      ),
    ),
  });

  const training = records.programReviews.training;
  const sessions = await training.listTrainingSessions(tx, { from, to });
  entries.push({
    path: 'program/training-sessions.csv',
    kind: 'program-record',
    load: now(
      csv(
        ['session_id', 'held_on', 'topic', 'trainer', 'attendees', 'materials', 'recorded_at', 'recorded_by', 'voided_at', 'void_reason', 'notes'],
        sessions.map((s) => [s.id, s.heldOn, s.topic, s.trainer, s.attendees.map((a) => a.displayName).join('; '), s.materials.map((m) => `${m.fileName} (${m.sha256})`).join('; '), s.recordedAt, s.recordedByName, s.voidedAt, s.voidReason, s.notes]),
      ),
    ),
  });
  let materials = 0;
  for (const s of sessions) {
    for (const m of s.materials) {
      materials += 1;
      entries.push({
        path: `program/training-materials/${s.id}/${m.id.slice(0, 8)}-${safePart(m.fileName)}`,
        kind: 'training-material',
        recordedSha256: m.sha256,
        load: async () => {
          const stored = await training.getTrainingMaterial(tx, m.id);
          if (!stored) throw new AppError('conflict', 'A training material disappeared during the export; nothing was kept. Start it again.');
          return stored.data;
        },
      });
    }
  }
  entries.push({
    path: 'program/quiz-results.csv',
    kind: 'program-record',
    load: now(csv(['taken_at', 'staff_name', 'language', 'correct', 'total', 'passed'], (await training.listQuizResults(tx, { fromIso, toIso })).map((q) => [q.takenAt, q.displayName, q.language, q.correct, q.total, q.passed]))),
  });

  const reviews = await records.programReviews.channelReviews.listChannelReviews(tx, { range: { from, to } });
  entries.push({
    path: 'program/review-periods.csv',
    kind: 'program-record',
    load: now(
      csv(
        ['channel', 'frequency', 'assigned_to', 'period_start', 'period_end', 'state', 'completed_on'],
        report.reviews.flatMap((r) => r.periods.map((p) => [channelName(r.channel), r.frequency, r.assigneeName, p.start, p.end, p.state, p.completedOn])),
      ),
    ),
  });
  entries.push({
    path: 'program/review-confirmations.csv',
    kind: 'program-record',
    load: now(
      csv(
        ['review_id', 'channel', 'period_start', 'period_end', 'completed_at', 'completed_by', 'post_id', 'outcome', 'covered_when_reviewed', 'consent_status', 'note'],
        reviews.flatMap((r) => r.confirmations.map((c) => [r.id, channelName(r.channel), r.periodStart, r.periodEnd, r.completedAt, r.completedByName, c.postId, c.outcome, c.coveredWhenReviewed, c.consentStatus, c.note])),
      ),
    ),
  });
  if (!chosen) {
    entries.push({
      path: 'program/removed-comments.csv',
      kind: 'program-record',
      load: now(csv(['review_id', 'channel', 'post_id', 'removed_on', 'note'], reviews.flatMap((r) => r.removedComments.map((c) => [r.id, channelName(r.channel), c.postId, c.removedOn, c.note])))),
    });
    const replyChecks = await records.programIncidents.replyChecks.listReplyChecks(tx, { fromIso, toIso }, 100_000);
    entries.push({
      path: 'program/reply-checks.csv',
      kind: 'program-record',
      load: now(
        csv(
          ['checked_at', 'checked_by', 'decision', 'findings', 'reply'],
          replyChecks
            .reverse()
            .map((r) => [r.checkedAt, r.checkedByName, r.decision, r.findings.map((f) => f.kind).join('; '), r.reply]),
        ),
      ),
    });
  }
  const threads = [...(await records.programIncidents.postReviews.allThreads(tx, { fromIso, toIso })).values()].flat();
  entries.push({
    path: 'program/post-reviews.csv',
    kind: 'program-record',
    load: now(csv(['post_id', 'at', 'by', 'kind', 'content_sha256', 'message'], threads.map((m) => [m.postId, m.at, m.byName, m.kind, m.contentSha256, m.body]))),
  });

  const incidentRecords = records.programIncidents.incidents;
  const incidents = (await incidentRecords.listIncidents(tx, ctx.today, { from, toIso })).filter((i) => !chosen || (i.patientId !== null && chosen.has(i.patientId)));
  entries.push({
    path: 'program/incidents.csv',
    kind: 'program-record',
    load: now(
      csv(
        [
          'incident_id',
          'trigger',
          'state',
          'opened_at',
          'discovered_on',
          'discovery_note',
          'post_id',
          'patient_id',
          ...(params.includeNames ? ['patient_name'] : []),
          'individual_notice_by',
          'media_notice_by',
          'hhs_notice_by',
          'assessment_complete',
          'probability',
          'decision',
          'decision_rationale',
          'affected',
          'largest_state',
          'individual_notified_on',
          'media_notified_on',
          'hhs_notified_on',
          'outcome',
          'closed_at',
          'documents',
        ],
        incidents.map((i) => [
          i.id,
          incidentTriggerLabels[i.trigger],
          i.state,
          i.openedAt,
          i.discoveredOn,
          i.discoveryNote,
          i.post?.id ?? null,
          i.patientId,
          ...(params.includeNames ? [i.patientName] : []),
          i.clock.deadlines.individualBy,
          i.clock.deadlines.mediaBy,
          i.clock.deadlines.hhsBy,
          !i.clock.toDoItems.some((step) => step.kind === 'assess'),
          i.assessment?.probability ?? null,
          i.decision,
          i.decisionRationale,
          i.affectedCount,
          i.largestStateCount,
          i.notices.individual,
          i.notices.media,
          i.notices.hhs,
          i.outcome,
          i.closedAt,
          i.documents.map((d) => `${d.kind} ${d.language} ${dayOf(new Date(d.createdAt), timeZone)} (${d.sha256})`).join('; '),
        ]),
      ),
    ),
  });
  let documents = 0;
  for (const i of incidents) {
    for (const d of i.documents) {
      documents += 1;
      entries.push({
        path: `program/incidents/${i.id}/${d.kind}-${d.language}-${d.id.slice(0, 8)}.pdf`,
        kind: 'program-pdf',
        recordedSha256: d.sha256,
        load: async () => {
          const stored = await incidentRecords.getIncidentDocument(tx, d.id);
          if (!stored) throw new AppError('conflict', 'An incident document disappeared during the export; nothing was kept. Start it again.');
          return stored.pdf;
        },
      });
    }
  }

  return {
    entries,
    counts: {
      policyVersions: versions.length,
      acknowledgments: acks.length,
      trainingSessions: sessions.length,
      trainingMaterials: materials,
      reviews: reviews.length,
      incidents: incidents.length,
      incidentDocuments: documents,
    },
  };
}

/** Check a stored file against the SHA-256 recorded with it, as the bundle's PDFs are. */
export async function checkedProgramFile(entry: ProgramBundleEntry): Promise<Buffer> {
  const content = await entry.load();
  if (entry.recordedSha256 && crypto.createHash('sha256').update(content).digest('hex') !== entry.recordedSha256) {
    throw new AppError('store_damaged', `${entry.path} does not match its recorded SHA-256.`);
  }
  return content;
}
