import type { AuthorizationDetail } from '../../../shared/authorization/record';
import { authorityLabels } from '../../../shared/authorization/scope';
import { statusLabels } from '../../../shared/authorization/status';
import type { CallInput } from '../../../shared/contract';
import type { Patient } from '../../../shared/patients';
import type { PostView } from '../../../shared/posts/dashboard';
import { postStateLabels, postStates, type MediaSummary, type Testimonial } from '../../../shared/posts/post';
import { drawnSignature } from '../../backend/consents/sample-signature';
import { signAuthorization, type Call } from '../../backend/consents/signing-flow';
import type { DemoContext, DemoSeeder } from '../demo-data';
import { demoPatients, demoTerms, demoTestimonials, patientFullName, patientKeys, type PatientKey } from './demo-cast';
import { programChapters } from './demo-program';

/**
 * The demo's history, in chapters, each a seeder run at its own moment on
 * the demo clock (see demo-clock.ts), by the staff member whose job it is:
 * the front desk prepares and witnesses authorizations and enters
 * revocations; marketing records testimonials, imports photos and plans,
 * approves and publishes posts. Everything goes through the contract, so
 * the backend validates, audits and reconciles it as it would in the app.
 */

/** What earlier chapters created, for later ones. */
export interface DemoRecords {
  patients: Partial<Record<PatientKey, Patient>>;
  consents: Partial<Record<PatientKey, AuthorizationDetail>>;
  testimonials: Partial<Record<PatientKey, Testimonial>>;
  media: MediaSummary[];
  posts: Record<string, PostView>;
}

export const emptyRecords = (): DemoRecords => ({ patients: {}, consents: {}, testimonials: {}, media: [], posts: {} });

