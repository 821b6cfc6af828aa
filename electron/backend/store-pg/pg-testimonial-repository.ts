import type { ClientBase } from 'pg';
import type { MediaKind, MediaSummary, Testimonial } from '../../../shared/posts/post';
import type { FieldCipher } from './field-crypto';
import { SealedColumns } from './sealed-columns';
import type { TestimonialFilter, TestimonialRepository, Versioned } from './store-interface';

/**
 * Testimonials and their media on PostgreSQL: the title and quote, each
 * photo's bytes, its thumbnail and its facts (file name, checksum, size) are
 * sealed with the row's id as associated data; the server sees ids, kinds
 * and times.
 */

interface TestimonialFacts {
  title: string;
  quote: string;
}

type MediaFacts = Pick<MediaSummary, 'beforeAfter' | 'fileName' | 'mimeType' | 'bytes' | 'sha256' | 'width' | 'height' | 'metadataRemoved'>;

type TestimonialRow = {
  id: string;
  patient_id: string;
  first_name: Buffer;
  last_name: Buffer;
  sealed: Buffer;
  created_at: string;
  row_version: number;
};

type MediaRow = {
  id: string;
  testimonial_id: string;
  kind: MediaKind;
  sealed: Buffer;
  thumbnail: Buffer | null;
  created_at: string;
};

const mediaColumns = 'id, testimonial_id, kind, sealed, thumbnail, created_at';

export function createPgTestimonialRepository(cipher: FieldCipher): TestimonialRepository<ClientBase> {
  const testimonials = new SealedColumns(cipher, 'testimonials');
  const media = new SealedColumns(cipher, 'media');
  const patientName = (sealed: Buffer, column: 'first_name' | 'last_name', patientId: string) =>
    cipher.decryptText(sealed, { table: 'patients', column, recordId: patientId });

  function toMedia(row: MediaRow): MediaSummary {
    const facts = media.openJson<MediaFacts>(row.sealed, 'sealed', row.id)!;
    const thumbnail = media.openBytes(row.thumbnail, 'thumbnail', row.id);
    return {
      id: row.id,
      testimonialId: row.testimonial_id,
      kind: row.kind,
      beforeAfter: facts.beforeAfter,
      fileName: facts.fileName,
      mimeType: facts.mimeType,
      bytes: facts.bytes,
      sha256: facts.sha256,
      width: facts.width,
      height: facts.height,
      thumbnail: thumbnail ? `data:image/jpeg;base64,${thumbnail.toString('base64')}` : null,
      metadataRemoved: facts.metadataRemoved,
      createdAt: row.created_at,
    };
  }

  async function listTestimonials(tx: ClientBase, filter: TestimonialFilter = {}): Promise<Versioned<Testimonial>[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.ids) {
      params.push(filter.ids);
      where.push(`t.id = ANY($${params.length}::text[])`);
    }
    if (filter.patientId) {
      params.push(filter.patientId);
      where.push(`t.patient_id = $${params.length}`);
    }
    const rows = (
      await tx.query<TestimonialRow>(
        `SELECT t.id, t.patient_id, p.first_name, p.last_name, t.sealed, t.created_at, t.row_version
         FROM testimonials t JOIN patients p ON p.id = t.patient_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.created_at DESC, t.insert_seq DESC`,
        params,
      )
    ).rows;
    if (rows.length === 0) return [];
    // One query for every listed testimonial's media, not one per testimonial: each is a round trip to the server.
    const mediaRows = (
      await tx.query<MediaRow>(`SELECT ${mediaColumns} FROM media WHERE testimonial_id = ANY($1::text[]) ORDER BY created_at, insert_seq`, [
        rows.map((r) => r.id),
      ])
    ).rows;
    const mediaOf = new Map<string, MediaSummary[]>();
    for (const row of mediaRows) {
      const list = mediaOf.get(row.testimonial_id) ?? [];
      list.push(toMedia(row));
      mediaOf.set(row.testimonial_id, list);
    }
    return rows.map((r) => {
      const facts = testimonials.openJson<TestimonialFacts>(r.sealed, 'sealed', r.id)!;
      return {
        id: r.id,
        patientId: r.patient_id,
        patientFirstName: patientName(r.first_name, 'first_name', r.patient_id),
        patientLastName: patientName(r.last_name, 'last_name', r.patient_id),
        title: facts.title,
        quote: facts.quote,
        createdAt: r.created_at,
        media: mediaOf.get(r.id) ?? [],
        rowVersion: r.row_version,
      };
    });
  }

  return {
    listTestimonials,

    async getTestimonial(tx, id) {
      return (await listTestimonials(tx, { ids: [id] }))[0];
    },

    async insertTestimonial(tx, t) {
      await tx.query(
        `INSERT INTO testimonials (id, patient_id, sealed, created_at, created_by, updated_at) VALUES ($1, $2, $3, $4, $5, $4)`,
        [t.id, t.patientId, testimonials.sealJson<TestimonialFacts>({ title: t.title, quote: t.quote }, 'sealed', t.id), t.createdAt, t.createdBy],
      );
    },

    async insertMedia(tx, m) {
      const facts: MediaFacts = {
        beforeAfter: m.beforeAfter,
        fileName: m.fileName,
        mimeType: m.mimeType,
        bytes: m.bytes,
        sha256: m.sha256,
        width: m.width,
        height: m.height,
        metadataRemoved: m.metadataRemoved,
      };
      await tx.query(
        `INSERT INTO media (id, testimonial_id, kind, sealed, data, thumbnail, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          m.id,
          m.testimonialId,
          m.kind,
          media.sealJson(facts, 'sealed', m.id),
          media.sealBytes(m.data, 'data', m.id),
          m.thumbnail === null ? null : media.sealBytes(m.thumbnail, 'thumbnail', m.id),
          m.createdAt,
          m.createdBy,
        ],
      );
    },

    async getMedia(tx, id) {
      const row = (await tx.query<MediaRow & { data: Buffer }>(`SELECT ${mediaColumns}, data FROM media WHERE id = $1`, [id])).rows[0];
      return row && { ...toMedia(row), data: media.openBytes(row.data, 'data', row.id)! };
    },

    async mediaOfTestimonial(tx, testimonialId) {
      return (await tx.query<MediaRow>(`SELECT ${mediaColumns} FROM media WHERE testimonial_id = $1 ORDER BY created_at, insert_seq`, [testimonialId])).rows.map(
        toMedia,
      );
    },
  };
}
