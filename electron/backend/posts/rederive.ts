/**
 * The version of the rules that derive what a post discloses (the lexicon,
 * the name, age and identifier patterns). Raise it when they change: on the
 * next open every post is derived again (`rederiveIfRulesChangedIn`), and
 * the sweep that follows takes down what the better rules found uncovered.
 */
export const disclosureRulesVersion = 2;

/** The settings key holding the version of the rules the posts' disclosures were last derived with. */
export const disclosureRulesVersionKey = 'disclosureRulesVersion';
