import { patientLanguages } from '../patient-language';
import type { AuthorizationTemplate } from './template';
import { wordingProblems } from './template-rules';
import type { Problem } from './validity';

/**
 * What stops a draft from being signed that is not in its terms: wording
 * that fails the rules (a version published before they existed), and a
 * practice without an address, which leaves the patient no way to send a
 * revocation (164.508(c)(2)(i)).
 */
export function problemsWithWording(
  template: Pick<AuthorizationTemplate, 'language' | 'version' | 'text' | 'active'>,
  practice: { practiceAddress: string },
): Problem[] {
  const problems: Problem[] = [];
  const [first] = wordingProblems(template.language, template.text);
  if (first) {
    problems.push({
      element: 'statements',
      path: 'wording',
      message: `The ${patientLanguages[template.language].englishName} wording of this draft (version ${template.version}) is incomplete: ${first.message} ${
        template.active ? 'An administrator must publish complete wording on the Wording page.' : 'Save the draft again to use the current wording.'
      }`,
    });
  }
  if (practice.practiceAddress.trim() === '') {
    problems.push({
      element: 'statements',
      path: 'practiceAddress',
      message: 'The practice’s address is missing: an administrator sets it in Settings. The authorization tells the patient where to send a revocation.',
    });
  }
  return problems;
}
