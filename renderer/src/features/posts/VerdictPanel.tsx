import { HighlightedText, HighlightNotes } from '../../components/HighlightedText';
import { contentKindList } from '../marketing/content-kind-names';
import type { PostCheckState } from './use-post-check';

/**
 * Beside the draft, always: may this be posted? Green when the consent
 * covers it, otherwise the reasons in the backend's words; then what the
 * caption reveals, marked in the caption itself. The verdict is a polite
 * live region, so a change is announced without moving the focus.
 */
export function VerdictPanel({ check, waitingFor }: { check: PostCheckState; waitingFor: string | null }) {
  const { result, checking, error } = check;
  const verdict = waitingFor ? null : result?.check.verdict;
  let summary;
  if (waitingFor) summary = <p className="verdict-waiting">{waitingFor}</p>;
  else if (!verdict) summary = <p className="verdict-waiting">{error ?? 'Checking…'}</p>;
  else if (verdict.covered) {
    summary = (
      <>
        <p className="verdict verdict-yes">Covered by the consent</p>
        <p className="verdict-detail">The content, channel and purpose are all within what the patient allowed, and the consent is in effect today.</p>
      </>
    );
  } else {
    summary = (
      <>
        <p className="verdict verdict-no">Not covered: this post may not go out</p>
        <ul className="verdict-reasons">
          {verdict.reasons.map((reason) => (
            <li key={`${reason.code}-${reason.message}`}>{reason.message}</li>
          ))}
        </ul>
      </>
    );
  }

  const findings = waitingFor ? [] : (result?.check.captionFindings ?? []);
  const caption = result?.draft.caption ?? '';
  return (
    <aside className="verdict-panel" aria-labelledby="verdict-heading">
      <h2 id="verdict-heading" className="verdict-heading">
        May this be posted?
      </h2>
      <div role="status" aria-busy={checking || undefined} className="verdict-live">
        {summary}
      </div>
      {verdict && result ? (
        <>
          <h3 className="verdict-subheading">What this post uses</h3>
          <p className="verdict-uses">
            {result.check.contentKinds.length ? `${contentKindList(result.check.contentKinds).replace(/^./, (c) => c.toUpperCase())}.` : 'Nothing that identifies the patient.'}
          </p>
          <h3 className="verdict-subheading">What the caption reveals</h3>
          {findings.length ? (
            <>
              <HighlightedText text={caption} spans={findings} label="The caption, with what it reveals marked" />
              <HighlightNotes notes={findings} />
            </>
          ) : (
            <p className="verdict-uses">{caption.trim() ? 'Nothing in the caption looks like a name, date, number or other identifier.' : 'No caption yet.'}</p>
          )}
        </>
      ) : null}
    </aside>
  );
}