/** How many days before today the history starts. */
export const historyDays = 400;

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Demo data: ${what} is missing (chapters out of order?).`);
  return value;
}

/** End the previous person's session and sign in as `username`, the way a shared workstation is used. */
async function signInAs(ctx: DemoContext, username: string): Promise<void> {
  await ctx.api['session.signOut']({});
  await ctx.api['session.signIn']({ username, password: ctx.password });
}

const callOf =
  (ctx: DemoContext): Call =>
  (name, input) =>
    ctx.api[name](input);

async function addPatients(ctx: DemoContext, keys: PatientKey[]): Promise<void> {
  for (const key of keys) ctx.records.patients[key] = await ctx.api['patients.create'](demoPatients[key]);
}

/** Prepare, hand over, let the patient (or their representative) sign, and witness: the front desk's flow. */
async function signFor(ctx: DemoContext, key: PatientKey, terms: Parameters<typeof demoTerms>[0]): Promise<AuthorizationDetail> {
  const patient = need(ctx.records.patients[key], `patient ${key}`);
  const full = demoTerms(terms);
  const signer = full.representative?.name ?? patientFullName(key);
  const signature = drawnSignature({ seed: patientKeys.indexOf(key), startTime: ctx.clock.now().getTime() });
  const detail = await signAuthorization(callOf(ctx), patient.id, full, signer, ctx.password, signature);
  ctx.records.consents[key] = detail;
  return detail;
}

async function addTestimonial(ctx: DemoContext, key: PatientKey): Promise<Testimonial> {
  const words = need(demoTestimonials[key], `testimonial of ${key}`);
  const patient = need(ctx.records.patients[key], `patient ${key}`);
  const testimonial = await ctx.api['testimonials.create']({ patientId: patient.id, ...words });
  ctx.records.testimonials[key] = testimonial;
  return testimonial;
}

/** A photo made on the spot with sharp (loaded only when the demo runs), imported like any file. */
async function addPhoto(
  ctx: DemoContext,
  testimonial: Testimonial,
  fileName: string,
  photo: { hue: number; withGps?: boolean; beforeAfter?: boolean },
): Promise<MediaSummary> {
  const { samplePhoto } = await import('../../backend/media/sample-images');
  const bytes = await samplePhoto({ hue: photo.hue, withGps: photo.withGps ?? false });
  const media = await ctx.api['media.import']({
    testimonialId: testimonial.id,
    fileName,
    kind: 'photo',
    beforeAfter: photo.beforeAfter ?? false,
    base64: bytes.toString('base64'),
  });
  ctx.records.media.push(media);
  return media;
}

type PostPlan = Omit<CallInput<'posts.create'>, 'testimonialId' | 'consentId'> & {
  /** Approve, then (with a day) record that it was published there. */
  approve?: boolean;
  publish?: { on: string; url: string };
};

async function addPost(ctx: DemoContext, label: string, key: PatientKey, plan: PostPlan): Promise<PostView> {
  const { approve, publish, ...draft } = plan;
  const testimonial = need(ctx.records.testimonials[key], `testimonial of ${key}`);
  const consent = need(ctx.records.consents[key], `authorization of ${key}`);
  let post = await ctx.api['posts.create']({ ...draft, testimonialId: testimonial.id, consentId: consent.id });
  if (approve) post = await ctx.api['posts.approve']({ id: post.id });
  if (publish) post = await ctx.api['posts.publish']({ id: post.id, publishedOn: publish.on, url: publish.url });
  ctx.records.posts[label] = post;
  return post;
}

/** About 13 months ago: the first patients sign (the front desk). */
const firstAuthorizations: DemoSeeder = async (ctx) => {
  const { clock } = ctx;
  clock.goTo(-historyDays, '09:30');
  await signInAs(ctx, 'frontdesk');
  await addPatients(ctx, ['evelyn', 'marcus', 'daniel', 'priya', 'jose']);
  // Her story tells of a fall and her recovery: health information, which she allows.
  await signFor(ctx, 'evelyn', {
    contentKinds: ['written_testimonial', 'first_name', 'photographs', 'health_condition'],
    channels: ['facebook', 'instagram', 'website'],
    purposes: ['advertising'],
    expiration: { kind: 'date', date: clock.day(330) },
  });
  // One year: it expires 35 days before today, while its post is still up.
  await signFor(ctx, 'marcus', {
    contentKinds: ['written_testimonial', 'first_name', 'photographs'],
    channels: ['facebook', 'instagram'],
    purposes: ['advertising'],
    expiration: { kind: 'date', date: clock.day(-35) },
  });
  await signFor(ctx, 'daniel', {
    contentKinds: ['written_testimonial', 'first_name', 'full_name', 'photographs', 'health_condition'],
    channels: ['instagram', 'facebook'],
    purposes: ['advertising'],
    expiration: { kind: 'date', date: clock.day(330) },
  });
  // Expires 18 days after today: "expiring soon", with a post that depends on it.
  await signFor(ctx, 'priya', {
    contentKinds: ['written_testimonial', 'first_name', 'health_condition'],
    channels: ['website', 'email_newsletter'],
    purposes: ['advertising', 'patient_education'],
    expiration: { kind: 'date', date: clock.day(18) },
  });
  // In Spanish, ending on an event rather than a date.
  await signFor(ctx, 'jose', {
    language: 'es',
    contentKinds: ['written_testimonial', 'first_name'],
    channels: ['facebook'],
    purposes: ['community_awareness'],
    expiration: { kind: 'event', event: 'Cuando deje de ser paciente de Riverside Physical Therapy' },
  });
};

/** Four days later: marketing records the testimonials and publishes. */
const firstPosts: DemoSeeder = async (ctx) => {
  const { clock } = ctx;
  const day = -(historyDays - 4);
  clock.goTo(day, '10:15');
  await signInAs(ctx, 'marketing');
  const on = clock.day(day);

  const evelyn = await addTestimonial(ctx, 'evelyn');
  // Straight from a phone: GPS position, dates and camera details, removed on import.
  const trail = await addPhoto(ctx, evelyn, 'IMG_2041.jpg', { hue: 140, withGps: true });
  await addPost(ctx, 'evelyn-facebook', 'evelyn', {
    channel: 'facebook',
    caption: 'Evelyn walks the lake loop every morning now. “The team never gave up on me, and now I walk every morning.”',
    mediaIds: [trail.id],
    purpose: 'advertising',
    thirdPartyPays: false,
    approve: true,
    publish: { on, url: 'https://facebook.example/riversidept/posts/1001' },
  });

  const marcus = await addTestimonial(ctx, 'marcus');
  const bike = await addPhoto(ctx, marcus, 'marcus-bike.jpg', { hue: 25 });
  await addPost(ctx, 'marcus-facebook', 'marcus', {
    channel: 'facebook',
    caption: 'Marcus is back on his bike! “Six weeks ago I could not ride to work.”',
    mediaIds: [bike.id],
    purpose: 'advertising',
    thirdPartyPays: false,
    approve: true,
    publish: { on, url: 'https://facebook.example/riversidept/posts/1002' },
  });

  const daniel = await addTestimonial(ctx, 'daniel');
  const finish = await addPhoto(ctx, daniel, 'finish-line.jpg', { hue: 210 });
  await addPost(ctx, 'daniel-instagram', 'daniel', {
    channel: 'instagram',
    caption: 'Daniel Kowalski signed up for his first 10K the day he finished therapy with us. Congratulations!',
    mediaIds: [finish.id],
    purpose: 'advertising',
    thirdPartyPays: false,
    approve: true,
    publish: { on, url: 'https://instagram.example/p/RPT1003' },
  });

  await addTestimonial(ctx, 'priya');
  await addPost(ctx, 'priya-website', 'priya', {
    channel: 'website',
    caption: 'After shoulder surgery, Priya is climbing again. “I trusted the plan, one small step at a time.”',
    mediaIds: [],
    purpose: 'patient_education',
    thirdPartyPays: false,
    extraContentKinds: ['health_condition'],
    approve: true,
    publish: { on, url: 'https://riversidept.example/stories/back-on-the-wall' },
  });

  await addTestimonial(ctx, 'jose');
  // Approved for a community campaign that had not started when his authorization ended.
  await addPost(ctx, 'jose-facebook', 'jose', {
    channel: 'facebook',
    caption: 'José comparte su experiencia: “Volví a caminar con mis nietos en el parque.”',
    mediaIds: [],
    purpose: 'community_awareness',
    thirdPartyPays: false,
    approve: true,
  });
};

/** Two months ago: a written revocation arrives, and a patient leaves the practice (the front desk). */
const revocationAndEvent: DemoSeeder = async (ctx) => {
  const { clock, api } = ctx;
  clock.goTo(-60, '14:05');
  await signInAs(ctx, 'frontdesk');
  // In the same transaction, his published post becomes "take-down required".
  ctx.records.consents.daniel = await api['consents.revoke']({
    id: need(ctx.records.consents.daniel, 'authorization of daniel').id,
    receivedOn: clock.day(-61),
    method: 'mail',
    note: 'Letter signed by the patient asking the practice to stop using his story and photos.',
    scan: null,
  });
  // The event ending José's authorization: his approved post goes back to draft.
  ctx.records.consents.jose = await api['consents.recordExpirationEvent']({
    id: need(ctx.records.consents.jose, 'authorization of jose').id,
    occurredOn: clock.day(-62),
  });
};

/** The next morning: marketing takes the post down and records it. */
const takedown: DemoSeeder = async (ctx) => {
  ctx.clock.goTo(-59, '09:10');
  await signInAs(ctx, 'marketing');
  const post = need(ctx.records.posts['daniel-instagram'], 'post daniel-instagram');
  ctx.records.posts['daniel-instagram'] = await ctx.api['posts.recordTakedown']({ id: post.id });
};

/**
 * Today: at the first sign-in the backend applies today's date, so Marcus's
 * expired authorization takes his published post to "take-down required".
 * Then new patients sign (the front desk).
 */
const todaysAuthorizations: DemoSeeder = async (ctx) => {
  const { clock, api } = ctx;
  clock.present();
  await signInAs(ctx, 'frontdesk');
  await addPatients(ctx, ['lucia', 'sofia', 'grace', 'minh', 'walter']);
  await signFor(ctx, 'lucia', {
    language: 'es',
    contentKinds: ['written_testimonial', 'first_name', 'photographs', 'city', 'health_condition'],
    channels: ['facebook', 'instagram'],
    purposes: ['advertising'],
    expiration: { kind: 'date', date: clock.day(365) },
  });
  // A minor: her mother signs as her personal representative.
  await signFor(ctx, 'sofia', {
    contentKinds: ['written_testimonial', 'first_name'],
    channels: ['website', 'facebook'],
    purposes: ['patient_education'],
    expiration: { kind: 'date', date: clock.day(180) },
    representative: { name: 'Ana Morales', authority: 'parent_of_minor', authorityDetail: '' },
  });
  // A third party pays for this campaign: the authorization says so.
  await signFor(ctx, 'grace', {
    contentKinds: ['written_testimonial', 'first_name', 'full_name', 'photographs', 'before_after_images'],
    channels: ['instagram', 'facebook'],
    purposes: ['advertising'],
    expiration: { kind: 'date', date: clock.day(540) },
    payer: 'Summit Orthotics Inc.',
  });
  // A name outside the standard PDF fonts: the PDF embeds a Unicode font.
  await signFor(ctx, 'minh', {
    contentKinds: ['written_testimonial', 'first_name'],
    channels: ['email_newsletter'],
    purposes: ['patient_education'],
    expiration: { kind: 'date', date: clock.day(365) },
  });
  // Prepared, not signed yet.
  await api['consents.createDraft']({
    patientId: need(ctx.records.patients.walter, 'patient walter').id,
    terms: demoTerms({
      contentKinds: ['written_testimonial', 'first_name', 'video'],
      channels: ['youtube', 'website'],
      purposes: ['patient_education'],
      expiration: { kind: 'date', date: clock.day(365) },
    }),
  });

  const byPatient = new Map(Object.entries(ctx.records.patients).map(([key, p]) => [p!.id, key as PatientKey]));
  ctx.report.push('', 'Patients and their authorizations, status today:');
  for (const a of await api['consents.list']({})) {
    const key = byPatient.get(a.patientId)!;
    const { expiration } = a.terms;
    const notes = [
      a.language === 'es' ? 'Spanish' : 'English',
      expiration.kind === 'date'
        ? `${a.status === 'expired' ? 'expired' : 'expires'} ${expiration.date}`
        : a.expirationEventAt
          ? `ended by its event (recorded ${a.expirationEventAt.slice(0, 10)})`
          : 'ends on an event',
      a.revokedAt ? `revoked ${a.revokedAt.slice(0, 10)}` : '',
      a.terms.representative ? `signed by ${a.terms.representative.name} (${authorityLabels.en[a.terms.representative.authority!].toLowerCase()})` : '',
      a.terms.remuneration.thirdPartyPays ? `paid by ${a.terms.remuneration.payer}` : '',
    ].filter(Boolean);
    ctx.report.push(`  ${patientFullName(key).padEnd(18)} ${statusLabels[a.status].padEnd(16)} ${notes.join('; ')}`);
  }
};

/** Today: marketing's new testimonials and posts, in every state. */
const todaysPosts: DemoSeeder = async (ctx) => {
  const { clock, api } = ctx;
  await signInAs(ctx, 'marketing');

  const lucia = await addTestimonial(ctx, 'lucia');
  const dance = await addPhoto(ctx, lucia, 'lucia-salsa.jpg', { hue: 330 });
  const luciaPost = {
    caption: '¡Lucía volvió a bailar! “Después de tres meses de terapia, volví a bailar salsa con mi esposo.”',
    mediaIds: [dance.id],
    purpose: 'advertising' as const,
    thirdPartyPays: false,
  };
  await addPost(ctx, 'lucia-facebook', 'lucia', {
    ...luciaPost,
    channel: 'facebook',
    approve: true,
    publish: { on: clock.today, url: 'https://facebook.example/riversidept/posts/1010' },
  });
  // TikTok is not among the channels she allowed: the draft says so and cannot be approved.
  await addPost(ctx, 'lucia-tiktok', 'lucia', { ...luciaPost, channel: 'tiktok' });

  await addTestimonial(ctx, 'sofia');
  await addPost(ctx, 'sofia-website', 'sofia', {
    channel: 'website',
    caption: 'Sofía is back with her team this season, faster than before!',
    mediaIds: [],
    purpose: 'patient_education',
    thirdPartyPays: false,
  });

  const grace = await addTestimonial(ctx, 'grace');
  const before = await addPhoto(ctx, grace, 'grace-before.jpg', { hue: 45, beforeAfter: true });
  const after = await addPhoto(ctx, grace, 'grace-after.jpg', { hue: 95, beforeAfter: true });
  await addPost(ctx, 'grace-instagram', 'grace', {
    channel: 'instagram',
    caption: 'Grace Okafor, twelve weeks apart. Thank you for letting us share your progress! In partnership with Summit Orthotics.',
    mediaIds: [before.id, after.id],
    purpose: 'advertising',
    thirdPartyPays: true,
    // The sponsor the authorization names as the payer.
    sponsor: 'Summit Orthotics',
    approve: true,
  });

  const posts = await api['posts.list']({});
  const photos = ctx.records.media.length;
  const cleaned = ctx.records.media.filter((m) => m.metadataRemoved.includes('GPS position')).length;
  ctx.report.push(
    '',
    `Testimonials: ${Object.keys(ctx.records.testimonials).length}, with ${photos} photos made for the demo` +
      ` (${cleaned} carried a GPS position, removed on import with the other EXIF data).`,
    `Posts: ${postStates.map((s) => `${posts.filter((p) => p.state === s).length} ${postStateLabels[s].toLowerCase()}`).join(', ')}.`,
    '',
    `History: the records are dated from ${clock.day(-historyDays)} to today. The demo ran the backend on a clock it`,
    'moved forward through that time, so authorizations expired, a revocation arrived and posts were',
    'flagged for take-down the way they would have been; every record and audit event carries its date.',
  );
};

/** The chapters, in the order they happen. */
export const demoChapters: readonly DemoSeeder[] = [
  firstAuthorizations,
  programChapters.programBegins,
  firstPosts,
  programChapters.programYear,
  revocationAndEvent,
  takedown,
  programChapters.revocationIncidentClosed,
  programChapters.programLately,
  todaysAuthorizations,
  todaysPosts,
  programChapters.programToday,
];
