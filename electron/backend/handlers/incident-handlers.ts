import type { Language } from '../../../shared/authorization/scope';
import { AppError } from '../../../shared/errors';
import { assessmentProblems, closeProblems, decisionProblems, factsOf, type Incident } from '../../../shared/program/incident';
import { sha256Hex } from '../consents/authorization-view';
import type { BackendCore } from '../backend-core';
import type { PracticeForPdf } from '../pdf/incident-pdfs';
import { getPatient } from '../repositories/patient-repository';
import { getPost } from '../repositories/post-repository';
import {
  getIncident,
  getIncidentDocument,
  incidentOfPost,
  insertIncident,
  insertIncidentDocument,
  listIncidents,
  saveAssessment,
  saveClosed,
  saveDecision,
  saveDiscovery,
  saveNotice,
  setIncidentPatient,
} from '../repositories/incident-repository';
import { signingCertificate } from './certificate-handlers';
import type { Handlers } from './handler';

function incidentOrFail(core: BackendCore, id: string): Incident {
  const incident = getIncident(core.requireStore().db, id, core.today());
  if (!incident) throw new AppError('not_found', 'That incident does not exist.');
  return incident;
}

function openOrFail(core: BackendCore, id: string): Incident {
  const incident = incidentOrFail(core, id);
  if (incident.state === 'closed') throw new AppError('conflict', 'This incident is closed; its record does not change.');
  return incident;
}

async function practiceForPdf(core: BackendCore): Promise<PracticeForPdf> {
  const s = core.settings;
  return { name: s.practiceName, address: s.practiceAddress, email: s.practiceEmail, phone: s.practicePhone, website: s.practiceWebsite, certificate: await signingCertificate(core) };
}

function patientExists(core: BackendCore, patientId: string | null | undefined): void {
  if (patientId && !getPatient(core.requireStore().db, patientId)) {
    throw new AppError('validation', 'That patient does not exist.', { issues: [{ path: 'patientId', message: 'Choose a patient from the records.' }] });
  }
}

