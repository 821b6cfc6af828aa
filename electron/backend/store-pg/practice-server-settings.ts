import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { writeFileAtomicInPool } from '../store/atomic-file';
import type { ExternalAnchorStore } from '../store/rollback-anchor';
import { practiceConnectionOptions, type ConnectionOptionsInput, type PracticeServerAddress } from './pg-connection';

/**
 * How this workstation reaches the practice server (design section 6,
 * "Pairing": "the new workstation stores the credential in its own
 * protected settings"): a small file in the data folder,
 * `practice-server.json`, with the server's address, the database, the
 * app account's user name and the practice's CA (the PEM itself, or the
 * path of a PEM file), and NO password. The paired credential's password is
 * kept apart, through a keeper with the `ExternalAnchorStore` shape (in the
 * app the main process's keeper, OS-sealed where it can; `folderHeadMemory`
 * in tests and the CLI), under `practice-server-credential`, with the server
 * and user it belongs to beside it, so a password kept for another server
 * is never sent to this one.
 *
 * - `savePracticeServer(dataDir, settings, password, keeper)`: checked as
 *   `practiceConnectionOptions` would check it (a weaker TLS mode or a
 *   missing CA is refused before anything is kept); the password first,
 *   then the file (tmp written and fsynced, renamed, folder fsynced), so a
 *   kill leaves the old settings or the new ones.
 * - `readPracticeServer(dataDir, keeper)` → `{ settings, connection }` (the
 *   `ConnectionOptionsInput` openServerStore takes) or null when this
 *   workstation has no practice server. A damaged file, a missing CA file or
 *   a missing or mismatched password is `store_damaged` in words, never a
 *   crash.
 * - `forgetPracticeServer(dataDir, keeper)`: the file removed, then the
 *   kept password overwritten with nothing (the keeper has no delete).
 * - `parsePracticeServerSettings(text)`: the file's parser alone.
 *
 * The head memory's key is `headMemoryKey(connection.credential.password)`.
 */

export const practiceServerFileName = 'practice-server.json';
export const practiceServerCredentialName = 'practice-server-credential';

const sslModes = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;

const settingsSchema = z
  .object({
    format: z.literal('consent-desk-practice-server'),
    version: z.literal(1),
    server: z
      .object({
        /** The server's name as its certificate names it (libpq's host), or a socket folder on this computer. */
        host: z.string().min(1).max(1024),
        /** The address dialled when it is not `host` (libpq's hostaddr). */
        hostaddr: z.string().min(1).max(64).optional(),
        port: z.number().int().min(1).max(65_535).optional(),
        database: z.string().min(1).max(63),
        sslmode: z.enum(sslModes).optional(),
      })
      .strict(),
    /** The paired app account's user name (its password is in the keeper). */
    user: z.string().min(1).max(63),
    /** The practice's CA: the PEM, or the path of a PEM file; null only for a server on this computer without TLS. */
    ca: z.union([z.object({ pem: z.string().min(1) }).strict(), z.object({ file: z.string().min(1) }).strict(), z.null()]),
  })
  .strict();

export type PracticeServerSettings = z.output<typeof settingsSchema>;

const credentialSchema = z
  .object({
    format: z.literal('consent-desk-practice-server-credential'),
    version: z.literal(1),
    server: z.string(),
    user: z.string(),
    password: z.string().min(1),
  })
  .strict();

const practiceServerFile = (dataDir: string) => path.join(dataDir, practiceServerFileName);
/** Which server and account a kept password belongs to. */
const serverKey = (s: PracticeServerSettings) => `${s.server.host}\u0000${s.server.hostaddr ?? ''}\u0000${s.server.port ?? 5432}\u0000${s.server.database}`;

function damaged(what: string): AppError {
  return new AppError('store_damaged', `This computer’s settings for the practice server are damaged (${what}). Nothing was sent to the server. Set up the connection to the practice server again (pair this workstation again).`);
}

/** The settings in `text`, or `store_damaged` saying what is wrong; never throws anything else. */
export function parsePracticeServerSettings(text: string): PracticeServerSettings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw damaged(`${practiceServerFileName} is not readable JSON`);
  }
  const result = settingsSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw damaged(`${practiceServerFileName}: ${issue ? `${issue.path.join('.') || 'the file'} ${issue.message.toLowerCase()}` : 'unexpected content'}`);
  }
  return result.data;
}

function caPemOf(settings: PracticeServerSettings): string | null {
  if (settings.ca === null) return null;
  if ('pem' in settings.ca) return settings.ca.pem;
  try {
    return fs.readFileSync(settings.ca.file, 'utf8');
  } catch (error) {
    throw damaged(`the practice’s CA file ${settings.ca.file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

function connectionOf(settings: PracticeServerSettings, password: string): ConnectionOptionsInput {
  const server: PracticeServerAddress = { host: settings.server.host, database: settings.server.database };
  if (settings.server.hostaddr !== undefined) server.hostaddr = settings.server.hostaddr;
  if (settings.server.port !== undefined) server.port = settings.server.port;
  if (settings.server.sslmode !== undefined) server.sslmode = settings.server.sslmode;
  return { server, credential: { user: settings.user, password }, caPem: caPemOf(settings) };
}

/** Keep the settings (file) and the paired password (keeper); refused, with nothing kept, when the connection would be refused. */
export async function savePracticeServer(dataDir: string, settings: PracticeServerSettings, password: string, keeper: ExternalAnchorStore): Promise<void> {
  const checked = settingsSchema.safeParse(settings);
  if (!checked.success) throw new AppError('validation', `The practice server's settings are not valid: ${checked.error.issues[0]?.path.join('.') ?? ''} ${checked.error.issues[0]?.message ?? ''}`.trim());
  if (!password) throw new AppError('validation', 'The practice server account’s password is missing.');
  // Refusals (weaker TLS, no CA, a server certificate given as the CA) before anything is kept.
  practiceConnectionOptions(connectionOf(checked.data, password));
  const credential = { format: 'consent-desk-practice-server-credential', version: 1, server: serverKey(checked.data), user: checked.data.user, password } as const;
  await keeper.write(practiceServerCredentialName, JSON.stringify(credential));
  await writeFileAtomicInPool(practiceServerFile(dataDir), `${JSON.stringify(checked.data, null, 2)}\n`);
}

/** This workstation's practice server and the connection options for it, or null when it has none. */
export async function readPracticeServer(dataDir: string, keeper: ExternalAnchorStore): Promise<{ settings: PracticeServerSettings; connection: ConnectionOptionsInput } | null> {
  let text: string;
  try {
    text = await fs.promises.readFile(practiceServerFile(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw damaged(`${practiceServerFileName} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const settings = parsePracticeServerSettings(text);
  const kept = await keeper.read(practiceServerCredentialName);
  if (!kept) throw damaged('the database password this computer was paired with is missing');
  let credential: z.output<typeof credentialSchema>;
  try {
    credential = credentialSchema.parse(JSON.parse(kept));
  } catch {
    throw damaged('the kept database password cannot be read');
  }
  if (credential.server !== serverKey(settings) || credential.user !== settings.user) {
    throw damaged('the kept database password belongs to another server or account');
  }
  return { settings, connection: connectionOf(settings, credential.password) };
}

/** This workstation no longer uses a practice server: the file removed, then the kept password overwritten with nothing. */
export async function forgetPracticeServer(dataDir: string, keeper: ExternalAnchorStore): Promise<void> {
  await fs.promises.rm(practiceServerFile(dataDir), { force: true });
  await keeper.write(practiceServerCredentialName, '');
}
