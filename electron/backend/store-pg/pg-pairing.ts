import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { ClientBase } from 'pg';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { pairingCodeFromBytes, parsePairingCode, type PairingCode } from '../../../shared/pairing/pairing-code';
import { connectPracticeServer, connectionFailure, type DatabaseCredential, type PracticeServerAddress } from './pg-connection';

/**
 * Pairing a new workstation with the practice server (design section 6,
 * "Pairing"; the PostgreSQL schema's part 8). An administrator's
 * workstation, connected as the app role, makes a one-time code; the new
 * workstation, connected as the `pairing` role (which may do nothing but
 * call two functions), redeems it and gets the app role's credential.
 *
 * On the server, per code: the id, when it expires (10 minutes), the scrypt
 * salt and parameters, SHA-256 of the proof, and the credential sealed with
 * AES-256-GCM under a key derived from the secret. scrypt of the secret
 * gives 64 bytes: the first 32 seal, the last 32 are the proof. So the
 * server (and its dumps) hold neither the secret, nor the credential in
 * clear, nor anything that redeems the code; guessing the 50-bit secret
 * offline costs a scrypt per guess, and the row is gone ten minutes later.
 *
 * `pairing_redeem` (SECURITY DEFINER, search_path pinned, the one thing the
 * pairing role may run besides `pairing_challenge`) takes the id and the
 * proof: a right proof returns the sealed credential and deletes the row,
 * so it works once; a wrong one counts a try, and the fifth deletes the
 * code. The tries are counted by a sequence of the code's own, because
 * nextval() is never rolled back: a caller that wraps its guesses in
 * BEGIN … ROLLBACK still uses them up.
 */

export const pairingLifetimeMs = 10 * 60_000;
export const pairingTries = 5;

export interface PairingKdf {
  N: number;
  r: number;
  p: number;
}

