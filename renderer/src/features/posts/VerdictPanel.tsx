import { HighlightedText, HighlightNotes } from '../../components/HighlightedText';
import { contentKindList } from '../marketing/content-kind-names';
import type { Disclosure } from '../../../../shared/posts/disclosures';
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

  const disclosures = waitingFor ? [] : (result?.check.disclosures ?? []);
  const inCaption = disclosures.filter((d) => d.source === 'caption');
  const elsewhere = disclosures.filter((d) => d.source !== 'caption');
  const caption = result?.draft.caption ?? '';
  const note = (d: Disclosure) => ({ text: d.text, message: `${d.blocking ? 'Blocks approval. ' : ''}${d.message}` });
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
          {inCaption.length ? (
            <>
              <HighlightedText text={caption} spans={inCaption} label="The caption, with what it reveals marked" />
              <HighlightNotes notes={inCaption.map(note)} />
            </>
          ) : (
            <p className="verdict-uses">{caption.trim() ? 'Nothing in the caption names the patient, their health, age or place, or looks like an identifier.' : 'No caption yet.'}</p>
          )}
          {elsewhere.length ? (
            <>
              <h3 className="verdict-subheading">What goes out with it</h3>
              <ul className="verdict-elsewhere">
                {elsewhere.map((d, index) => (
                  <li key={index}>
                    {d.source === 'testimonial' && d.kind !== 'testimonial' ? (
                      <>
                        In the testimonial’s quote, <q className="highlight-quote">{d.text}</q>:{' '}
                      </>
                    ) : null}
                    {d.blocking ? 'Blocks approval. ' : ''}
                    {d.message}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </aside>
  );
}
