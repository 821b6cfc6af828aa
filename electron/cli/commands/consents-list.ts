import type { AuthorizationSummary } from '../../../shared/authorization/record';
import type { AuthorizationStatus } from '../../../shared/authorization/status';
import { signIn, signInFieldNames, withBackend } from '../backend-session';
import { commonHelp, commonOptions, dataDirOption, parseOptions, requirePasswordStdin, required } from '../cli-args';
import { exitCodes } from '../cli-error';
import { readPassword } from '../cli-io';
import type { CliCommand } from '../command';

const name = 'consents list';

/** One authorization as `consents list --json` prints it. */
export interface ListedAuthorization {
  id: string;
  patientId: string;
  /** As of the day printed beside the list (`asOf`). */
  status: AuthorizationSummary['status'];
  stage: AuthorizationSummary['stage'];
  language: AuthorizationSummary['language'];
  templateVersion: number;
  scope: AuthorizationSummary['terms']['scope'];
  expiration: AuthorizationSummary['terms']['expiration'];
  expirationEventAt: string | null;
  remuneration: AuthorizationSummary['terms']['remuneration'];
  representative: AuthorizationSummary['terms']['representative'];
  createdAt: string;
  signedAt: string | null;
  witnessedAt: string | null;
  revokedAt: string | null;
  /** The SHA-256 of the signed PDF as stored; `consents pdf` writes exactly those bytes. */
  pdfSha256: string | null;
}

export function listed(a: AuthorizationSummary): ListedAuthorization {
  return {
    id: a.id,
    patientId: a.patientId,
    status: a.status,
    stage: a.stage,
    language: a.language,
    templateVersion: a.templateVersion,
    scope: a.terms.scope,
    expiration: a.terms.expiration,
    expirationEventAt: a.expirationEventAt,
    remuneration: a.terms.remuneration,
    representative: a.terms.representative,
    createdAt: a.createdAt,
    signedAt: a.signedAt,
    witnessedAt: a.witnessedAt,
    revokedAt: a.revokedAt,
    pdfSha256: a.pdfSha256,
  };
}

export const consentsListCommand: CliCommand = {
  name,
  summary: 'Every authorization: status today, scope, expiry and the signed PDF’s SHA-256.',
  help: `Usage: consent-desk consents list --data-dir DIR --user USER --password-stdin [--json]

Signs in (administrators and front desk) and lists every authorization of
every patient, oldest first: its id, the patient's id, its status as of today
(draft, awaiting witness, active, expiring soon, expired, revoked), what it
covers, when it expires and the SHA-256 of its signed PDF. Patients appear by
id only; the app shows their names.

Options:
${commonHelp.dataDir}
  --user USER        Who signs in.
${commonHelp.passwordStdin}
  --json             Print one JSON object: {"asOf": day, "authorizations": [...]}.

Example:
  printf '%s' "$PASSWORD" | consent-desk consents list --data-dir ./data --user admin --password-stdin --json \\
      | jq -r '.authorizations[] | select(.status == "expiring_soon") | .id'
`,
  fieldNames: signInFieldNames,
  async run(argv, io) {
    const values = parseOptions(name, argv, { ...commonOptions, user: { type: 'string' }, json: { type: 'boolean' } });
    const dataDir = dataDirOption(name, values['data-dir']);
    const user = required(name, values.user, 'user', 'USER');
    requirePasswordStdin(name, values['password-stdin']);
    const password = await readPassword(io);

    const { all, timeZone } = await withBackend(dataDir, async (api) => {
      await signIn(api, user, password);
      return { all: await api['consents.list']({}), timeZone: (await api['settings.get']({})).timeZone };
    });
    const authorizations = all.map(listed);
    // Loaded after the backend, not at start-up: every command's start pays for what is imported at the top.
    const [{ dayOf }, { statusLabels }] = await Promise.all([import('../../../shared/calendar'), import('../../../shared/authorization/status')]);
    const asOf = dayOf(new Date(), timeZone);
    io.out(values.json ? `${JSON.stringify({ asOf, authorizations }, null, 2)}\n` : listText(asOf, authorizations, statusLabels));
    return exitCodes.ok;
  },
};

function expiry(a: ListedAuthorization): string {
  return a.expiration.kind === 'date' ? a.expiration.date : `event${a.expirationEventAt ? ` (recorded ${a.expirationEventAt.slice(0, 10)})` : ''}`;
}

function listText(asOf: string, list: ListedAuthorization[], statusLabels: Record<AuthorizationStatus, string>): string {
  if (list.length === 0) return 'No authorizations.\n';
  const rows = [
    ['ID', 'PATIENT', 'STATUS', 'EXPIRES', 'LANG', 'PDF SHA-256'],
    ...list.map((a) => [a.id, a.patientId, statusLabels[a.status], expiry(a), a.language, a.pdfSha256 ?? '-']),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
  return `${lines.join('\n')}\n\n${list.length} authorization${list.length === 1 ? '' : 's'}; status as of ${asOf}.\n`;
}
