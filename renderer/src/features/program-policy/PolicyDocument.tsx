import type { Language } from '../../../../shared/authorization/scope';
import { fillIn } from '../../../../shared/patient-language';
import { policySectionKeys } from '../../../../shared/program-language';
import { ruleHeadings, type PolicyText } from '../../../../shared/program/policy';
import './policy.css';

/** The policy as staff read it, in its language, with the practice's name filled in; its title is a heading of `level`, its sections one below. */
export function PolicyDocument({ text, language, practiceName, level = 2 }: { text: PolicyText; language: Language; practiceName: string; level?: 2 | 3 }) {
  const fill = (s: string) => fillIn(s, { practice: practiceName });
  const Title = level === 2 ? 'h2' : 'h3';
  const H = level === 2 ? 'h3' : 'h4';
  const headings = ruleHeadings(language);
  return (
    <div className="policy-document" lang={language}>
      <Title className="policy-title">{fill(text.title)}</Title>
      <p>{fill(text.intro)}</p>
      {policySectionKeys.map((key) => (
        <section key={key} className="policy-section">
          <H className="policy-section-heading">{fill(text.sections[key].heading)}</H>
          <p>{fill(text.sections[key].body)}</p>
        </section>
      ))}
      <RuleLists text={text} practiceName={practiceName} headings={headings} level={level === 2 ? 3 : 4} />
    </div>
  );
}

export function RuleLists({ text, practiceName, headings, level = 3 }: { text: Pick<PolicyText, 'dos' | 'donts'>; practiceName: string; headings: { dos: string; donts: string }; level?: 2 | 3 | 4 }) {
  const fill = (s: string) => fillIn(s, { practice: practiceName });
  const H = level === 2 ? 'h2' : level === 3 ? 'h3' : 'h4';
  return (
    <div className="policy-rules">
      <section className="policy-rules-do">
        <H className="policy-section-heading">{headings.dos}</H>
        <ul>
          {text.dos.map((rule, i) => (
            <li key={i}>{fill(rule)}</li>
          ))}
        </ul>
      </section>
      <section className="policy-rules-dont">
        <H className="policy-section-heading">{headings.donts}</H>
        <ul>
          {text.donts.map((rule, i) => (
            <li key={i}>{fill(rule)}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