/** About 30 ms and 16 MiB per guess; the code lives 10 minutes and allows 5 tries. */
export const pairingKdf: PairingKdf = { N: 2 ** 14, r: 8, p: 1 };
/** Parameters a server may not lower (a tampered row cannot make the workstation's derivation cheap to follow). */
const minimumKdf: PairingKdf = { N: 2 ** 14, r: 8, p: 1 };

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Part 8 of the PostgreSQL schema: the codes' table and the three
 * functions. Run as the schema's owner (the functions run with its rights).
 * The pairing role itself is made by whoever made the app role (IT, or
 * setup as the cluster's administrator): LOGIN, nothing else; this grants
 * it CONNECT-level use of the schema and EXECUTE on two functions only.
 */
export function pairingSchemaSql(roles: { appRole: string; pairingRole: string }): string {
  for (const role of [roles.appRole, roles.pairingRole]) {
    if (!identifier.test(role)) throw new Error(`"${role}" is not a plain PostgreSQL role name.`);
  }
  const { appRole, pairingRole } = roles;
  return `
    CREATE TABLE pairing_codes (
      id text PRIMARY KEY CHECK (id ~ '^[0-9A-HJKMNP-TV-Z]{5}$'),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      created_by text,
      kdf_salt bytea NOT NULL CHECK (octet_length(kdf_salt) = 16),
      kdf_n integer NOT NULL CHECK (kdf_n >= 16384),
      kdf_r integer NOT NULL CHECK (kdf_r >= 8),
      kdf_p integer NOT NULL CHECK (kdf_p >= 1),
      proof_sha256 bytea NOT NULL CHECK (octet_length(proof_sha256) = 32),
      sealed_credential bytea NOT NULL,
      -- The sequence that counts this code's tries (a random name: the catalog, which any role can read, names no code).
      tries_counter text NOT NULL UNIQUE CHECK (tries_counter ~ '^pairing_tries_[0-9a-f]{32}$'),
      CHECK (expires_at > created_at)
    );
    REVOKE ALL ON pairing_codes FROM PUBLIC;

    -- Codes that expired unredeemed, with their counters.
    CREATE FUNCTION pairing_sweep() RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    DECLARE c record;
    BEGIN
      FOR c IN DELETE FROM public.pairing_codes WHERE expires_at <= clock_timestamp() RETURNING tries_counter LOOP
        EXECUTE format('DROP SEQUENCE IF EXISTS public.%I', c.tries_counter);
      END LOOP;
    END $$;

    -- A new code, by an administrator's workstation (the app role). Its life ends 10 minutes after the
    -- earlier of the given time and the server's own clock: a workstation's clock can shorten it, never lengthen it.
    CREATE FUNCTION pairing_create(p_id text, p_created_at timestamptz, p_created_by text, p_kdf_salt bytea,
        p_kdf_n integer, p_kdf_r integer, p_kdf_p integer, p_proof_sha256 bytea, p_sealed_credential bytea)
      RETURNS timestamptz
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    DECLARE
      v_counter text := 'pairing_tries_' || replace(gen_random_uuid()::text, '-', '');
      v_created timestamptz := least(p_created_at, clock_timestamp());
      v_expires timestamptz := least(p_created_at, clock_timestamp()) + interval '${pairingLifetimeMs / 1000} seconds';
    BEGIN
      PERFORM public.pairing_sweep();
      EXECUTE format('CREATE SEQUENCE public.%I MINVALUE 1 START 1 NO CYCLE', v_counter);
      INSERT INTO public.pairing_codes (id, created_at, expires_at, created_by, kdf_salt, kdf_n, kdf_r, kdf_p, proof_sha256, sealed_credential, tries_counter)
        VALUES (p_id, v_created, v_expires, p_created_by, p_kdf_salt, p_kdf_n, p_kdf_r, p_kdf_p, p_proof_sha256, p_sealed_credential, v_counter);
      RETURN v_expires;
    END $$;

    -- An administrator withdraws a code before it is used.
    CREATE FUNCTION pairing_cancel(p_id text) RETURNS boolean
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    DECLARE v_counter text;
    BEGIN
      DELETE FROM public.pairing_codes WHERE id = p_id RETURNING tries_counter INTO v_counter;
      IF v_counter IS NULL THEN RETURN false; END IF;
      EXECUTE format('DROP SEQUENCE IF EXISTS public.%I', v_counter);
      RETURN true;
    END $$;

    -- What the new workstation needs to derive its proof: the salt and parameters, nothing that opens anything.
    CREATE FUNCTION pairing_challenge(p_id text)
      RETURNS TABLE (state text, kdf_salt bytea, kdf_n integer, kdf_r integer, kdf_p integer)
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    DECLARE c public.pairing_codes%ROWTYPE;
    BEGIN
      SELECT * INTO c FROM public.pairing_codes WHERE id = p_id;
      IF NOT FOUND THEN RETURN QUERY SELECT 'unknown'::text, NULL::bytea, NULL::integer, NULL::integer, NULL::integer; RETURN; END IF;
      IF c.expires_at <= clock_timestamp() THEN RETURN QUERY SELECT 'expired'::text, NULL::bytea, NULL::integer, NULL::integer, NULL::integer; RETURN; END IF;
      RETURN QUERY SELECT 'ready'::text, c.kdf_salt, c.kdf_n, c.kdf_r, c.kdf_p;
    END $$;

    -- The proof of the secret for the sealed credential, once.
    CREATE FUNCTION pairing_redeem(p_id text, p_proof bytea)
      RETURNS TABLE (outcome text, tries_left integer, credential bytea)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    DECLARE
      c public.pairing_codes%ROWTYPE;
      v_try bigint;
    BEGIN
      -- Two workstations with the same code: the second waits here, then finds no row.
      SELECT * INTO c FROM public.pairing_codes WHERE id = p_id FOR UPDATE;
      IF NOT FOUND THEN RETURN QUERY SELECT 'unknown'::text, 0, NULL::bytea; RETURN; END IF;
      IF c.expires_at <= clock_timestamp() THEN
        DELETE FROM public.pairing_codes WHERE id = p_id;
        EXECUTE format('DROP SEQUENCE IF EXISTS public.%I', c.tries_counter);
        RETURN QUERY SELECT 'expired'::text, 0, NULL::bytea; RETURN;
      END IF;
      -- Counted before the proof is looked at, and never rolled back.
      v_try := nextval(format('public.%I', c.tries_counter)::regclass);
      IF v_try > ${pairingTries} THEN
        DELETE FROM public.pairing_codes WHERE id = p_id;
        EXECUTE format('DROP SEQUENCE IF EXISTS public.%I', c.tries_counter);
        RETURN QUERY SELECT 'void'::text, 0, NULL::bytea; RETURN;
      END IF;
      IF p_proof IS NOT NULL AND octet_length(p_proof) = 32 AND sha256(p_proof) = c.proof_sha256 THEN
        DELETE FROM public.pairing_codes WHERE id = p_id;
        EXECUTE format('DROP SEQUENCE IF EXISTS public.%I', c.tries_counter);
        RETURN QUERY SELECT 'paired'::text, 0, c.sealed_credential; RETURN;
      END IF;
      IF v_try >= ${pairingTries} THEN
        DELETE FROM public.pairing_codes WHERE id = p_id;
        EXECUTE format('DROP SEQUENCE IF EXISTS public.%I', c.tries_counter);
        RETURN QUERY SELECT 'void'::text, 0, NULL::bytea; RETURN;
      END IF;
      RETURN QUERY SELECT 'wrong'::text, (${pairingTries} - v_try)::integer, NULL::bytea;
    END $$;

    REVOKE ALL ON FUNCTION pairing_sweep(), pairing_cancel(text), pairing_challenge(text), pairing_redeem(text, bytea),
      pairing_create(text, timestamptz, text, bytea, integer, integer, integer, bytea, bytea) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION pairing_create(text, timestamptz, text, bytea, integer, integer, integer, bytea, bytea), pairing_cancel(text) TO ${appRole};
    GRANT SELECT (id, created_at, expires_at, created_by) ON pairing_codes TO ${appRole};
    GRANT USAGE ON SCHEMA public TO ${pairingRole};
    GRANT EXECUTE ON FUNCTION pairing_challenge(text), pairing_redeem(text, bytea) TO ${pairingRole};
  `;
}

/** Part 8 in one transaction, as the schema's owner. */
export async function createPairingSchema(owner: ClientBase, roles: { appRole: string; pairingRole: string }): Promise<void> {
  await owner.query('BEGIN');
  try {
    await owner.query(pairingSchemaSql(roles));
    await owner.query('COMMIT');
  } catch (error) {
    await owner.query('ROLLBACK');
    throw error;
  }
}

const scryptAsync = promisify(crypto.scrypt) as (password: crypto.BinaryLike, salt: crypto.BinaryLike, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

async function deriveFromSecret(code: PairingCode, salt: Buffer, kdf: PairingKdf): Promise<{ sealKey: Buffer; proof: Buffer }> {
  const maxmem = 128 * kdf.N * kdf.r * kdf.p + 32 * 1024 * 1024;
  const material = await scryptAsync(`consent-desk-pairing/v1\u0000${code.id}\u0000${code.secret}`, salt, 64, { ...kdf, maxmem });
  return { sealKey: material.subarray(0, 32), proof: material.subarray(32, 64) };
}

const associated = (id: string) => Buffer.from(`consent-desk-pairing-credential/v1\u0000${id}`, 'utf8');
const envelopeVersion = 1;

function seal(sealKey: Buffer, id: string, plaintext: Buffer): Buffer {
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', sealKey, nonce);
  cipher.setAAD(associated(id));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([envelopeVersion]), nonce, body, cipher.getAuthTag()]);
}

