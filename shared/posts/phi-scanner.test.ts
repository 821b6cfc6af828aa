import { describe, expect, it } from 'vitest';
import { corpusPatient, phiCorpus } from './phi-corpus';
import { scanForPhi, type FindingKind } from './phi-scanner';

describe('the PHI scanner', () => {
  it('finds what the corpus expects, counting false positives and negatives', () => {
    let falsePositives = 0;
    let falseNegatives = 0;
    const misses: string[] = [];
    for (const example of phiCorpus) {
      const found = new Set<FindingKind>(scanForPhi(example.text, corpusPatient).map((f) => f.kind));
      const expected = new Set(example.kinds);
      for (const kind of found) {
        if (!expected.has(kind)) {
          falsePositives += 1;
          misses.push(`false positive ${kind}: ${example.text}`);
        }
      }
      for (const kind of expected) {
        if (!found.has(kind)) {
          falseNegatives += 1;
          misses.push(`false negative ${kind}: ${example.text}`);
        }
      }
    }
    const positives = phiCorpus.reduce((n, e) => n + e.kinds.length, 0);
    console.log(
      `PHI scanner on ${phiCorpus.length} examples (${positives} expected findings): ${falsePositives} false positives, ${falseNegatives} false negatives`,
    );
    for (const miss of misses) console.log(`  ${miss}`);
    expect(falseNegatives).toBe(0);
    expect(falsePositives).toBeLessThanOrEqual(1);
  });

  it('reports each finding with its position, kind and a message', () => {
    const text = 'Call Maria at (555) 201-3344.';
    const findings = scanForPhi(text, corpusPatient);
    expect(findings).toEqual([
      { kind: 'patient_name', start: 5, end: 10, text: 'Maria', message: 'The patient’s first name.' },
      { kind: 'phone', start: 14, end: 28, text: '(555) 201-3344', message: expect.stringMatching(/phone/) },
    ]);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it('matches names without regard to case or accents', () => {
    const kinds = scanForPhi('josé ramírez and JOSE RAMIREZ', { firstName: 'José', lastName: 'Ramírez' }).map((f) => f.text);
    expect(kinds).toEqual(['josé ramírez', 'JOSE RAMIREZ']);
  });
});
