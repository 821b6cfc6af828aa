import exifr from 'exifr';
import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { programLanguages } from '../../../shared/program-language';
import { photoWithGps } from '../testing/fixture-photo';
import { admin, marketing, programPractice } from '../testing/program-practice';
import { rejection } from '../testing/test-backend';

const day = 24 * 60 * 60 * 1000;

async function handout(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([612, 792]).drawText('Social media and patient privacy: the rules', { x: 72, y: 700 });
  return Buffer.from(await doc.save());
}

describe('training', () => {
  it('records a session with its materials stored as sent (images without EXIF), and each person’s status by cycle', async () => {
    const p = await programPractice({ start: '2026-03-02T15:00:00.000Z' });
    await p.as(admin);
    const before = await p.call('training.overview', {});
    // New staff: due within 30 days of joining.
    expect(before.staff.find((s) => s.displayName === 'Mo Market')?.status).toMatchObject({ state: 'due_soon', dueOn: '2026-04-01', lastTrainedOn: null });

    const pdf = await handout();
    const photo = await photoWithGps();
    const session = await p.call('training.record', {
      heldOn: '2026-03-02',
      topic: 'Social media and patient privacy',
      trainer: 'Pat Privacy',
      notes: 'Covered the quiz questions.',
      attendeeIds: [p.staff.marketing.id, p.staff.frontDesk.id, p.staff.marketing.id],
      materials: [
        { fileName: 'handout.pdf', base64: pdf.toString('base64') },
        { fileName: 'sign-in sheet.jpg', base64: photo.toString('base64') },
        { fileName: 'notes.txt', base64: Buffer.from('Attendance: 2\nQuestions: reviews and comments.\n').toString('base64') },
      ],
    });
    expect(session.attendees.map((a) => a.displayName)).toEqual(['Fran Front', 'Mo Market']);
    expect(session.materials.map((m) => [m.fileName, m.mimeType])).toEqual([
      ['handout.pdf', 'application/pdf'],
      ['sign-in sheet.jpg', 'image/jpeg'],
      ['notes.txt', 'text/plain'],
    ]);
    const storedPdf = await p.call('training.material', { id: session.materials[0]!.id });
    expect(Buffer.from(storedPdf.base64, 'base64').equals(pdf)).toBe(true);
    const storedPhoto = Buffer.from((await p.call('training.material', { id: session.materials[1]!.id })).base64, 'base64');
    expect(await exifr.gps(photo)).toMatchObject({ latitude: expect.any(Number) });
    expect(await exifr.gps(storedPhoto)).toBeUndefined();

    const overview = await p.call('training.overview', {});
    const mo = overview.staff.find((s) => s.displayName === 'Mo Market')!;
    expect(mo.status).toMatchObject({ state: 'current', lastTrainedOn: '2026-03-02', dueOn: '2027-03-02' });
    // The administrator was not there: overdue once their first 30 days pass.
    p.clock.advance(40 * day);
    await p.as(admin);
    const later = await p.call('training.overview', {});
    expect(later.staff.find((s) => s.displayName === 'Pat Privacy')?.status.state).toBe('overdue');
    expect((await p.call('program.status', {})).problems).toEqual(expect.arrayContaining([expect.stringMatching(/^Pat Privacy \(admin\): training was due 2026-04-01 \(never trained\)/)]));

    await p.call('training.setCycle', { cycleMonths: 6 });
    expect((await p.call('training.overview', {})).staff.find((s) => s.displayName === 'Mo Market')?.status.dueOn).toBe('2026-09-02');

    // Recorded by mistake: void, kept, and counting for nobody.
    const voided = await p.call('training.void', { id: session.id, reason: 'Recorded on the wrong day.' });
    expect(voided.voidReason).toBe('Recorded on the wrong day.');
    expect((await p.call('training.overview', {})).staff.find((s) => s.displayName === 'Mo Market')?.status.lastTrainedOn).toBeNull();
    expect((await rejection(p.call('training.void', { id: session.id, reason: 'Again, by mistake.' }))).code).toBe('conflict');
  });

  it('refuses renamed, damaged and future material or sessions, with the field named', async () => {
    const p = await programPractice();
    await p.as(admin);
    const base = { heldOn: '2026-10-15', topic: 'Reviews', trainer: 'Pat Privacy', notes: '', attendeeIds: [p.staff.marketing.id] };
    const renamed = await rejection(p.call('training.record', { ...base, materials: [{ fileName: 'slides.pdf', base64: Buffer.from('just text').toString('base64') }] }));
    expect(renamed).toMatchObject({ code: 'validation', message: 'The file is not a readable PDF.' });
    expect(renamed.issues?.[0]?.path).toBe('materials.0');
    const exe = await rejection(p.call('training.record', { ...base, materials: [{ fileName: 'setup.exe', base64: 'TVqQAAM=' }] }));
    expect(exe.message).toMatch(/PDF, a PNG or JPEG image, or a plain text file/);
    const binary = await rejection(p.call('training.record', { ...base, materials: [{ fileName: 'notes.txt', base64: Buffer.from([0x41, 0x00, 0x42]).toString('base64') }] }));
    expect(binary.message).toMatch(/not a plain text file/);
    const cut = (await photoWithGps()).subarray(0, 2000);
    expect((await rejection(p.call('training.record', { ...base, materials: [{ fileName: 'sheet.jpg', base64: cut.toString('base64') }] }))).message).toMatch(/damaged or incomplete/);
    expect((await rejection(p.call('training.record', { ...base, heldOn: '2026-10-16', materials: [] }))).issues?.[0]?.path).toBe('heldOn');
    // Nothing of the refused sessions was kept.
    expect((await p.call('training.overview', {})).sessions).toEqual([]);
  });

  it('never keeps random bytes as a PDF or an image', async () => {
    const p = await programPractice();
    await p.as(admin);
    const session = await p.call('training.record', { heldOn: '2026-10-15', topic: 'Reviews', trainer: 'Pat Privacy', notes: '', attendeeIds: [p.staff.marketing.id], materials: [] });
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 400 }), fc.constantFrom('x.pdf', 'x.png', 'x.jpg'), async (bytes, fileName) => {
        const head = fileName.endsWith('.pdf') ? Buffer.from('%PDF-1.7\n') : fileName.endsWith('.png') ? Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) : Buffer.from([0xff, 0xd8, 0xff]);
        const base64 = Buffer.concat([head, Buffer.from(bytes)]).toString('base64');
        const outcome = await p.call('training.addMaterial', { sessionId: session.id, material: { fileName, base64 } }).then(
          () => 'kept',
          (error: { code?: string }) => error.code,
        );
        expect(outcome).toBe('validation');
      }),
      { numRuns: 25 },
    );
  });
});

