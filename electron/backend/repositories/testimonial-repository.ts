import type { Page } from '../../../shared/list-page';
import type { TestimonialListRow, TestimonialPageInput } from '../../../shared/list-rows';
import { nameTokensOf, searchKeyOf } from '../../../shared/patient-search';
import type { MediaKind, MediaSummary, Testimonial } from '../../../shared/posts/post';
import type { Db } from '../store/database';

type MediaRow = {
  id: string;
  testimonial_id: string;
  kind: MediaKind;
  before_after: number;
  file_name: string;
  mime_type: string;
  bytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  thumbnail: Buffer | null;
  metadata_removed: string;
  created_at: string;
};

const mediaColumns =
  'id, testimonial_id, kind, before_after, file_name, mime_type, bytes, sha256, width, height, thumbnail, metadata_removed, created_at';

function toMedia(row: MediaRow): MediaSummary {
  return {
    id: row.id,
    testimonialId: row.testimonial_id,
    kind: row.kind,
    beforeAfter: row.before_after === 1,
    fileName: row.file_name,
    mimeType: row.mime_type,
    bytes: row.bytes,
    sha256: row.sha256,
    width: row.width,
    height: row.height,
    thumbnail: row.thumbnail ? `data:image/jpeg;base64,${row.thumbnail.toString('base64')}` : null,
    metadataRemoved: JSON.parse(row.metadata_removed) as string[],
    createdAt: row.created_at,
  };
}

type TestimonialRow = { id: string; patient_id: string; first_name: string; last_name: string; title: string; quote: string; created_at: string };

export function listTestimonials(db: Db, where = '', ...params: unknown[]): Testimonial[] {
  const rows = db
    .prepare(
      `SELECT t.id, t.patient_id, p.first_name, p.last_name, t.title, t.quote, t.created_at
       FROM testimonials t JOIN patients p ON p.id = t.patient_id ${where} ORDER BY t.created_at DESC, t.id DESC`,
    )
    .all(...params) as TestimonialRow[];
  const mediaOf = db.prepare(`SELECT ${mediaColumns} FROM media WHERE testimonial_id = ? ORDER BY created_at, rowid`);
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patient_id,
    patientFirstName: r.first_name,
    patientLastName: r.last_name,
    title: r.title,
    quote: r.quote,
    createdAt: r.created_at,
    media: (mediaOf.all(r.id) as MediaRow[]).map(toMedia),
  }));
}

export function getTestimonial(db: Db, id: string): Testimonial | undefined {
  return listTestimonials(db, 'WHERE t.id = ?', id)[0];
}

export function insertTestimonial(
  db: Db,
  t: { id: string; patientId: string; title: string; quote: string; createdAt: string; createdBy: string },
): void {
  db.prepare(
    `INSERT INTO testimonials (id, patient_id, title, title_key, quote, created_at, created_by, updated_at)
     VALUES (@id, @patientId, @title, @titleKey, @quote, @createdAt, @createdBy, @createdAt)`,
  ).run({ ...t, titleKey: searchKeyOf(t.title) });
}

export function insertMedia(
  db: Db,
  m: Omit<MediaSummary, 'thumbnail'> & { data: Buffer; thumbnail: Buffer | null; createdBy: string },
): void {
  db.prepare(
    `INSERT INTO media (id, testimonial_id, kind, before_after, file_name, mime_type, bytes, sha256, width, height, data,
       thumbnail, metadata_removed, created_at, created_by)
     VALUES (@id, @testimonialId, @kind, @beforeAfter, @fileName, @mimeType, @bytes, @sha256, @width, @height, @data,
       @thumbnail, @metadataRemoved, @createdAt, @createdBy)`,
  ).run({ ...m, beforeAfter: m.beforeAfter ? 1 : 0, metadataRemoved: JSON.stringify(m.metadataRemoved) });
}

export function getMedia(db: Db, id: string): (MediaSummary & { data: Buffer }) | undefined {
  const row = db.prepare(`SELECT ${mediaColumns}, data FROM media WHERE id = ?`).get(id) as (MediaRow & { data: Buffer }) | undefined;
  return row && { ...toMedia(row), data: row.data };
}

export function mediaOfTestimonial(db: Db, testimonialId: string): MediaSummary[] {
  return (db.prepare(`SELECT ${mediaColumns} FROM media WHERE testimonial_id = ?`).all(testimonialId) as MediaRow[]).map(toMedia);
}

const testimonialOrder = { createdAt: 't.created_at', title: 't.title_key', patient: 'p.name_sort' } as const;

/**
 * One page of testimonials with the total: each word typed must begin a
 * word of the patient's name (the name-token index) or appear in the
 * folded title. Media are counted, never read.
 */
export function testimonialPage(db: Db, input: TestimonialPageInput): Page<TestimonialListRow> {
  const params: Record<string, unknown> = { limit: input.limit, offset: input.offset };
  const clauses = nameTokensOf(input.query).map((token, i) => {
    params[`t${i}`] = token;
    params[`l${i}`] = `%${token.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return `(t.title_key LIKE @l${i} ESCAPE '\\' OR t.patient_id IN (SELECT patient_id FROM patient_name_tokens WHERE token >= @t${i} AND token < @t${i} || char(1114111)))`;
  });
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const total = db.prepare(`SELECT count(*) FROM testimonials t ${where}`).pluck().get(params) as number;
  const direction = input.direction === 'desc' ? 'DESC' : 'ASC';
  const rows = db
    .prepare(
      `SELECT t.id, t.title, p.first_name, p.last_name, t.created_at, (SELECT count(*) FROM media m WHERE m.testimonial_id = t.id)
       FROM testimonials t JOIN patients p ON p.id = t.patient_id
       ${where} ORDER BY ${testimonialOrder[input.sort]} ${direction}, t.id ${direction} LIMIT @limit OFFSET @offset`,
    )
    .raw(true)
    .all(params) as [string, string, string, string, string, number][];
  return {
    total,
    offset: input.offset,
    rows: rows.map(([id, title, first, last, createdAt, mediaCount]) => ({ id, title, patientFirstName: first, patientLastName: last, createdAt, mediaCount })),
  };
}

/** A patient a testimonial can be about: by name only. */
export interface ConsentedPatient {
  id: string;
  firstName: string;
  lastName: string;
}

/**
 * Patients who have a final consent and whose "first last" name contains
 * `query` (LIKE: ASCII letters in either case), by last name, first name,
 * then id: whom a testimonial can be about.
 */
export function consentedPatients(db: Db, query: string, limit: number): ConsentedPatient[] {
  const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .prepare(
      `SELECT p.id, p.first_name AS firstName, p.last_name AS lastName FROM patients p
       WHERE EXISTS (SELECT 1 FROM authorizations a WHERE a.patient_id = p.id AND a.stage = 'final')
         AND (p.first_name || ' ' || p.last_name) LIKE ? ESCAPE '\\' ORDER BY p.last_name, p.first_name, p.id LIMIT ?`,
    )
    .all(like, limit) as ConsentedPatient[];
}
