import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Language } from '../../../shared/authorization/scope';
import { patientLanguageCodes as languages } from '../../../shared/patient-language/codes';
import { CliError, UsageError, exitCodes } from '../cli-error';
import type { CliCommand } from '../command';

const name = 'check-authorization';

export const checkAuthorizationCommand: CliCommand = {
  name,
  summary: 'Read an authorization PDF (pdftotext) and report each 164.508(c) element: exit 1 when one is missing.',
  help: `Usage: consent-desk check-authorization FILE.pdf [--language ${languages.join('|')}] [--json]

Reads the text of an authorization PDF with pdftotext (poppler-utils), as an
auditor's tools would, and reports for each element and statement of 45 CFR
164.508(c) whether it is present: the information, who discloses it, the
recipients, the purposes, the expiration, the signature and date, the
representative and their authority (when one signed), the remuneration and
payer (when paid), the right to revoke in writing with its exception and
where to send it, no conditioning of treatment, redisclosure, and the copy.
English and Spanish authorizations are recognised from their text.

Exits 0 when every element is present, 1 when one is missing.

Options:
  --language CODE    The authorization's language, instead of recognising it.
  --json             Print the report as JSON.
`,
  async run(argv, io) {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: { language: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true, allowPositionals: true });
    } catch (error) {
      throw new UsageError(name, error instanceof Error ? error.message.split('. ')[0]!.replace(/\.?$/, '.') : String(error));
    }
    const [file, ...extra] = parsed.positionals;
    if (!file) throw new UsageError(name, 'Missing FILE, the authorization PDF to check.');
    if (extra.length) throw new UsageError(name, `Unexpected argument '${extra[0]}'.`);
    const language = parsed.values.language as Language | undefined;
    if (language !== undefined && !(languages as readonly string[]).includes(language)) throw new UsageError(name, `--language must be one of ${languages.join(', ')}.`);

    const { checkAuthorizationPdf } = await import('../../backend/pdf/check-authorization-pdf');
    let check;
    try {
      check = checkAuthorizationPdf(path.resolve(file), language);
    } catch (error) {
      throw new CliError(error instanceof Error ? error.message : String(error));
    }
    if (parsed.values.json) {
      io.out(`${JSON.stringify(check, null, 2)}\n`);
    } else {
      const mark = { present: 'present', missing: 'MISSING', not_applicable: 'n/a' } as const;
      io.out(
        [
          `Authorization: ${path.basename(file)} (${check.language ?? 'language not recognised'})`,
          ...check.items.map((i) => `${mark[i.status].padEnd(8)} ${i.label}: ${i.detail}`),
          check.complete ? 'Every required element and statement is present.' : `Incomplete: ${check.items.filter((i) => i.status === 'missing').length} missing.`,
          '',
        ].join('\n'),
      );
    }
    return check.complete ? exitCodes.ok : exitCodes.checkFailed;
  },
};
