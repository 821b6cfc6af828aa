/**
 * The checkers against their corpus (shared/posts/checker-corpus): recall
 * and false-positive rate per language and per kind of leak, for review
 * replies and post captions. Targets: recall at least 95%, false positives
 * at most 5%. `npm run eval:checkers`; also part of `npm run bench`.
 */
import { evaluateCheckers, percent } from '../shared/posts/checker-corpus/evaluate';

const verbose = process.argv.includes('--misses');
for (const s of evaluateCheckers()) {
  console.log(`\n${s.name}`);
  console.log('  language  leaking found (recall)    safe flagged (false positives)');
  for (const [lang, r] of Object.entries(s.byLanguage)) {
    console.log(`  ${lang.padEnd(8)}  ${`${r.recall.hits}/${r.recall.of}`.padStart(7)} ${percent(r.recall).padStart(7)}          ${`${r.falsePositives.hits}/${r.falsePositives.of}`.padStart(7)} ${percent(r.falsePositives).padStart(6)}`);
  }
  console.log('  kind               recall            false positives');
  for (const [kind, r] of Object.entries(s.byKind).sort()) {
    console.log(`  ${kind.padEnd(17)}  ${`${r.recall.hits}/${r.recall.of}`.padStart(7)} ${percent(r.recall).padStart(7)}   ${`${r.falsePositives.hits}/${r.falsePositives.of}`.padStart(7)} ${percent(r.falsePositives).padStart(6)}`);
  }
  if (verbose) for (const m of s.misses) console.log(`    ${m}`);
}
console.log('\nTargets: recall at least 95%, false positives at most 5%, per language. Run with --misses to list what was missed.');
