import { useTranslation } from 'react-i18next';
import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { isInEffect } from '../../../../shared/authorization/status';
import type { ConsentScopeView } from '../../../../shared/posts/consent-scope';
import { FieldMessages, describedByOf } from '../../components/FieldMessages';
import { ConsentScopeSummary, consentHeadline } from '../marketing/ConsentScopeSummary';
import '../../components/choice-group.css';

interface ConsentChoiceProps {
  /** The testimonial's patient's consents (null while loading, or before a testimonial is chosen). */
  consents: ConsentScopeView[] | null;
  /** Why there is no list yet: no testimonial chosen, or still loading. */
  loading: boolean;
  chosenId: string;
  registration: UseFormRegisterReturn;
  error?: string | undefined;
  loadError: string | null;
}

/**
 * The consent a post relies on: the patient's consents in effect, each with
 * its scope and expiry, so the choice is made knowing what it allows. A
 * consent no longer in effect stays listed only if the post already names it.
 */
export function ConsentChoice({ consents, loading, chosenId, registration, error, loadError }: ConsentChoiceProps) {
  const { t } = useTranslation(['posts', 'common']);
  const id = useId();
  const shown = (consents ?? []).filter((c) => isInEffect(c.status) || c.id === chosenId);
  const others = (consents ?? []).length - shown.length;
  let hint: string;
  if (consents === null) hint = loadError ?? t(loading ? 'consentChoice.loadingConsents' : 'consentChoice.chooseATestimonialFirst');
  else if (shown.length === 0) hint = t('consentChoice.noConsentInEffect');
  else hint = t('consentChoice.consentsInEffect');
  if (others > 0) hint += ` ${t('consentChoice.othersNotInEffect', { count: others })}`;

  return (
    <fieldset className="choice-group" aria-describedby={describedByOf(id, hint, error)}>
      <legend className="choice-group-legend">{t('consentChoice.consentThisPostReliesOn')}</legend>
      <FieldMessages id={id} hint={hint} error={error} />
      {shown.map((consent) => {
        const optionId = `${id}-${consent.id}`;
        return (
          <div key={consent.id} className={`consent-option${isInEffect(consent.status) ? '' : ' consent-option-ended'}`}>
            <div className="consent-option-choice">
              <input id={optionId} type="radio" className="radio" value={consent.id} aria-describedby={`${optionId}-scope`} {...registration} />
              <label htmlFor={optionId}>{consentHeadline(consent)}</label>
            </div>
            <ConsentScopeSummary consent={consent} id={`${optionId}-scope`} />
          </div>
        );
      })}
    </fieldset>
  );
}
