import { languageName } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { languages, type Language } from '../../../../shared/authorization/scope';
import type { QuizOutcome } from '../../../../shared/program/quiz';
import { useApi } from '../../api/api-context';
import type { FormProblem } from '../../components/call-error';
import { messageOf } from '../../components/error-message';
import { FormAlert } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { useLoaded } from '../../components/use-loaded';
import { RadioGroup } from '../program/ControlledFields';
import '../../components/buttons.css';
import '../../components/choice-group.css';
import '../program-policy/policy.css';
import './training.css';

/** The policy quiz: twelve questions in English or Spanish, scored by the backend and recorded. */
export function QuizPage() {
  const { t } = useTranslation(['program-training', 'common']);
  const api = useApi();
  const [language, setLanguage] = useState<Language>('en');
  const load = useCallback(() => api['quiz.form']({ language }), [api, language]);
  const { value: form, error } = useLoaded(load);
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [outcome, setOutcome] = useState<QuizOutcome | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const unanswered = form ? form.questions.filter((q) => answers[q.id] === undefined).length : 0;

  const submit = async () => {
    if (!form) return;
    setProblem(null);
    if (unanswered) {
      setProblem({ message: t('quizPage.answerEvery', { count: unanswered }), focus: true });
      return;
    }
    setBusy(true);
    try {
      setOutcome(await api['quiz.submit']({ language, answers }));
    } catch (e) {
      setProblem({ message: messageOf(e), focus: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading>{t('quizPage.policyQuiz')}</PageHeading>
      <StatusMessage tone="problem">{error}</StatusMessage>
      <fieldset className="policy-languages">
        <legend className="visually-hidden">{t('quizPage.languageOfTheQuiz')}</legend>
        {languages.map((l) => (
          <label key={l}>
            <input
              type="radio"
              name="quiz-language"
              checked={language === l}
              onChange={() => {
                setLanguage(l);
                setAnswers({});
                setOutcome(null);
              }}
            />{' '}
            {languageName(l)}
          </label>
        ))}
      </fieldset>
      {!form ? (
        error ? null : <p aria-busy="true">{t('quizPage.loadingTheQuiz')}</p>
      ) : outcome ? (
        <section className="card" aria-labelledby="quiz-result-heading" lang={language}>
          <ResultHeading>
            {outcome.correct} {t('quizPage.of')} {outcome.total} {t('quizPage.correct')} {outcome.passed ? t('quizPage.passed') : t('quizPage.notPassed', { needed: form.passMark })}
          </ResultHeading>
          <p className="field-hint">{t('quizPage.theResultIsRecordedWith')}</p>
          <ol>
            {outcome.review.map((r) => (
              <li key={r.id} className="quiz-question">
                <p>{r.prompt}</p>
                <p className={r.correct ? 'quiz-result-right' : 'quiz-result-wrong'}>
                  {r.correct ? t('quizPage.right') : t('quizPage.notQuite', { answer: r.choices[r.answer] ?? '' })}
                  {r.explanation}
                </p>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setOutcome(null);
              setAnswers({});
            }}
          >
            {t('quizPage.takeItAgain')}
          </button>
        </section>
      ) : (
        <form
          className="card"
          aria-labelledby="quiz-heading"
          noValidate
          lang={language}
          aria-busy={busy}
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <h2 id="quiz-heading">{form.title}</h2>
          <p>{form.intro}</p>
          <FormAlert problem={problem} />
          <ol>
            {form.questions.map((q) => (
              <li key={q.id} className="quiz-question">
                <RadioGroup legend={q.prompt} name={q.id} choices={q.choices.map((c, i) => ({ value: String(i), label: c }))} value={answers[q.id] === undefined ? null : String(answers[q.id])} onValue={(v) => setAnswers((a) => ({ ...a, [q.id]: Number(v) }))} />
              </li>
            ))}
          </ol>
          <SubmitButton busy={busy}>{t('quizPage.handInTheQuiz')}</SubmitButton>
        </form>
      )}
    </>
  );
}

/** The result's heading takes the focus once, so the score is read out first. */
function ResultHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h2 id="quiz-result-heading" ref={ref} tabIndex={-1}>
      {children}
    </h2>
  );
}
