import crypto from 'node:crypto';
import { completeTerms } from '../../../shared/authorization/test-terms';
import { storePaths } from '../../backend/data-dir';
import { settleCoverage } from '../../backend/posts/kept-coverage';
import { readSettings } from '../../backend/repositories/settings-repository';
import { Store } from '../../backend/store/store';
import { samplePatient, signAuthorization } from '../../backend/testing/consent-flow';
import { manualClock } from '../../backend/testing/manual-clock';
import { adminPassword, setUpStore } from '../../backend/testing/test-backend';

export interface CopiedStoreOptions {
  /** Posts made for each authorization (five unless told). */
  postsPerAuthorization?: number;
  /** Copy the signed PDF itself rather than a few bytes standing in for it (an export checks and verifies every PDF). */
  realPdfs?: boolean;
  /** With stand-in PDFs, record the stand-in's own SHA-256 as the PDF's, so an export (which checks every PDF) runs on them. */
  standInHashes?: boolean;
}

/**
 * A store with `authorizations` signed authorizations and five posts each (or as told):
 * one made through the real signing flow, the rest SQL copies of it (as the
 * scale benchmark makes them), with every copy's verdict judged by the rule.
 * Big enough for a whole-store command's memory to show, in seconds.
 */
export async function copiedStore(dataDir: string, authorizations: number, options: CopiedStoreOptions = {}): Promise<void> {
  const postsPerAuthorization = options.postsPerAuthorization ?? 5;
  const t = await setUpStore({ dataDir, now: manualClock('2026-12-01T15:00:00.000Z').now });
  const patient = await t.call('patients.create', samplePatient);
  const testimonial = await t.call('testimonials.create', { patientId: patient.id, title: 'Walking again', quote: 'I walk every morning again.' });
  const consent = await signAuthorization(t.call, patient.id, completeTerms({ expiration: { kind: 'date', date: '2099-06-30' } }), 'Maria Lopez', adminPassword);
  const samples: string[] = [];
  for (let i = 0; i < postsPerAuthorization; i += 1) {
    const post = await t.call('posts.create', {
      testimonialId: testimonial.id,
      consentId: consent.id,
      channel: i % 2 === 0 ? 'facebook' : 'instagram',
      caption: `Walking again (${i + 1})`,
      mediaIds: [],
      purpose: 'advertising',
      thirdPartyPays: false,
      extraContentKinds: [],
    });
    if (i < 2) {
      await t.call('posts.approve', { id: post.id });
      await t.call('posts.publish', { id: post.id, publishedOn: '2026-12-01', url: `https://www.facebook.com/practice/posts/${i}` });
    }
    samples.push(post.id);
  }
  t.backend.close();

  const paths = storePaths(dataDir);
  const [unlocked] = await Store.unlock(paths, { username: 'admin', password: adminPassword });
  const store = Store.openWithKey(paths, unlocked!.keyring, unlocked!.dataKey);
  try {
    const db = store.db;
    const columnsOf = (table: string, except: string[]) =>
      (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name).filter((c) => !except.includes(c));
    // The copies' PDFs are a few bytes standing in for one: the commands tested read a PDF's SHA-256, not the PDF.
    const standInPdf = Buffer.from('25504446', 'hex');
    const standInHash: Record<string, string> = options.standInHashes ? { pdf_sha256: `'${crypto.createHash('sha256').update(standInPdf).digest('hex')}'` } : {};
    const standIns: Record<string, string> = {
      ...(options.realPdfs ? {} : { pdf: `x'${standInPdf.toString('hex')}'`, ...standInHash }),
      signature_png: "x'89504e47'",
    };
    const copy = (table: string, fixed: string[]) => {
      const rest = columnsOf(table, fixed);
      const copied = rest.map((c) => (table === 'authorizations' && standIns[c] ? standIns[c] : c));
      return db.prepare(`INSERT INTO ${table} (${[...fixed, ...rest].join(', ')}) SELECT ${[...fixed.map((c) => `@${c}`), ...copied].join(', ')} FROM ${table} WHERE id = @source`);
    };
    const copyPatient = copy('patients', ['id', 'record_number', 'created_at']);
    const copyAuthorization = copy('authorizations', ['id', 'patient_id', 'created_at']);
    const copyTestimonial = copy('testimonials', ['id', 'patient_id']);
    const copyPost = copy('posts', ['id', 'testimonial_id', 'patient_id', 'consent_id', 'created_at']);
    const start = Date.parse('2020-01-01T15:00:00.000Z');
    db.transaction(() => {
      for (let i = 1; i < authorizations; i += 1) {
        const created_at = new Date(start + i * 60_000).toISOString();
        const patient_id = crypto.randomUUID();
        copyPatient.run({ id: patient_id, record_number: `MRN-${i}`, created_at, source: patient.id });
        const consent_id = crypto.randomUUID();
        copyAuthorization.run({ id: consent_id, patient_id, created_at, source: consent.id });
        const testimonial_id = crypto.randomUUID();
        copyTestimonial.run({ id: testimonial_id, patient_id, source: testimonial.id });
        for (const source of samples) copyPost.run({ id: crypto.randomUUID(), testimonial_id, patient_id, consent_id, created_at, source });
      }
      const settings = readSettings(db);
      db.prepare('INSERT OR IGNORE INTO post_coverage_stale SELECT id FROM posts').run();
      settleCoverage(db, { today: '2026-12-01', timeZone: settings.timeZone, ageOfMajority: settings.ageOfMajority, practice: { name: '', contact: { phone: '', email: '', website: '', address: '' } } });
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    store.close();
  }
}
