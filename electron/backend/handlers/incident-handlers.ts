import type { Language } from '../../../shared/authorization/scope';
import type { CallOutput, ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { assessmentProblems, closeProblems, decisionProblems, factsOf, type Incident } from '../../../shared/program/incident';
import { sha256Hex } from '../consents/authorization-view';
import { auditIn, type IncidentCore } from '../engine-core';
import type { PracticeForPdf } from '../pdf/incident-pdfs';
import { signingCertificate } from './certificate-handlers';

/**
 * The compliance program's incidents on the store engine (issue 15,
 * switch-over step 3): every call is one engine transaction (a read for the
 * list and one incident), the incident read and checked inside the write
 * that changes it, and each change written with its audit event in that
 * transaction, so a refused or failed call leaves neither. The report and
 * the letter are PDFs: the incident is read, the PDF drawn and signed
 * outside any transaction, then written in a transaction that reads the
 * incident again and refuses (`conflict`) if it changed meanwhile, so a
 * document never says other than the record it is kept with. The incidents
 * live in `records.programIncidents.incidents`.
 */

const incidents = (core: IncidentCore) => core.engine.records.programIncidents.incidents;

const closedMessage = 'This incident is closed; its record does not change.';

async function incidentIn(core: IncidentCore, tx: unknown, id: string): Promise<Incident> {
  const incident = await incidents(core).getIncident(tx, id, core.today());
  if (!incident) throw new AppError('not_found', 'That incident does not exist.');
  return incident;
}

async function openIn(core: IncidentCore, tx: unknown, id: string): Promise<Incident> {
  const incident = await incidentIn(core, tx, id);
  if (incident.state === 'closed') throw new AppError('conflict', closedMessage);
  return incident;
}

async function practiceForPdf(core: IncidentCore): Promise<PracticeForPdf> {
  const s = core.settings;
  return { name: s.practiceName, address: s.practiceAddress, email: s.practiceEmail, phone: s.practicePhone, website: s.practiceWebsite, certificate: await signingCertificate(core) };
}

async function patientExistsIn(core: IncidentCore, tx: unknown, patientId: string | null | undefined): Promise<void> {
  if (patientId && !(await core.engine.records.patients.getPatient(tx, patientId))) {
    throw new AppError('validation', 'That patient does not exist.', { issues: [{ path: 'patientId', message: 'Choose a patient from the records.' }] });
  }
}

/**
 * What a document is drawn from: the incident as read, but its clock (which
 * moves with the day, not with the record) and the documents kept with it
 * (no document names the others: two produced at once are both kept).
 */
const recordOf = ({ clock: _clock, documents: _documents, ...incident }: Incident) => JSON.stringify(incident);

/**
 * Keep a document drawn outside any transaction: in one write, the incident
 * read again (unchanged since it was drawn from, or `conflict`), the document
 * and its audit event written, the incident answered as it now stands. The
 * document's id is taken before the write (PostgreSQL may run it again).
 */
async function keepDocument(core: IncidentCore, drawnFrom: Incident, kind: 'report' | 'letter', language: Language, pdf: Buffer): Promise<Incident> {
  const sha256 = sha256Hex(pdf);
  const id = core.newId();
  const by = core.requireSession().id;
  return core.engine.write(async (tx) => {
    const now = await incidentIn(core, tx, drawnFrom.id);
    if (recordOf(now) !== recordOf(drawnFrom)) {
      throw new AppError('conflict', 'Someone else changed this incident while its document was being produced. Nothing was kept; produce it again.');
    }
    await incidents(core).insertIncidentDocument(tx, { id, incidentId: drawnFrom.id, kind, language, at: core.nowIso(), by, pdf, sha256 });
    await auditIn(core, tx, {
      action: kind === 'report' ? 'incident.report_produced' : 'incident.letter_produced',
      subjectType: 'incident',
      subjectId: drawnFrom.id,
      detail: `${language}; SHA-256 ${sha256}`,
    });
    return incidentIn(core, tx, drawnFrom.id);
  });
}

/** The letter's conditions: an open incident decided "required", to someone named. */
function letterRecipient(incident: Incident, recipientName: string): string {
  if (incident.state === 'closed') throw new AppError('conflict', closedMessage);
  if (incident.decision !== 'required') throw new AppError('conflict', 'A notification letter is produced once notification is decided to be required.');
  const name = recipientName || incident.patientName;
  if (!name) {
    throw new AppError('validation', 'Say who the letter is to: no patient is linked to this incident.', { issues: [{ path: 'recipientName', message: 'Enter the person’s name.' }] });
  }
  return name;
}

type IncidentCall =
  | 'incidents.list'
  | 'incidents.get'
  | 'incidents.open'
  | 'incidents.correctDiscovery'
  | 'incidents.assess'
  | 'incidents.decide'
  | 'incidents.produceReport'
  | 'incidents.produceLetter'
  | 'incidents.document'
  | 'incidents.recordNotice'
  | 'incidents.close';

/** Written against `IncidentCore`, not `BackendCore`: the same handlers run on either engine (incident-handlers.engines.test.ts). */
type IncidentHandlers = { [P in IncidentCall]: (core: IncidentCore, input: ParsedInput<P>) => Promise<CallOutput<P>> };

export const incidentHandlers: IncidentHandlers = {
  'incidents.list': (core) =>
    core.engine.read(async (tx) => {
      const all = await incidents(core).listIncidents(tx, core.today());
      return [...all.filter((i) => i.state === 'open'), ...all.filter((i) => i.state === 'closed')];
    }),

  'incidents.get': (core, { id }) => core.engine.read((tx) => incidentIn(core, tx, id)),

  'incidents.open': async (core, { summary, discoveredOn, postId, patientId }) => {
    if (discoveredOn > core.today()) {
      throw new AppError('validation', 'The discovery day cannot be in the future.', { issues: [{ path: 'discoveredOn', message: 'Use today or an earlier day.' }] });
    }
    const id = core.newId();
    const by = core.requireSession().id;
    return core.engine.write(async (tx) => {
      await patientExistsIn(core, tx, patientId);
      const post = postId ? await core.engine.records.posts.getPost(tx, postId) : null;
      if (postId && !post) throw new AppError('validation', 'That post does not exist.', { issues: [{ path: 'postId', message: 'Choose an existing post.' }] });
      if (postId && (await incidents(core).incidentOfPost(tx, postId))) throw new AppError('conflict', 'This post has an incident already: open it from the list.');
      await incidents(core).insertIncident(tx, {
        id,
        trigger: 'other',
        at: core.nowIso(),
        by,
        discoveredOn,
        discoveryNote: 'Set by the privacy officer when reporting it.',
        summary,
        postId: post?.id ?? null,
        patientId: patientId ?? post?.patientId ?? null,
      });
      await auditIn(core, tx, { action: 'incident.opened', subjectType: 'incident', subjectId: id, detail: `other; discovered ${discoveredOn}` });
      return incidentIn(core, tx, id);
    });
  },

  /** Only earlier: the 60 days run from the first day it was known, and a later day would buy time. */
  'incidents.correctDiscovery': (core, { id, discoveredOn, reason }) =>
    core.engine.write(async (tx) => {
      const incident = await openIn(core, tx, id);
      if (discoveredOn >= incident.discoveredOn) {
        throw new AppError('validation', `The discovery day can only move earlier than ${incident.discoveredOn}: the 60 days run from the first day it was known.`, {
          issues: [{ path: 'discoveredOn', message: `Use a day before ${incident.discoveredOn}.` }],
        });
      }
      await incidents(core).saveDiscovery(tx, id, discoveredOn, reason);
      await auditIn(core, tx, { action: 'incident.discovery_corrected', subjectType: 'incident', subjectId: id, detail: `${incident.discoveredOn} -> ${discoveredOn}` });
      return incidentIn(core, tx, id);
    }),

  'incidents.assess': (core, { id, assessment, patientId }) => {
    const by = core.requireSession().id;
    return core.engine.write(async (tx) => {
      const incident = await openIn(core, tx, id);
      if (incident.decision) throw new AppError('conflict', 'The decision is recorded already: the assessment it rests on does not change.');
      await patientExistsIn(core, tx, patientId);
      await incidents(core).saveAssessment(tx, id, { assessment, at: core.nowIso(), by });
      if (patientId !== undefined) await incidents(core).setIncidentPatient(tx, id, patientId);
      const missing = assessmentProblems(assessment).length;
      await auditIn(core, tx, {
        action: 'incident.assessed',
        subjectType: 'incident',
        subjectId: id,
        detail: missing ? `${missing} part(s) to complete` : `complete; probability ${assessment.probability}`,
      });
      return incidentIn(core, tx, id);
    });
  },

  'incidents.decide': (core, { id, decision }) => {
    const by = core.requireSession().id;
    return core.engine.write(async (tx) => {
      const incident = await openIn(core, tx, id);
      if (incident.decision) throw new AppError('conflict', 'The decision is recorded already.');
      const problems = decisionProblems(incident.assessment, decision.decision);
      if (problems.length) throw new AppError('conflict', problems.join(' '));
      await incidents(core).saveDecision(tx, id, { ...decision, at: core.nowIso(), by });
      await auditIn(core, tx, {
        action: 'incident.decided',
        subjectType: 'incident',
        subjectId: id,
        detail: `${decision.decision}; ${decision.affectedCount} affected, ${decision.largestStateCount} in the largest state`,
      });
      return incidentIn(core, tx, id);
    });
  },

  'incidents.produceReport': async (core, { id, language }) => {
    const incident = await core.engine.read((tx) => incidentIn(core, tx, id));
    const staff = core.requireSession();
    const at = core.now();
    const { incidentReportPdf } = await import('../pdf/incident-pdfs'); // pdf-lib and fontkit load with the first PDF
    const pdf = await incidentReportPdf(incident, language, await practiceForPdf(core), { at, byName: staff.displayName, timeZone: core.timeZone });
    return keepDocument(core, incident, 'report', language, pdf);
  },

  'incidents.produceLetter': async (core, { id, language, recipientName, addressLines }) => {
    const incident = await core.engine.read((tx) => incidentIn(core, tx, id));
    const name = letterRecipient(incident, recipientName);
    const { notificationLetterPdf } = await import('../pdf/incident-pdfs');
    const pdf = await notificationLetterPdf(incident, language, { recipientName: name, addressLines }, await practiceForPdf(core), { at: core.now(), today: core.today(), timeZone: core.timeZone });
    // Unchanged since it was read (keepDocument), so the letter's conditions still hold when it is kept.
    return keepDocument(core, incident, 'letter', language, pdf);
  },

  /** Exporting a document is audited: the read and its audit event are one write. */
  'incidents.document': (core, { id }) =>
    core.engine.write(async (tx) => {
      const doc = await incidents(core).getIncidentDocument(tx, id);
      if (!doc) throw new AppError('not_found', 'That document does not exist.');
      await auditIn(core, tx, { action: 'incident.document_exported', subjectType: 'incident', subjectId: doc.incidentId, detail: `${doc.kind} (${doc.language}); SHA-256 ${doc.sha256}` });
      const day = core.dayOfInstant(doc.createdAt);
      return {
        fileName: `incident-${doc.kind === 'report' ? 'report' : 'letter'}-${doc.incidentId.slice(0, 8)}-${doc.language}-${day}.pdf`,
        mimeType: 'application/pdf' as const,
        base64: doc.pdf.toString('base64'),
        sha256: doc.sha256,
      };
    }),

  'incidents.recordNotice': (core, { id, kind, on, note }) =>
    core.engine.write(async (tx) => {
      const incident = await incidentIn(core, tx, id);
      // A closed incident still takes its yearly HHS log entry, once.
      if (incident.state === 'closed' && (kind !== 'hhs' || incident.notices.hhs)) throw new AppError('conflict', closedMessage);
      if (incident.decision !== 'required') throw new AppError('conflict', 'Notices are recorded once notification is decided to be required.');
      if (on > core.today()) throw new AppError('validation', 'A notice cannot have gone out in the future.', { issues: [{ path: 'on', message: 'Use today or an earlier day.' }] });
      if (on < incident.discoveredOn) {
        throw new AppError('validation', 'A notice cannot have gone out before the incident was discovered.', { issues: [{ path: 'on', message: `Use ${incident.discoveredOn} or later.` }] });
      }
      if (kind === 'individual' && !incident.documents.some((d) => d.kind === 'letter')) {
        throw new AppError('conflict', 'Produce the notification letter first: the notice to the individual is the letter.');
      }
      await incidents(core).saveNotice(tx, id, kind, on, note);
      await auditIn(core, tx, { action: 'incident.notice_recorded', subjectType: 'incident', subjectId: id, detail: `${kind} on ${on}` });
      return incidentIn(core, tx, id);
    }),

  'incidents.close': (core, { id, outcome }) => {
    const by = core.requireSession().id;
    return core.engine.write(async (tx) => {
      const incident = await openIn(core, tx, id);
      const problems = closeProblems(factsOf(incident));
      if (problems.length) throw new AppError('conflict', problems.join(' '));
      await incidents(core).saveClosed(tx, id, { outcome, at: core.nowIso(), by });
      await auditIn(core, tx, { action: 'incident.closed', subjectType: 'incident', subjectId: id, detail: incident.decision ?? '' });
      return incidentIn(core, tx, id);
    });
  },
};
