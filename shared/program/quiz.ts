import type { Language } from '../authorization/scope';
import { programLanguages } from '../program-language';

/** What the quiz shows before it is answered: no answers, no explanations. */
export interface QuizForm {
  language: Language;
  title: string;
  intro: string;
  questions: { id: string; prompt: string; choices: string[] }[];
  passMark: number;
}

export interface QuizOutcome {
  id: string;
  language: Language;
  correct: number;
  total: number;
  passed: boolean;
  /** Per question: the answer given, the right one, and why. */
  review: { id: string; prompt: string; chosen: number | null; answer: number; correct: boolean; explanation: string; choices: string[] }[];
}

/** Right answers needed to pass, of twelve. */
export const quizPassMark = 10;

export function quizForm(language: Language): QuizForm {
  const q = programLanguages[language].quiz;
  return {
    language,
    title: q.title,
    intro: q.intro,
    questions: q.questions.map(({ id, prompt, choices }) => ({ id, prompt, choices })),
    passMark: quizPassMark,
  };
}

/**
 * Score answers (question id -> chosen index) against the catalogue. An
 * unanswered or out-of-range choice counts as wrong; answers to questions
 * that do not exist are ignored. Scored by the backend, which holds the key.
 */
export function scoreQuiz(language: Language, answers: Readonly<Record<string, number>>): Omit<QuizOutcome, 'id'> {
  const questions = programLanguages[language].quiz.questions;
  const review = questions.map((q) => {
    const given = Object.hasOwn(answers, q.id) ? answers[q.id] : undefined;
    const chosen = typeof given === 'number' && Number.isInteger(given) && given >= 0 && given < q.choices.length ? given : null;
    return { id: q.id, prompt: q.prompt, chosen, answer: q.answer, correct: chosen === q.answer, explanation: q.explanation, choices: q.choices };
  });
  const correct = review.filter((r) => r.correct).length;
  return { language, correct, total: questions.length, passed: correct >= quizPassMark, review };
}
