import type { Day } from '../../../shared/calendar';
import type { ConsentScopeView } from '../../../shared/posts/consent-scope';
import { channelName } from '../../../shared/posts/coverage';
import type { PostState } from '../../../shared/posts/post';
import { incidentToOpen } from '../../../shared/program/incident';
import type { EngineCore } from '../engine-core';

/** The day a consent stopped covering new and continued use, when its record says. */
export function coverageEndedOn(consent: Pick<ConsentScopeView, 'revocationReceivedOn' | 'expiration' | 'expirationEventOn'> | null, today: Day): Day | null {
  if (!consent) return null;
  if (consent.revocationReceivedOn) return consent.revocationReceivedOn;
  if (consent.expiration.kind === 'date' && consent.expiration.date <= today) return consent.expiration.date;
  return consent.expirationEventOn;
}

export interface PostStateChange {
  post: { id: string; patientId: string; channel: string; publishedAt: string | null };
  from: PostState;
  to: PostState;
  /** The consent the post relied on, as it stands after the change. */
  consent: ConsentScopeView | null;
  /** Why the post is no longer covered, in the coverage check's words. */
  reason: string;
  at: string;
  today: Day;
}

/** The incident a change of a post calls for, if any (before asking whether the post has one already): what both openings below write. */
function incidentOfChange(change: PostStateChange) {
  const { post, consent, today } = change;
  const toOpen = incidentToOpen({
    kind: 'post_state_changed',
    from: change.from,
    to: change.to,
    publishedOn: post.publishedAt,
    revocationReceivedOn: consent?.revocationReceivedOn ?? null,
    coverageEndedOn: coverageEndedOn(consent, today),
    today,
  });
  if (!toOpen) return null;
  return {
    insert: (id: string) => ({
      id,
      trigger: toOpen.trigger,
      at: change.at,
      by: null,
      discoveredOn: toOpen.discoveredOn,
      discoveryNote: toOpen.discoveryNote,
      summary: `A post on ${channelName(post.channel)}${post.publishedAt ? `, published ${post.publishedAt},` : ''} was live without a covering authorization. ${change.reason}`.trim(),
      postId: post.id,
      patientId: post.patientId,
    }),
    audit: (id: string) => ({
      at: change.at,
      actorId: null,
      actorName: 'system',
      action: 'incident.opened' as const,
      subjectType: 'incident',
      subjectId: id,
      detail: `${toOpen.trigger}; post ${post.id}; discovered ${toOpen.discoveredOn}`,
    }),
  };
}

/**
 * Open the incident a change of a post calls for, inside the caller's
 * transaction `tx` (what the posts' engine code asks of
 * `PostsOnEngine.openIncidentForPostChange`): the one that made the post
 * "take-down required" (a revocation, an expiration event, the expiry sweep,
 * a change to the patient's record), so the incident exists exactly when its
 * cause does. At most one incident per post; returns the new incident's id,
 * or null when none opens (the change is not one that exposes patient
 * information, or the post has one already).
 */
export async function openIncidentForPostChangeIn(core: Pick<EngineCore, 'engine' | 'newId'>, tx: unknown, change: PostStateChange): Promise<string | null> {
  const opening = incidentOfChange(change);
  const records = core.engine.records;
  if (!opening || (await records.programIncidents.incidents.incidentOfPost(tx, change.post.id))) return null;
  const id = core.newId();
  await records.programIncidents.incidents.insertIncident(tx, opening.insert(id));
  await records.audit.appendAudit(tx, opening.audit(id));
  return id;
}

/**
 * A reply found posted on a channel, checked in the same transaction `tx`
 * that keeps the check (on the store engine): when the checker flags it, it
 * disclosed patient information, and its incident opens with it, audited in
 * the same transaction. Returns the incident's id, or null.
 */
export async function openIncidentForPostedReplyIn(
  core: Pick<EngineCore, 'engine' | 'newId'>,
  tx: unknown,
  found: { replyCheckId: string; flagged: boolean; concerns: readonly string[]; channel: string; url: string; postedOn: Day | null; at: string; today: Day; by: { id: string; username: string } },
): Promise<string | null> {
  const toOpen = incidentToOpen({ kind: 'reply_found', flagged: found.flagged, today: found.today });
  if (!toOpen) return null;
  const records = core.engine.records;
  const id = core.newId();
  await records.programIncidents.incidents.insertIncident(tx, {
    id,
    trigger: toOpen.trigger,
    at: found.at,
    by: found.by.id,
    discoveredOn: toOpen.discoveredOn,
    discoveryNote: toOpen.discoveryNote,
    summary: `A reply posted on ${channelName(found.channel)}${found.postedOn ? ` on ${found.postedOn}` : ''} may disclose patient information: ${found.concerns.join('; ')}.`,
    postId: null,
    patientId: null,
    reply: { checkId: found.replyCheckId, channel: found.channel, url: found.url, postedOn: found.postedOn },
  });
  await records.audit.appendAudit(tx, {
    at: found.at,
    actorId: found.by.id,
    actorName: found.by.username,
    action: 'incident.opened',
    subjectType: 'incident',
    subjectId: id,
    detail: `${toOpen.trigger}; reply check ${found.replyCheckId}; discovered ${toOpen.discoveredOn}`,
  });
  return id;
}
