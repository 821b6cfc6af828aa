import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useCallback, useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { Testimonial } from '../../../../shared/posts/post';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { useDebounced } from '../marketing/use-debounced';
import { useLoaded } from '../../components/use-loaded';
import { testimonialFormSchema, type TestimonialFormInput, type TestimonialFormValues } from './testimonial-form-schema';

const emptyForm: TestimonialFormInput = { patientId: '', title: '', quote: '' };

/** A new testimonial: whose (by name only), a short title, and the quote or story. */
export function NewTestimonialForm({ onCreated }: { onCreated: (testimonial: Testimonial) => void }) {
  const { t } = useTranslation(['testimonials', 'common']);
  const api = useApi();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), 250);
  const loadPatients = useCallback(() => api['testimonials.patients']({ query }), [api, query]);
  const patients = useLoaded(loadPatients);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<TestimonialFormInput, unknown, TestimonialFormValues>({
    resolver: formResolver(testimonialFormSchema),
    defaultValues: emptyForm,
  });

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      const created = await api['testimonials.create'](values);
      reset(emptyForm);
      setSearch('');
      onCreated(created);
    } catch (error) {
      setProblem(reportCallError(error, setError, { patientId: 'patientId', title: 'title', quote: 'quote' }));
    }
  });

  const found = patients.value ?? [];
  return (
    <section className="card testimonial-new" aria-labelledby="new-testimonial-heading">
      <h2 id="new-testimonial-heading" className="section-heading">
        {t('newTestimonialForm.recordATestimonial')}
      </h2>
      <FormAlert problem={problem} />
      <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
        <div className="testimonial-patient">
          <div className="field">
            <label htmlFor={searchId} className="field-label">
              {t('newTestimonialForm.findAPatient')}
            </label>
            <p id={`${searchId}-hint`} className="field-hint">
              {t('newTestimonialForm.typePartOfAName')}
            </p>
            <input
              id={searchId}
              type="search"
              className="field-input"
              autoComplete="off"
              value={search}
              aria-describedby={`${searchId}-hint`}
              onChange={(event) => {
                setSearch(event.target.value);
                setValue('patientId', '');
              }}
            />
          </div>
          <SelectField label={t('newTestimonialForm.patient')} registration={register('patientId')} error={errors.patientId?.message ?? patients.error ?? undefined}>
            <option value="">{patients.value ? t('newTestimonialForm.choosePatientFound', { count: found.length }) : t('newTestimonialForm.loadingPatients')}</option>
            {found.map((patient) => (
              <option key={patient.id} value={patient.id}>
                {patient.firstName} {patient.lastName}
              </option>
            ))}
          </SelectField>
        </div>
        <FormField label={t('newTestimonialForm.title')} hint={t('newTestimonialForm.aFewWordsToRecognise')} autoComplete="off" registration={register('title')} error={errors.title?.message} />
        <TextAreaField label={t('newTestimonialForm.quoteOrStory')} hint={t('newTestimonialForm.thePatientSOwnWords')} rows={5} registration={register('quote')} error={errors.quote?.message} />
        <div className="form-actions">
          <SubmitButton busy={isSubmitting}>{t('newTestimonialForm.recordTestimonial')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
