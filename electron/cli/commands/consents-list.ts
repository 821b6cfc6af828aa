import type { AuthorizationSummary } from '../../../shared/authorization/record';
import { signInFieldNames, withBackend } from '../backend-session';
import { commonHelp, commonOptions, dataDirOption, parseOptions, requirePasswordStdin, required } from '../cli-args';
import { exitCodes } from '../cli-error';
import { readPassword, writeOut } from '../cli-io';
import { JsonArrayWriter } from '../json-stream';
import { everyRow, walkChunkSize, writeAlignedTable } from '../store-walk';
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

    // Loaded with the backend, not at start-up: every command's start pays for what is imported at the top.
    const [{ dayOf }, { statusLabels }] = await Promise.all([import('../../../shared/calendar'), import('../../../shared/authorization/status')]);
    const write = (text: string) => writeOut(io, text);
    await withBackend(dataDir, async (api) => {
      const asOf = dayOf(new Date(), (await api['settings.get']({})).timeZone);
      // A chunk at a time, printed as it comes: memory stays flat however many authorizations there are.
      const authorizations = () => everyRow((after) => api['consents.chunk']({ after, limit: walkChunkSize }));
      if (values.json) {
        const json = new JsonArrayWriter(write, { asOf }, 'authorizations');
        for await (const a of authorizations()) await json.push(listed(a));
        await json.end();
        return;
      }
      const count = await writeAlignedTable(write, ['ID', 'PATIENT', 'STATUS', 'EXPIRES', 'LANG', 'PDF SHA-256'], async function* () {
        for await (const a of authorizations()) yield [a.id, a.patientId, statusLabels[a.status], expiry(listed(a)), a.language, a.pdfSha256 ?? '-'];
      }, 'No authorizations.\n');
      if (count > 0) await write(`\n\n${count} authorization${count === 1 ? '' : 's'}; status as of ${asOf}.\n`);
    }, { signIn: { username: user, password } });
    return exitCodes.ok;
  },
};

function expiry(a: ListedAuthorization): string {
  return a.expiration.kind === 'date' ? a.expiration.date : `event${a.expirationEventAt ? ` (recorded ${a.expirationEventAt.slice(0, 10)})` : ''}`;
}
