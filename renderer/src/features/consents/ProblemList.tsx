import '../../components/buttons.css';
import './authorization-editor.css';

export interface ListedProblem {
  message: string;
  /** Takes the focus to the field to fix, when there is one. */
  onFix: (() => void) | null;
}

/** What still stops the authorization from being signed, in words, each leading to its field. */
export function ProblemList({ problems, updating }: { problems: ListedProblem[]; updating: boolean }) {
  const summary =
    problems.length === 0
      ? updating
        ? 'Checking the latest changes…'
        : 'Complete: every required part is filled in.'
      : `${problems.length} ${problems.length === 1 ? 'thing is' : 'things are'} missing before the patient can sign:`;
  return (
    <div className={problems.length ? 'problem-list problem-list-open' : 'problem-list problem-list-done'}>
      <p role="status" className="problem-list-summary">
        {summary}
      </p>
      {problems.length ? (
        <ul>
          {problems.map((problem, index) => (
            <li key={`${index}-${problem.message}`}>
              {problem.onFix ? (
                <button type="button" className="button-link" onClick={problem.onFix}>
                  {problem.message}
                </button>
              ) : (
                problem.message
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
