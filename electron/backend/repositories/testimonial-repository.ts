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
       FROM testimonials t JOIN patients p ON p.id = t.patient_id ${where} ORDER BY t.created_at DESC`,
    )
    .all(...params) as TestimonialRow[];
  const mediaOf = db.prepare(`SELECT ${mediaColumns} FROM media WHERE testimonial_id = ? ORDER BY created_at`);
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
    `INSERT INTO testimonials (id, patient_id, title, quote, created_at, created_by, updated_at)
     VALUES (@id, @patientId, @title, @quote, @createdAt, @createdBy, @createdAt)`,
  ).run(t);
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
