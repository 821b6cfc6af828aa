import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, exitCodes } from '../cli-error';
import type { CliCommand } from '../command';

const name = 'verify-bundle';

export const verifyBundleCommand: CliCommand = {
  name,
  summary: 'Check an audit bundle (no data folder, no password): exit 1 naming each problem.',
  help: `Usage: consent-desk verify-bundle FILE [--certificate-fingerprint SHA256]

Checks an audit bundle exported by Consent Desk, with nothing but the file:
the manifest's signature and that the certificate in the bundle made it;
every file's SHA-256 and size; that no file is missing and none was added;
every PDF's digital signature (verified here, without poppler); and the
audit excerpt's hash chain, every event recomputed.

Prints what was checked and exits 0 when everything holds; otherwise prints
each problem on its own line on stderr and exits 1.

Options:
  --certificate-fingerprint SHA256
                     Also require the bundle to be signed by this certificate
                     (its SHA-256 fingerprint, as the practice gives it to you).
`,
  async run(argv, io) {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: { 'certificate-fingerprint': { type: 'string' } }, strict: true, allowPositionals: true });
    } catch (error) {
      throw new UsageError(name, error instanceof Error ? error.message.split('. ')[0]!.replace(/\.?$/, '.') : String(error));
    }
    const [file, ...extra] = parsed.positionals;
    if (!file) throw new UsageError(name, 'Missing FILE, the bundle to check.');
    if (extra.length) throw new UsageError(name, `Unexpected argument '${extra[0]}'.`);
    const expected = parsed.values['certificate-fingerprint']?.replace(/[:\s]/g, '').toLowerCase();
    if (expected !== undefined && !/^[0-9a-f]{64}$/.test(expected)) {
      throw new UsageError(name, '--certificate-fingerprint must be a SHA-256 fingerprint (64 hex digits).');
    }

    const { verifyBundle } = await import('../../backend/export/bundle-verify');
    const result = await verifyBundle(path.resolve(file));
    const failures = [...result.failures];
    if (expected && result.signer && result.signer.fingerprintSha256 !== expected) {
      failures.push(`practice-certificate.pem: not the certificate you expected (its fingerprint is ${result.signer.fingerprintSha256}).`);
    }
    for (const failure of failures) io.err(`consent-desk: ${failure.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
    const c = result.checked;
    const summary = [
      `Bundle: ${path.basename(file)}`,
      ...(result.manifest
        ? [
            `Practice: ${result.manifest.practice.name}`,
            `Range: ${result.manifest.parameters.from} to ${result.manifest.parameters.to}; made ${result.manifest.createdAt}`,
          ]
        : []),
      ...(result.signer ? [`Signed by: ${result.signer.subject} (SHA-256 ${result.signer.fingerprintSha256})`] : []),
      `Checked: ${c.files} files, ${c.pdfSignatures} PDF signatures, ${c.auditEvents} audit events`,
      failures.length === 0 ? 'Bundle intact: every file matches its signed manifest and every signature is valid.' : `Bundle NOT intact: ${failures.length} problem(s).`,
      ...(expected === undefined && failures.length === 0
        ? ['Signer not checked: to know the practice made it, compare the fingerprint above with the one the practice gave you, or pass --certificate-fingerprint.']
        : expected !== undefined && failures.length === 0
          ? ['Signer: the certificate you expected.']
          : []),
      '',
    ];
    io.out(summary.join('\n'));
    return failures.length === 0 ? exitCodes.ok : exitCodes.checkFailed;
  },
};
