import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleManifest } from '../../../shared/compliance/audit-bundle';
import { builtInPolicy } from '../../../shared/program/policy';
import { exportAndWait } from '../testing/audit-practice';
import { pdfFlatText, pdfSignatureReport } from '../testing/pdf-tools';
import { acknowledgePolicy, admin, frontDesk, marketing, programPractice } from '../testing/program-practice';
import { tempDataDir } from '../testing/test-backend';
import { readZip, rewriteZip } from '../testing/zip-tools';
import { verifyBundle } from './bundle-verify';

type Practice = Awaited<ReturnType<typeof programPractice>>;
let p: Practice;
let bundle: string;
let files: Map<string, Buffer>;
let incidentId: string;
const work = tempDataDir('program-bundle');

/**
 * A practice that ran its program through October and November 2026: a
 * policy acknowledged by everyone, a training session with a handout, a
 * monthly Facebook review done in October (November missed), and the
 * incident of a post revoked while live, assessed, with the letter and the
 * report produced. Its bundle for the two months.
 */
beforeAll(async () => {
  p = await programPractice();
  await p.as(admin);
  await p.call('policy.publish', { text: builtInPolicy });
  for (const who of [admin, marketing, frontDesk]) {
    await p.as(who);
    await acknowledgePolicy(p.call, who.password, who === frontDesk ? 'es' : 'en');
  }
  await p.as(admin);
  const handout = await PDFDocument.create();
  handout.addPage().drawText('Handout');
  await p.call('training.record', {
    heldOn: '2026-10-15',
    topic: 'Social media and patient privacy',
    trainer: 'Pat Privacy',
    notes: '',
    attendeeIds: [p.staff.marketing.id, p.staff.frontDesk.id],
    materials: [{ fileName: 'handout.pdf', base64: Buffer.from(await handout.save()).toString('base64') }],
  });
  const schedule = await p.call('channelReviews.setSchedule', { channel: 'facebook', frequency: 'monthly', assigneeId: p.staff.marketing.id, startsOn: '2026-10-01', active: true });
  p.clock.set('2026-10-20T15:00:00.000Z');
  await p.as(marketing);
  const post = await p.publishedPost('facebook');
  await p.call('channelReviews.complete', {
    scheduleId: schedule.id,
    periodStart: '2026-10-01',
    confirmations: [{ postId: post.id, outcome: 'still_covered', note: '' }],
    removedComments: [{ postId: post.id, removedOn: '2026-10-20', note: 'A comment naming her surgery.' }],
    notes: '',
  });
  p.clock.set('2026-12-02T15:00:00.000Z');
  await p.as(frontDesk);
  await p.call('consents.revoke', { id: p.consent.id, receivedOn: '2026-12-01', method: 'mail', note: '', scan: null });
  await p.as(admin);
  const [incident] = await p.call('incidents.list', {});
  incidentId = incident!.id;
  await p.call('incidents.assess', {
    id: incidentId,
    assessment: {
      identifiers: ['first_name', 'testimonial'],
      sensitivity: 'low',
      natureNotes: '',
      recipients: 'The public on Facebook',
      viewed: 'yes',
      viewedEvidence: '40 views',
      takedownNotes: 'Taken down on the day.',
      removalRequests: [],
      otherMitigation: '',
      probability: 'not_low',
    },
  });
  await p.call('incidents.decide', { id: incidentId, decision: { decision: 'required', rationale: 'Her name and words were public after she revoked.', affectedCount: 1, largestStateCount: 1 } });
  await p.call('incidents.produceLetter', { id: incidentId, language: 'es', recipientName: '', addressLines: '' });
  await p.call('incidents.produceReport', { id: incidentId, language: 'en' });
  const { job } = await exportAndWait(p.call, { from: '2026-10-01', to: '2026-12-31', includeNames: false, destinationPath: path.join(work, 'q4.zip') });
  expect(job.error).toBeNull();
  bundle = job.filePath!;
  files = await readZip(bundle);
});
afterAll(() => {
  p.backend.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('the compliance program in the audit bundle', () => {
  it('holds the report, the policy, acknowledgments, training, reviews and incidents, each in the manifest', () => {
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as BundleManifest;
    const program = manifest.files.filter((f) => f.path.startsWith('program/'));
    const names = program.map((f) => f.path);
    expect(names).toEqual(
      expect.arrayContaining([
        'program/compliance-program-report.pdf',
        'program/policy/social-media-policy-v1-en.pdf',
        'program/policy/social-media-policy-v1-es.pdf',
        'program/acknowledgments.csv',
        'program/staff-status.csv',
        'program/training-sessions.csv',
        'program/quiz-results.csv',
        'program/review-periods.csv',
        'program/review-confirmations.csv',
        'program/removed-comments.csv',
        'program/reply-checks.csv',
        'program/post-reviews.csv',
        'program/incidents.csv',
      ]),
    );
    expect(names.filter((n) => n.startsWith(`program/incidents/${incidentId}/`))).toHaveLength(2);
    expect(names.filter((n) => n.startsWith('program/training-materials/'))).toHaveLength(1);
    expect(manifest.program).toMatchObject({ policyVersions: 1, acknowledgments: 3, trainingSessions: 1, trainingMaterials: 1, reviews: 1, incidents: 1, incidentDocuments: 2 });
    expect(program.filter((f) => f.kind === 'program-pdf')).toHaveLength(5);
    // Every listed file is in the zip, nothing else is.
    for (const name of names) expect(files.has(name)).toBe(true);
  });

  it('reads true: the report and the spreadsheets say what happened', () => {
    const report = pdfFlatText(files.get('program/compliance-program-report.pdf')!);
    expect(report).toContain('Reviews of live posts: 1 done on time, 0 done late, 1 missed.');
    expect(report).toContain('Incidents: 1 discovered in the period, 0 closed, 1 still open.');
    expect(report).toContain('3 acknowledgment(s) recorded');
    const acks = files.get('program/acknowledgments.csv')!.toString('utf8');
    expect(acks.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(acks).toContain('frontdesk,Fran Front,1,es');
    const periods = files.get('program/review-periods.csv')!.toString('utf8');
    expect(periods).toContain('2026-10-01,2026-10-31,done,2026-10-20');
    expect(periods).toContain('2026-11-01,2026-11-30,missed');
    const incidents = files.get('program/incidents.csv')!.toString('utf8');
    expect(incidents).toContain(incidentId);
    expect(incidents).not.toContain('Maria');
    const letter = [...files.keys()].find((n) => n.includes('/letter-es-'))!;
    expect(pdfFlatText(files.get(letter)!)).toContain('Aviso sobre su información de salud');
    for (const [name, content] of files) if (name.startsWith('program/') && !name.startsWith('program/training-materials/') && name.endsWith('.pdf')) expect(pdfSignatureReport(content), name).toContain('Signature is Valid');
  });

  it('verifies: every program PDF’s signature is checked, and a changed letter is named', async () => {
    const ok = await verifyBundle(bundle);
    expect(ok.failures).toEqual([]);
    // 1 authorization, 1 revocation, and the five program PDFs (the handout is a material, not signed by the practice).
    expect(ok.checked.pdfSignatures).toBe(7);

    const letter = [...files.keys()].find((n) => n.includes('/letter-es-'))!;
    const changed = path.join(work, 'changed.zip');
    await rewriteZip(bundle, changed, (zip) => {
      const bytes = Buffer.from(zip.get(letter)!);
      const at = bytes.indexOf('/MediaBox [ 0 0 612') + '/MediaBox [ 0 0 61'.length;
      bytes[at] = '3'.charCodeAt(0);
      zip.set(letter, bytes);
    });
    const bad = await verifyBundle(changed);
    expect(bad.ok).toBe(false);
    expect(bad.failures).toEqual(expect.arrayContaining([`${letter}: changed (its SHA-256 does not match the manifest).`]));

    const dropped = path.join(work, 'dropped.zip');
    await rewriteZip(bundle, dropped, (zip) => zip.delete('program/incidents.csv'));
    expect((await verifyBundle(dropped)).failures).toEqual(['program/incidents.csv: missing from the bundle (the manifest lists it).']);
  });
});

describe('a practice without a program', () => {
  it('writes no program/ folder', async () => {
    const q = await programPractice();
    await q.as(admin);
    const { job } = await exportAndWait(q.call, { from: '2026-10-01', to: '2026-10-31', includeNames: false, destinationPath: path.join(work, 'none.zip') });
    const zip = await readZip(job.filePath!);
    expect([...zip.keys()].some((n) => n.startsWith('program/'))).toBe(false);
    q.backend.close();
  });
});
