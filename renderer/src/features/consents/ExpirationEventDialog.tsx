import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { AuthorizationDetail, AuthorizationSummary } from '../../../../shared/authorization/record';
import { practiceToday } from '../session/practice-time-zone';
import { contract } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import './consents.css';

const eventFormSchema = contract['consents.recordExpirationEvent'].input.omit({ id: true });
type EventFormInput = z.input<typeof eventFormSchema>;
type EventFormValues = z.output<typeof eventFormSchema>;

/** Record that the event ending an event-based authorization has happened: it expires. */
export function ExpirationEventDialog({
  authorization,
  onRecorded,
  onClose,
}: {
  authorization: AuthorizationSummary;
  onRecorded: (ended: AuthorizationDetail) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation(['consents', 'common']);
  const api = useApi();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<EventFormInput, unknown, EventFormValues>({
    resolver: formResolver(eventFormSchema),
    defaultValues: { occurredOn: practiceToday() },
  });
  const event = authorization.terms.expiration.kind === 'event' ? authorization.terms.expiration.event : '';

  return (
    <Dialog title={t('expirationEventDialog.recordTheEventThatEnds')} onClose={onClose}>
      {(close) => {
        const onSubmit = handleSubmit(async (values) => {
          setProblem(null);
          try {
            onRecorded(await api['consents.recordExpirationEvent']({ id: authorization.id, ...values }));
            close();
          } catch (error) {
            setProblem(reportCallError(error, setError, { occurredOn: 'occurredOn' }));
          }
        });
        return (
          <form noValidate aria-busy={isSubmitting} onSubmit={(submit) => void onSubmit(submit)}>
            <p className="dialog-note">
              {t('expirationEventDialog.thisAuthorizationEndsWhen')} <strong>{event}</strong>{t('expirationEventDialog.onceYouRecordThatIt')}
            </p>
            <FormAlert problem={problem} />
            <FormField label={t('expirationEventDialog.dayItHappened')} type="date" registration={register('occurredOn')} error={errors.occurredOn?.message} />
            <div className="dialog-actions">
              <button type="button" className="button button-secondary" onClick={close}>
                {t('expirationEventDialog.cancel')}
              </button>
              <SubmitButton busy={isSubmitting}>{t('expirationEventDialog.recordTheEvent')}</SubmitButton>
            </div>
          </form>
        );
      }}
    </Dialog>
  );
}