function open(sealKey: Buffer, id: string, sealed: Buffer): Buffer {
  if (sealed.length < 1 + 12 + 16 || sealed[0] !== envelopeVersion) throw new Error('unknown envelope');
  const decipher = crypto.createDecipheriv('aes-256-gcm', sealKey, sealed.subarray(1, 13));
  decipher.setAAD(associated(id));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(13, sealed.length - 16)), decipher.final()]);
}

const credentialSchema = z.object({
  format: z.literal('consent-desk-pairing-credential'),
  version: z.literal(1),
  user: z.string().min(1),
  password: z.string().min(1),
});

export interface IssuedPairingCode {
  code: PairingCode;
  expiresAt: string;
}

/**
 * A new code sealing `credential` (the app role's, as the administrator's
 * workstation holds it). `now` is the workstation's clock (tests pass
 * theirs); the server's own clock caps the code's life. Call it on a
 * connection as the app role, outside any other transaction's work.
 */
export async function createPairingCode(
  client: ClientBase,
  credential: DatabaseCredential,
  options: { now: Date; createdBy: string | null; kdf?: PairingKdf; random?: (n: number) => Buffer },
): Promise<IssuedPairingCode> {
  const random = options.random ?? crypto.randomBytes;
  const kdf = options.kdf ?? pairingKdf;
  for (let attempt = 1; ; attempt += 1) {
    const code = pairingCodeFromBytes(random(15));
    const salt = random(16);
    const { sealKey, proof } = await deriveFromSecret(code, salt, kdf);
    const plaintext = Buffer.from(JSON.stringify({ format: 'consent-desk-pairing-credential', version: 1, user: credential.user, password: credential.password }), 'utf8');
    const sealed = seal(sealKey, code.id, plaintext);
    plaintext.fill(0);
    sealKey.fill(0);
    try {
      const result = await client.query<{ expires_at: Date }>('SELECT pairing_create($1, $2, $3, $4, $5, $6, $7, $8, $9) AS expires_at', [
        code.id,
        options.now,
        options.createdBy,
        salt,
        kdf.N,
        kdf.r,
        kdf.p,
        crypto.createHash('sha256').update(proof).digest(),
        sealed,
      ]);
      return { code, expiresAt: result.rows[0]!.expires_at.toISOString() };
    } catch (error) {
      // Another live code has this id (one in 33 million): draw again.
      if ((error as { code?: string }).code === '23505' && attempt < 4) continue;
      throw error;
    } finally {
      proof.fill(0);
    }
  }
}