export const incidentHandlers = {
  'incidents.list': (core) => {
    const all = listIncidents(core.requireStore().db, core.today());
    return [...all.filter((i) => i.state === 'open'), ...all.filter((i) => i.state === 'closed')];
  },

  'incidents.get': (core, { id }) => incidentOrFail(core, id),

  'incidents.open': (core, { summary, discoveredOn, postId, patientId }) => {
    const store = core.requireStore();
    if (discoveredOn > core.today()) {
      throw new AppError('validation', 'The discovery day cannot be in the future.', { issues: [{ path: 'discoveredOn', message: 'Use today or an earlier day.' }] });
    }
    patientExists(core, patientId);
    const post = postId ? getPost(store.db, postId) : null;
    if (postId && !post) throw new AppError('validation', 'That post does not exist.', { issues: [{ path: 'postId', message: 'Choose an existing post.' }] });
    if (postId && incidentOfPost(store.db, postId)) throw new AppError('conflict', 'This post has an incident already: open it from the list.');
    const id = core.newId();
    store.write(() => {
      insertIncident(store.db, {
        id,
        trigger: 'other',
        at: core.nowIso(),
        by: core.requireSession().id,
        discoveredOn,
        discoveryNote: 'Set by the privacy officer when reporting it.',
        summary,
        postId: post?.id ?? null,
        patientId: patientId ?? post?.patientId ?? null,
      });
      core.audit({ action: 'incident.opened', subjectType: 'incident', subjectId: id, detail: `other; discovered ${discoveredOn}` });
    });
    return incidentOrFail(core, id);
  },

  /** Only earlier: the 60 days run from the first day it was known, and a later day would buy time. */
  'incidents.correctDiscovery': (core, { id, discoveredOn, reason }) => {
    const store = core.requireStore();
    const incident = openOrFail(core, id);
    if (discoveredOn >= incident.discoveredOn) {
      throw new AppError('validation', `The discovery day can only move earlier than ${incident.discoveredOn}: the 60 days run from the first day it was known.`, {
        issues: [{ path: 'discoveredOn', message: `Use a day before ${incident.discoveredOn}.` }],
      });
    }
    store.write(() => {
      saveDiscovery(store.db, id, discoveredOn, reason);
      core.audit({ action: 'incident.discovery_corrected', subjectType: 'incident', subjectId: id, detail: `${incident.discoveredOn} -> ${discoveredOn}` });
    });
    return incidentOrFail(core, id);
  },

  'incidents.assess': (core, { id, assessment, patientId }) => {
    const store = core.requireStore();
    const incident = openOrFail(core, id);
    if (incident.decision) throw new AppError('conflict', 'The decision is recorded already: the assessment it rests on does not change.');
    patientExists(core, patientId);
    store.write(() => {
      saveAssessment(store.db, id, { assessment, at: core.nowIso(), by: core.requireSession().id });
      if (patientId !== undefined) setIncidentPatient(store.db, id, patientId);
      const missing = assessmentProblems(assessment).length;
      core.audit({ action: 'incident.assessed', subjectType: 'incident', subjectId: id, detail: missing ? `${missing} part(s) to complete` : `complete; probability ${assessment.probability}` });
    });
    return incidentOrFail(core, id);
  },

  'incidents.decide': (core, { id, decision }) => {
    const store = core.requireStore();
    const incident = openOrFail(core, id);
    if (incident.decision) throw new AppError('conflict', 'The decision is recorded already.');
    const problems = decisionProblems(incident.assessment, decision.decision);
    if (problems.length) throw new AppError('conflict', problems.join(' '));
    store.write(() => {
      saveDecision(store.db, id, { ...decision, at: core.nowIso(), by: core.requireSession().id });
      core.audit({
        action: 'incident.decided',
        subjectType: 'incident',
        subjectId: id,
        detail: `${decision.decision}; ${decision.affectedCount} affected, ${decision.largestStateCount} in the largest state`,
      });
    });
    return incidentOrFail(core, id);
  },

  'incidents.produceReport': async (core, { id, language }) => {
    const incident = incidentOrFail(core, id);
    const staff = core.requireSession();
    const at = core.now();
    const { incidentReportPdf } = await import('../pdf/incident-pdfs'); // pdf-lib and fontkit load with the first PDF
    const pdf = await incidentReportPdf(incident, language, await practiceForPdf(core), { at, byName: staff.displayName, timeZone: core.timeZone });
    storeDocument(core, incident, 'report', language, pdf);
    return incidentOrFail(core, id);
  },

  'incidents.produceLetter': async (core, { id, language, recipientName, addressLines }) => {
    const incident = openOrFail(core, id);
    if (incident.decision !== 'required') throw new AppError('conflict', 'A notification letter is produced once notification is decided to be required.');
    const name = recipientName || incident.patientName;
    if (!name) {
      throw new AppError('validation', 'Say who the letter is to: no patient is linked to this incident.', { issues: [{ path: 'recipientName', message: 'Enter the person’s name.' }] });
    }
    const { notificationLetterPdf } = await import('../pdf/incident-pdfs');
    const pdf = await notificationLetterPdf(incident, language, { recipientName: name, addressLines }, await practiceForPdf(core), { at: core.now(), today: core.today(), timeZone: core.timeZone });
    storeDocument(core, incident, 'letter', language, pdf);
    return incidentOrFail(core, id);
  },

  'incidents.document': (core, { id }) => {
    const store = core.requireStore();
    const doc = getIncidentDocument(store.db, id);
    if (!doc) throw new AppError('not_found', 'That document does not exist.');
    store.write(() => core.audit({ action: 'incident.document_exported', subjectType: 'incident', subjectId: doc.incidentId, detail: `${doc.kind} (${doc.language}); SHA-256 ${doc.sha256}` }));
    const day = core.dayOfInstant(doc.createdAt);
    return {
      fileName: `incident-${doc.kind === 'report' ? 'report' : 'letter'}-${doc.incidentId.slice(0, 8)}-${doc.language}-${day}.pdf`,
      mimeType: 'application/pdf',
      base64: doc.pdf.toString('base64'),
      sha256: doc.sha256,
    };
  },

  'incidents.recordNotice': (core, { id, kind, on, note }) => {
    const store = core.requireStore();
    const incident = incidentOrFail(core, id);
    // A closed incident still takes its yearly HHS log entry, once.
    if (incident.state === 'closed' && (kind !== 'hhs' || incident.notices.hhs)) throw new AppError('conflict', 'This incident is closed; its record does not change.');
    if (incident.decision !== 'required') throw new AppError('conflict', 'Notices are recorded once notification is decided to be required.');
    if (on > core.today()) throw new AppError('validation', 'A notice cannot have gone out in the future.', { issues: [{ path: 'on', message: 'Use today or an earlier day.' }] });
    if (on < incident.discoveredOn) throw new AppError('validation', 'A notice cannot have gone out before the incident was discovered.', { issues: [{ path: 'on', message: `Use ${incident.discoveredOn} or later.` }] });
    if (kind === 'individual' && !incident.documents.some((d) => d.kind === 'letter')) {
      throw new AppError('conflict', 'Produce the notification letter first: the notice to the individual is the letter.');
    }
    store.write(() => {
      saveNotice(store.db, id, kind, on, note);
      core.audit({ action: 'incident.notice_recorded', subjectType: 'incident', subjectId: id, detail: `${kind} on ${on}` });
    });
    return incidentOrFail(core, id);
  },

  'incidents.close': (core, { id, outcome }) => {
    const store = core.requireStore();
    const incident = openOrFail(core, id);
    const problems = closeProblems(factsOf(incident));
    if (problems.length) throw new AppError('conflict', problems.join(' '));
    store.write(() => {
      saveClosed(store.db, id, { outcome, at: core.nowIso(), by: core.requireSession().id });
      core.audit({ action: 'incident.closed', subjectType: 'incident', subjectId: id, detail: incident.decision ?? '' });
    });
    return incidentOrFail(core, id);
  },
} satisfies Partial<Handlers>;

function storeDocument(core: BackendCore, incident: Incident, kind: 'report' | 'letter', language: Language, pdf: Buffer): void {
  const store = core.requireStore();
  const sha256 = sha256Hex(pdf);
  store.write(() => {
    insertIncidentDocument(store.db, { id: core.newId(), incidentId: incident.id, kind, language, at: core.nowIso(), by: core.requireSession().id, pdf, sha256 });
    core.audit({ action: kind === 'report' ? 'incident.report_produced' : 'incident.letter_produced', subjectType: 'incident', subjectId: incident.id, detail: `${language}; SHA-256 ${sha256}` });
  });
}
