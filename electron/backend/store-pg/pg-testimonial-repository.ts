import type { ClientBase } from 'pg';
import { AppError } from '../../../shared/errors';
import type { TestimonialListRow, TestimonialSort } from '../../../shared/list-rows';
import { nameSortKeyOf, nameTokensOf, searchKeyOf } from '../../../shared/patient-search';
import type { MediaKind, MediaSummary, Testimonial } from '../../../shared/posts/post';
import type { FieldCipher } from './field-crypto';
import { maxSearchCandidates } from './pg-patient-repository';
import { SealedColumns } from './sealed-columns';
import type { ConsentedPatient, TestimonialFilter, TestimonialRepository, Versioned } from './store-interface';

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

type ListedRow = Pick<TestimonialRow, 'id' | 'patient_id' | 'first_name' | 'last_name' | 'sealed' | 'created_at'>;

export const tooManyTestimonialsMessage = `More than ${maxSearchCandidates} testimonials to search or sort on this computer. List them newest first, without search words.`;

export const tooManyConsentedPatientsMessage = `More than ${maxSearchCandidates} patients with a consent to search on this computer.`;

/** SQLite compares text byte by byte (UTF-8); so does this, so both engines order alike. */
const compareText = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** SQLite's LIKE folds the case of ASCII letters only. */
const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

type Listed = Omit<TestimonialListRow, 'mediaCount'>;

const sortKey: Record<TestimonialSort, (t: Listed) => string> = {
  createdAt: (t) => t.createdAt,
  title: (t) => searchKeyOf(t.title),
  patient: (t) => nameSortKeyOf({ firstName: t.patientFirstName, lastName: t.patientLastName }),
};

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
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.created_at COLLATE "C" DESC, t.id COLLATE "C" DESC`,
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

  function listed(r: ListedRow): Listed {
    const facts = testimonials.openJson<TestimonialFacts>(r.sealed, 'sealed', r.id)!;
    return {
      id: r.id,
      title: facts.title,
      patientFirstName: patientName(r.first_name, 'first_name', r.patient_id),
      patientLastName: patientName(r.last_name, 'last_name', r.patient_id),
      createdAt: r.created_at,
    };
  }

  const listedSelect = `SELECT t.id, t.patient_id, p.first_name, p.last_name, t.sealed, t.created_at FROM testimonials t JOIN patients p ON p.id = t.patient_id`;

  return {
    listTestimonials,

    /**
     * SQLite's `testimonialPage`, answered alike. The server sees only ids and
     * times: newest (or oldest) first without search words is paged there;
     * anything else opens the testimonials on the workstation (at most
     * `maxSearchCandidates`, else a refusal), applies the same rules (each
     * word begins a word of the patient's name or appears in the folded
     * title) and the same byte order, and pages.
     */
    async testimonialPage(tx, input) {
      const tokens = nameTokensOf(input.query);
      const sign = input.direction === 'desc' ? -1 : 1;
      let total: number;
      let page: Listed[];
      if (tokens.length === 0 && input.sort === 'createdAt') {
        const direction = input.direction === 'desc' ? 'DESC' : 'ASC';
        total = (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM testimonials')).rows[0]!.n;
        const rows = await tx.query<ListedRow>(`${listedSelect} ORDER BY t.created_at COLLATE "C" ${direction}, t.id COLLATE "C" ${direction} LIMIT $1 OFFSET $2`, [
          input.limit,
          input.offset,
        ]);
        page = rows.rows.map(listed);
      } else {
        const rows = (await tx.query<ListedRow>(`${listedSelect} LIMIT $1`, [maxSearchCandidates + 1])).rows;
        if (rows.length > maxSearchCandidates) throw new AppError('validation', tooManyTestimonialsMessage);
        const matches = (t: Listed) => {
          const title = searchKeyOf(t.title);
          const names = nameTokensOf(t.patientFirstName, t.patientLastName);
          return tokens.every((token) => title.includes(token) || names.some((n) => n.startsWith(token)));
        };
        const key = sortKey[input.sort];
        const found = rows
          .map(listed)
          .filter(matches)
          .sort((a, b) => sign * compareText(key(a), key(b)) || sign * compareText(a.id, b.id));
        total = found.length;
        page = found.slice(input.offset, input.offset + input.limit);
      }
      const counts = new Map(
        page.length === 0
          ? []
          : (
              await tx.query<{ testimonial_id: string; n: number }>(
                'SELECT testimonial_id, count(*)::int AS n FROM media WHERE testimonial_id = ANY($1::text[]) GROUP BY testimonial_id',
                [page.map((t) => t.id)],
              )
            ).rows.map((r) => [r.testimonial_id, r.n] as const),
      );
      return { total, offset: input.offset, rows: page.map((t) => ({ ...t, mediaCount: counts.get(t.id) ?? 0 })) };
    },

    /**
     * SQLite's `consentedPatients`, answered alike: the server finds the
     * patients with a final consent (stages are in the clear); the
     * workstation opens their names (at most `maxSearchCandidates`), matches
     * as LIKE does and sorts by bytes.
     */
    async consentedPatients(tx, query, limit) {
      const rows = (
        await tx.query<{ id: string; first_name: Buffer; last_name: Buffer }>(
          `SELECT p.id, p.first_name, p.last_name FROM patients p
           WHERE EXISTS (SELECT 1 FROM authorizations a WHERE a.patient_id = p.id AND a.stage = 'final') LIMIT $1`,
          [maxSearchCandidates + 1],
        )
      ).rows;
      if (rows.length > maxSearchCandidates) throw new AppError('validation', tooManyConsentedPatientsMessage);
      const wanted = asciiLower(query);
      return rows
        .map((r): ConsentedPatient => ({ id: r.id, firstName: patientName(r.first_name, 'first_name', r.id), lastName: patientName(r.last_name, 'last_name', r.id) }))
        .filter((p) => asciiLower(`${p.firstName} ${p.lastName}`).includes(wanted))
        .sort((a, b) => compareText(a.lastName, b.lastName) || compareText(a.firstName, b.firstName) || compareText(a.id, b.id))
        .slice(0, limit);
    },

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
