import { contentKindList } from '../../i18n/labels';
import { coverageReasonText } from '../../i18n/coverage-reasons';
import { useTranslation } from 'react-i18next';
import { HighlightedText, HighlightNotes } from '../../components/HighlightedText';
import type { Disclosure } from '../../../../shared/posts/disclosures';
import { disclosureText } from '../../i18n/disclosure-text';
import type { PostCheckState } from './use-post-check';

/**
 * Beside the draft, always: may this be posted? Green when the consent
 * covers it, otherwise the reasons in the backend's words; then what the
 * caption reveals, marked in the caption itself. The verdict is a polite
 * live region, so a change is announced without moving the focus.
 */
export function VerdictPanel({ check, waitingFor }: { check: PostCheckState; waitingFor: string | null }) {
  const { t } = useTranslation(['posts', 'common']);
  const { result, checking, error } = check;
  const verdict = waitingFor ? null : result?.check.verdict;
  let summary;
  if (waitingFor) summary = <p className="verdict-waiting">{waitingFor}</p>;
  else if (!verdict) summary = <p className="verdict-waiting">{error ?? t('verdictPanel.checking')}</p>;
  else if (verdict.covered) {
    summary = (
      <>
        <p className="verdict verdict-yes">{t('verdictPanel.coveredByTheConsent')}</p>
        <p className="verdict-detail">{t('verdictPanel.theContentChannelAndPurpose')}</p>
      </>
    );
  } else {
    summary = (
      <>
        <p className="verdict verdict-no">{t('verdictPanel.notCoveredThisPostMay')}</p>
        <ul className="verdict-reasons">
          {verdict.reasons.map((reason) => (
            <li key={`${reason.code}-${reason.message}`}>{coverageReasonText(reason)}</li>
          ))}
        </ul>
      </>
    );
  }

  const disclosures = waitingFor ? [] : (result?.check.disclosures ?? []);
  const inCaption = disclosures.filter((d) => d.source === 'caption');
  const elsewhere = disclosures.filter((d) => d.source !== 'caption');
  const caption = result?.draft.caption ?? '';
  const note = (d: Disclosure) => ({ text: d.text, message: `${d.blocking ? t('verdictPanel.blocksApproval') : ''}${disclosureText(d)}` });
  return (
    <aside className="verdict-panel" aria-labelledby="verdict-heading">
      <h2 id="verdict-heading" className="verdict-heading">
        {t('verdictPanel.mayThisBePosted')}
      </h2>
      <div role="status" aria-busy={checking || undefined} className="verdict-live">
        {summary}
      </div>
      {verdict && result ? (
        <>
          <h3 className="verdict-subheading">{t('verdictPanel.whatThisPostUses')}</h3>
          <p className="verdict-uses">
            {result.check.contentKinds.length ? `${contentKindList(result.check.contentKinds).replace(/^./, (c) => c.toUpperCase())}.` : t('verdictPanel.nothingThatIdentifiesThePatient')}
          </p>
          <h3 className="verdict-subheading">{t('verdictPanel.whatTheCaptionReveals')}</h3>
          {inCaption.length ? (
            <>
              <HighlightedText text={caption} spans={inCaption} label={t('verdictPanel.theCaptionWithWhatIt')} />
              <HighlightNotes notes={inCaption.map(note)} />
            </>
          ) : (
            <p className="verdict-uses">{caption.trim() ? t('verdictPanel.nothingInTheCaptionNames') : t('verdictPanel.noCaptionYet')}</p>
          )}
          {elsewhere.length ? (
            <>
              <h3 className="verdict-subheading">{t('verdictPanel.whatGoesOutWithIt')}</h3>
              <ul className="verdict-elsewhere">
                {elsewhere.map((d, index) => (
                  <li key={index}>
                    {d.source === 'testimonial' && d.kind !== 'testimonial' ? (
                      <>
                        {t('verdictPanel.inTheTestimonialSQuote')} <q className="highlight-quote">{d.text}</q>:{' '}
                      </>
                    ) : null}
                    {d.blocking ? t('verdictPanel.blocksApproval') : ''}
                    {disclosureText(d)}
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
