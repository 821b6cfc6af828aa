import type { Day } from '../../../shared/calendar';
import type { Page } from '../../../shared/list-page';
import type { ConsentListRow, ConsentPageInput, PostListRow, PostPageInput } from '../../../shared/list-rows';
import type { CoverageReason } from '../../../shared/posts/coverage';
import type { PostState } from '../../../shared/posts/post';
import type { Db } from '../store/database';
import { summaryColumnsSql, summaryFromColumns, type SummaryColumns } from './authorization-repository';

/**
 * One page of each long list, with its total: indexed queries that join
 * the related rows (patient, testimonial) once per page and read only the
 * columns the row shows, never a signature, PDF or media blob. Reusable by
 * any screen that needs a count or a page (work queues included).
 */

const consentOrder = { createdAt: 'a.created_at', signedAt: 'a.signed_at', patient: 'p.name_sort' } as const;

export function consentPage(db: Db, input: ConsentPageInput, today: Day): Page<ConsentListRow> {
  const where = input.stage ? 'WHERE a.stage = @stage' : '';
  const params = { stage: input.stage };
  const total = db.prepare(`SELECT count(*) FROM authorizations a ${where}`).pluck().get(params) as number;
  const direction = input.direction === 'desc' ? 'DESC' : 'ASC';
  const rows = db
    .prepare(
      `SELECT ${summaryColumnsSql}, p.first_name, p.last_name
       FROM authorizations a JOIN patients p ON p.id = a.patient_id JOIN templates t ON t.id = a.template_id
       ${where} ORDER BY ${consentOrder[input.sort]} ${direction}, a.id ${direction} LIMIT @limit OFFSET @offset`,
    )
    .raw(true)
    .all({ ...params, limit: input.limit, offset: input.offset }) as [...SummaryColumns, string, string][];
  return {
    total,
    offset: input.offset,
    rows: rows.map((row) => ({ ...summaryFromColumns(row.slice(0, 11) as SummaryColumns, today), patientFirstName: row[11], patientLastName: row[12] })),
  };
}

const postOrder = { updatedAt: 'posts.updated_at', createdAt: 'posts.created_at', state: 'posts.state', channel: 'posts.channel' } as const;

export function postPage(db: Db, input: PostPageInput): Page<PostListRow> {
  const clauses: string[] = [];
  if (input.state) clauses.push('posts.state = @state');
  if (input.channel) clauses.push('posts.channel = @channel');
  if (input.uncoveredOnly) clauses.push('posts.coverage_covered = 0');
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const params = { state: input.state, channel: input.channel };
  const total = db.prepare(`SELECT count(*) FROM posts ${where}`).pluck().get(params) as number;
  const direction = input.direction === 'desc' ? 'DESC' : 'ASC';
  const rows = db
    .prepare(
      `SELECT posts.id, posts.state, posts.channel, substr(posts.caption, 1, 120), t.title, p.first_name, p.last_name, posts.created_at, posts.updated_at,
         posts.published_at, posts.review_required_at, posts.coverage_covered, posts.coverage_reasons
       FROM posts JOIN testimonials t ON t.id = posts.testimonial_id JOIN patients p ON p.id = posts.patient_id
       ${where} ORDER BY ${postOrder[input.sort]} ${direction}, posts.id ${direction} LIMIT @limit OFFSET @offset`,
    )
    .raw(true)
    .all({ ...params, limit: input.limit, offset: input.offset }) as [
    string, PostState, string, string, string, string, string, string, string, string | null, string | null, number | null, string | null,
  ][];
  return {
    total,
    offset: input.offset,
    rows: rows.map(([id, state, channel, captionStart, testimonialTitle, first, last, createdAt, updatedAt, publishedAt, reviewRequiredAt, covered, reasons]) => ({
      id,
      state,
      channel,
      captionStart,
      testimonialTitle,
      patientFirstName: first,
      patientLastName: last,
      createdAt,
      updatedAt,
      publishedAt,
      reviewRequiredAt,
      covered: covered === 1,
      reasons: JSON.parse(reasons ?? '[]') as CoverageReason[],
    })),
  };
}
