import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BundleManifest, ManifestFile } from '../../../shared/compliance/audit-bundle';
import { manifestFileJson, manifestJsonAround } from './manifest-json';

const file: fc.Arbitrary<ManifestFile> = fc.record(
  {
    // Names with quotes, backslashes, line breaks, accents and emoji: JSON.stringify escapes them, and so must the pieces.
    path: fc.string({ unit: 'grapheme', maxLength: 40 }),
    sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
    bytes: fc.nat(),
    kind: fc.constantFrom('readme', 'spreadsheet', 'audit-log', 'authorization-pdf', 'revocation-pdf', 'revocation-scan', 'certificate'),
    authorizationId: fc.uuid(),
  },
  { requiredKeys: ['path', 'sha256', 'bytes', 'kind'] },
);

const head = (practice: string, program: boolean) =>
  ({
    format: 'consent-desk-audit-bundle',
    version: 1,
    app: { name: 'Consent Desk', version: '1.0.0' },
    createdAt: '2026-12-01T15:00:00.000Z',
    createdBy: { username: 'admin', displayName: 'Dana “Admin”' },
    practice: { name: practice },
    parameters: { from: '2016-01-01', to: '2026-12-31', includeNames: true, patientIds: undefined, selection: 'rule', timeZone: 'America/Chicago' },
    counts: { authorizations: 1, revocations: 0, posts: 5, auditEvents: 22 },
    ...(program ? { program: { incidents: 1 } } : {}),
    signer: { subject: 'CN=Riverside', fingerprintSha256: 'ab' },
    certificates: [],
    audit: { firstSeq: 1, lastSeq: 22, events: 22, trailHeadSeq: 22, trailHeadHash: 'cd' },
  }) as unknown as Omit<BundleManifest, 'files'>;

describe('the manifest written in pieces', () => {
  it('is byte for byte the JSON of the whole manifest, for any list of files (none included)', () => {
    fc.assert(
      fc.property(fc.array(file, { maxLength: 12 }), fc.string(), fc.boolean(), (files, practice, program) => {
        const [opening, closing] = manifestJsonAround(head(practice, program), files.length);
        const pieces = opening + files.map((f, i) => manifestFileJson(f, i === 0)).join('') + closing;
        expect(pieces).toBe(`${JSON.stringify({ ...head(practice, program), files }, null, 2)}\n`);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a head in which the list of files would not come last (the pieces would not be the manifest)', () => {
    expect(() => manifestJsonAround({ files: 'first', ...head('x', false) } as never, 0)).toThrow(/last member/);
  });
});