/** Withdraw a code before it is used (the administrator's "Cancel"): true when there was one. */
export async function cancelPairingCode(client: ClientBase, id: string): Promise<boolean> {
  const result = await client.query<{ cancelled: boolean }>('SELECT pairing_cancel($1) AS cancelled', [id]);
  return result.rows[0]?.cancelled === true;
}

const askForNew = 'Ask an administrator for a new code (Staff, "Pair a workstation").';

/**
 * The new workstation's side: the typed code for the app role's credential,
 * opened here. `client` is connected as the pairing role (with
 * practiceConnectionOptions: the server's certificate is checked before
 * the code's proof is sent). The secret never leaves this process; the
 * errors name neither it nor the credential.
 */
export async function redeemPairingCode(client: ClientBase, typed: string): Promise<DatabaseCredential> {
  const parsed = parsePairingCode(typed);
  if (!parsed.ok) {
    const why =
      parsed.problem === 'length'
        ? 'A pairing code has 16 letters and digits (four groups of four).'
        : parsed.problem === 'character'
          ? 'A pairing code has only the letters and digits shown on the administrator’s screen.'
          : 'One of its characters was mistyped (or two were swapped). Check it against the administrator’s screen.';
    throw new AppError('validation', `That is not a pairing code. ${why} No try was used.`, { issues: [{ path: 'code', message: why }] });
  }
  const { code } = parsed;
  const challenge = (
    await client.query<{ state: string; kdf_salt: Buffer | null; kdf_n: number | null; kdf_r: number | null; kdf_p: number | null }>(
      'SELECT state, kdf_salt, kdf_n, kdf_r, kdf_p FROM pairing_challenge($1)',
      [code.id],
    )
  ).rows[0];
  if (!challenge || challenge.state === 'unknown') {
    throw new AppError('not_found', `This pairing code is not known to the server: it was used already, cancelled, or entered wrongly five times. ${askForNew}`);
  }
  if (challenge.state === 'expired') throw new AppError('validation', `This pairing code has expired (a code lasts 10 minutes). ${askForNew}`);
  const kdf: PairingKdf = { N: challenge.kdf_n!, r: challenge.kdf_r!, p: challenge.kdf_p! };
  if (kdf.N < minimumKdf.N || kdf.r < minimumKdf.r || kdf.p < minimumKdf.p || challenge.kdf_salt!.length !== 16) {
    throw new AppError('server_untrusted', 'The server asked for a pairing with weakened protection, so the code was not used. Tell whoever set up the server.');
  }
  const { sealKey, proof } = await deriveFromSecret(code, challenge.kdf_salt!, kdf);
  try {
    const answer = (await client.query<{ outcome: string; tries_left: number; credential: Buffer | null }>('SELECT outcome, tries_left, credential FROM pairing_redeem($1, $2)', [code.id, proof])).rows[0];
    switch (answer?.outcome) {
      case 'paired': {
        let credential: z.output<typeof credentialSchema>;
        try {
          credential = credentialSchema.parse(JSON.parse(open(sealKey, code.id, answer.credential!).toString('utf8')));
        } catch {
          throw new AppError('server_untrusted', `The server accepted the code but what it sent back does not open with it. ${askForNew}`);
        }
        return { user: credential.user, password: credential.password };
      }
      case 'wrong':
        throw new AppError(
          'unauthorized',
          `That pairing code is not right. ${answer.tries_left === 1 ? '1 try is' : `${answer.tries_left} tries are`} left before the code is cancelled.`,
        );
      case 'void':
        throw new AppError('unauthorized', `That pairing code was entered wrongly five times and is now cancelled. ${askForNew}`);
      case 'expired':
        throw new AppError('validation', `This pairing code has expired (a code lasts 10 minutes). ${askForNew}`);
      default:
        throw new AppError('not_found', `This pairing code is not known to the server: it was used already, cancelled, or entered wrongly five times. ${askForNew}`);
    }
  } finally {
    sealKey.fill(0);
    proof.fill(0);
  }
}

/** The pairing role's name by default (IT makes it, LOGIN only, beside the app role). */
export const defaultPairingRole = 'consent_desk_pairing';

/**
 * Everything a new workstation does to pair: connect as the pairing role
 * with verify-full (a server that cannot prove it is the practice's never
 * sees the code's proof), redeem the typed code, disconnect. Returns the app
 * role's credential for the workstation to keep in its protected settings.
 */
export async function pairWorkstation(input: {
  server: PracticeServerAddress;
  caPem: string | null;
  pairingRole: DatabaseCredential;
  typedCode: string;
}): Promise<DatabaseCredential> {
  const client = await connectPracticeServer({ server: input.server, caPem: input.caPem, credential: input.pairingRole, applicationName: 'consent-desk-pairing' });
  try {
    return await redeemPairingCode(client, input.typedCode);
  } catch (error) {
    throw connectionFailure(error, input.server);
  } finally {
    await client.end().catch(() => undefined);
  }
}