describe('the policy quiz', () => {
  it('is the same quiz in English and Spanish: same questions, same answers', () => {
    const en = programLanguages.en.quiz.questions;
    const es = programLanguages.es.quiz.questions;
    expect(en).toHaveLength(12);
    expect(es.map((q) => [q.id, q.answer, q.choices.length])).toEqual(en.map((q) => [q.id, q.answer, q.choices.length]));
  });

  it('is scored by the backend, recorded, and shows nothing of the answers before', async () => {
    const p = await programPractice();
    await p.as(marketing);
    const form = await p.call('quiz.form', { language: 'es' });
    expect(form.questions).toHaveLength(12);
    expect(JSON.stringify(form)).not.toContain('explanation');
    expect(form.questions[0]!.prompt).toMatch(/endodoncia salió bien, Tomás/);
    const right = Object.fromEntries(programLanguages.es.quiz.questions.map((q) => [q.id, q.answer]));
    const twoWrong = { ...right, 'reply-name-care': 0, deadline: 3 };
    const outcome = await p.call('quiz.submit', { language: 'es', answers: twoWrong });
    expect(outcome).toMatchObject({ correct: 10, total: 12, passed: true });
    expect(outcome.review.find((r) => r.id === 'reply-name-care')).toMatchObject({ chosen: 0, answer: 2, correct: false });
    const failed = await p.call('quiz.submit', { language: 'en', answers: { ...twoWrong, unsure: 0, ghost: 1 } });
    expect(failed).toMatchObject({ correct: 9, passed: false });
    expect((await p.call('program.mine', {})).lastQuiz).toMatchObject({ correct: 9, total: 12, passed: false });
  });
});
