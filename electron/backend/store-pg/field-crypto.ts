import crypto from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { foldForSearch, nameTokens, recordNumberToken } from '../../../shared/search/search-tokens';

/**
 * Encryption before the wire, for the PostgreSQL store: every PHI field and
 * blob is sealed on the workstation with a key derived from the practice's
 * data key, so the server, its backups and its administrator see only
 * ciphertext. Equality and prefix search use keyed blind indexes instead of
 * plaintext. See docs/design/postgres-store.md for what the server still learns.
 */

/** Where a sealed value lives. It is the associated data: a ciphertext moved to another row or column does not open. */
export interface FieldContext {
  table: string;
  column: string;
  /** The row's id (a UUID, or the audit event's number as text). */
  recordId: string;
}

/** One generation of the practice data key; the key id is stored in every envelope so keys can rotate. */
export interface DataKeyGeneration {
  keyId: number;
  dataKey: Buffer;
}

export type FieldDecryptionFailure =
  /** Too short, or its padding is wrong: not an envelope this app wrote. */
  | 'malformed'
  /** Written by a newer envelope format. */
  | 'unsupported_version'
  /** Sealed with a key this workstation does not hold (retired, or from another practice). */
  | 'unknown_key'
  /** The tag does not match: the bytes were changed, or the value belongs to another row or column. */
  | 'not_authentic';

/** A sealed value that cannot be opened. The message is for people; `reason` and `context` are for the log. */
export class FieldDecryptionError extends AppError {
  readonly reason: FieldDecryptionFailure;
  readonly context: FieldContext;

  constructor(reason: FieldDecryptionFailure, context: FieldContext) {
    super(
      'store_damaged',
      reason === 'unknown_key'
        ? 'A record on the practice server is locked with a key this computer does not have. Sign out and in again; if it persists, ask your privacy officer.'
        : 'A record on the practice server could not be read: it was changed outside Consent Desk. Nothing was changed here; tell your privacy officer.',
    );
    this.reason = reason;
    this.context = context;
  }
}

/** The envelope's layout, version 1: version (1) | key id (4, big-endian) | nonce (12) | ciphertext | tag (16). */
const envelopeVersion = 1;
const headerLength = 1 + 4;
const nonceLength = 12;
const tagLength = 16;
/** Plaintext is padded to a multiple of this many bytes, so a ciphertext tells a name's length only roughly. */
const paddingBlock = 32;
const minEnvelopeLength = headerLength + nonceLength + paddingBlock + tagLength;

const hkdfSalt = Buffer.from('consent-desk/postgres-store');
const fieldKeyInfo = 'field-encryption/v1';
const blindIndexKeyInfo = 'blind-index/v1';

function derive(dataKey: Buffer, info: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', dataKey, hkdfSalt, info, 32));
}

/** Length-prefixed parts, so ("ab", "c") and ("a", "bc") never encode alike. */
function lengthPrefixed(...parts: (string | Buffer)[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    chunks.push(length, bytes);
  }
  return Buffer.concat(chunks);
}

function associatedData(header: Buffer, context: FieldContext): Buffer {
  return lengthPrefixed('consent-desk/field', header, context.table, context.column, context.recordId);
}

/** ISO/IEC 7816-4 padding: 0x80 then zeros up to the block. */
function pad(plaintext: Buffer): Buffer {
  const padded = Buffer.alloc((Math.floor(plaintext.length / paddingBlock) + 1) * paddingBlock);
  plaintext.copy(padded);
  padded[plaintext.length] = 0x80;
  return padded;
}

function unpad(padded: Buffer): Buffer | null {
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  return end >= 0 && padded[end] === 0x80 ? padded.subarray(0, end) : null;
}

function checkKeyId(keyId: number): void {
  if (!Number.isInteger(keyId) || keyId < 0 || keyId > 0xffff_ffff) throw new Error(`Key id ${keyId} is not a 32-bit unsigned integer.`);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Seals and opens field values with AES-256-GCM under the current data key, opening any key generation it holds. */
export class FieldCipher {
  private readonly fieldKeys = new Map<number, Buffer>();
  private readonly blindKeys = new Map<number, Buffer>();

  constructor(generations: readonly DataKeyGeneration[], readonly currentKeyId: number) {
    for (const { keyId, dataKey } of generations) {
      checkKeyId(keyId);
      if (dataKey.length !== 32) throw new Error('A practice data key is 32 bytes.');
      if (this.fieldKeys.has(keyId)) throw new Error(`Key id ${keyId} is given twice.`);
      this.fieldKeys.set(keyId, derive(dataKey, fieldKeyInfo));
      this.blindKeys.set(keyId, derive(dataKey, blindIndexKeyInfo));
    }
    if (!this.fieldKeys.has(currentKeyId)) throw new Error(`The current key id ${currentKeyId} is not among the keys given.`);
  }

  /** Seal bytes or text (UTF-8) for one column of one row, under the current key. */
  encrypt(plaintext: Uint8Array | string, context: FieldContext): Buffer {
    const header = Buffer.alloc(headerLength);
    header[0] = envelopeVersion;
    header.writeUInt32BE(this.currentKeyId, 1);
    const nonce = crypto.randomBytes(nonceLength);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.fieldKeys.get(this.currentKeyId)!, nonce, { authTagLength: tagLength });
    cipher.setAAD(associatedData(header, context));
    const bytes = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength);
    const ciphertext = Buffer.concat([cipher.update(pad(bytes)), cipher.final()]);
    return Buffer.concat([header, nonce, ciphertext, cipher.getAuthTag()]);
  }

  /** Open a sealed value; throws FieldDecryptionError when it is damaged, moved, or under an unknown key. */
  decrypt(envelope: Uint8Array, context: FieldContext): Buffer {
    const sealed = Buffer.from(envelope.buffer, envelope.byteOffset, envelope.byteLength);
    if (sealed.length < headerLength) throw new FieldDecryptionError('malformed', context);
    if (sealed[0] !== envelopeVersion) throw new FieldDecryptionError('unsupported_version', context);
    const key = this.fieldKeys.get(sealed.readUInt32BE(1));
    if (!key) throw new FieldDecryptionError('unknown_key', context);
    if (sealed.length < minEnvelopeLength || (sealed.length - minEnvelopeLength) % paddingBlock !== 0) {
      throw new FieldDecryptionError('malformed', context);
    }
    const header = sealed.subarray(0, headerLength);
    const nonce = sealed.subarray(headerLength, headerLength + nonceLength);
    const tag = sealed.subarray(sealed.length - tagLength);
    let padded: Buffer;
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: tagLength });
      decipher.setAAD(associatedData(header, context));
      decipher.setAuthTag(tag);
      padded = Buffer.concat([decipher.update(sealed.subarray(headerLength + nonceLength, sealed.length - tagLength)), decipher.final()]);
    } catch {
      throw new FieldDecryptionError('not_authentic', context);
    }
    const plaintext = unpad(padded);
    if (!plaintext) throw new FieldDecryptionError('malformed', context);
    return plaintext;
  }

  encryptText(text: string, context: FieldContext): Buffer {
    return this.encrypt(text, context);
  }

  decryptText(envelope: Uint8Array, context: FieldContext): string {
    const bytes = this.decrypt(envelope, context);
    try {
      return strictUtf8.decode(bytes);
    } catch {
      throw new FieldDecryptionError('malformed', context);
    }
  }

  /** An optional field: null stays NULL (the server sees only that it is empty). */
  encryptOptionalText(text: string | null, context: FieldContext): Buffer | null {
    return text === null ? null : this.encrypt(text, context);
  }

  decryptOptionalText(envelope: Uint8Array | null, context: FieldContext): string | null {
    return envelope === null ? null : this.decryptText(envelope, context);
  }

  /** The key generation a value was sealed with (for the rekey to find what it still has to re-seal). */
  static keyIdOf(envelope: Uint8Array): number | null {
    if (envelope.byteLength < headerLength || envelope[0] !== envelopeVersion) return null;
    return Buffer.from(envelope.buffer, envelope.byteOffset, envelope.byteLength).readUInt32BE(1);
  }

  /** Re-seal under the current key (a rekey step); the value is opened and checked first. */
  reencrypt(envelope: Uint8Array, context: FieldContext): Buffer {
    return this.encrypt(this.decrypt(envelope, context), context);
  }

  /** The blind index key of one generation: for BlindIndex, never for sealing. */
  blindIndexKey(keyId: number): Buffer {
    const key = this.blindKeys.get(keyId);
    if (!key) throw new Error(`No blind index key for key id ${keyId}.`);
    return key;
  }

  /** The generations this cipher holds, current first. */
  keyIds(): number[] {
    return [this.currentKeyId, ...[...this.fieldKeys.keys()].filter((id) => id !== this.currentKeyId)];
  }
}

/** The fields that have blind indexes. Each is its own HMAC domain: equal words in two fields do not match. */
export type BlindField = 'patient.name' | 'patient.record_number' | 'patient.date_of_birth';

/** Words longer than this are indexed by their first `maxPrefix` letters; a longer query is confirmed after decryption. */
export const maxPrefix = 8;
/** 128 bits of HMAC-SHA-256: collisions between distinct terms are out of reach. */
const termLength = 16;

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A search the server can answer: each group must match (AND); within a group any term may (OR). */
export interface BlindQuery {
  groups: Buffer[][];
  /** True when a word was longer than maxPrefix: the rows found must be confirmed against the decrypted values. */
  needsConfirmation: boolean;
}

/**
 * Keyed blind indexes: HMAC-SHA-256, with a key derived by HKDF from the data
 * key (never the sealing key), over normalised tokens. Stored terms use the
 * current key; queries are made under every key generation held, so a search
 * during a rekey still finds rows not yet re-indexed.
 */
export class BlindIndex {
  constructor(private readonly cipher: FieldCipher) {}

  private term(keyId: number, field: BlindField, kind: 'exact' | 'prefix', token: string): Buffer {
    return crypto.createHmac('sha256', this.cipher.blindIndexKey(keyId)).update(lengthPrefixed(kind, field, token)).digest().subarray(0, termLength);
  }

  /** The exact-match term of a value, under the current key (unique indexes: one record number per patient). */
  exact(field: BlindField, value: string): Buffer {
    return this.term(this.cipher.currentKeyId, field, 'exact', normalise(field, value).join(' '));
  }

  /** The exact-match term under every key held, for a lookup. */
  exactAnyKey(field: BlindField, value: string): Buffer[] {
    const token = normalise(field, value).join(' ');
    return this.cipher.keyIds().map((id) => this.term(id, field, 'exact', token));
  }

  /** Every term stored for a value: its exact term, and each word's prefixes (dates: year and year-month). */
  termsToStore(field: BlindField, value: string): Buffer[] {
    const keyId = this.cipher.currentKeyId;
    const terms = [this.term(keyId, field, 'exact', normalise(field, value).join(' '))];
    for (const prefix of storedPrefixes(field, value)) terms.push(this.term(keyId, field, 'prefix', prefix));
    return dedupe(terms);
  }

  /** The terms for words typed into a search, each word a prefix of some stored word. */
  prefixQuery(field: BlindField, typed: string): BlindQuery {
    const words = field === 'patient.date_of_birth' ? [typed.trim()] : normalise(field, typed);
    let needsConfirmation = false;
    const groups = words
      .filter((w) => w !== '')
      .map((word) => {
        // Dates are indexed whole (year, year-month, day), words by their first maxPrefix letters.
        const prefix = field === 'patient.date_of_birth' ? word : [...word].slice(0, maxPrefix).join('');
        if (prefix !== word) needsConfirmation = true;
        return this.cipher.keyIds().map((id) => this.term(id, field, 'prefix', prefix));
      });
    return { groups, needsConfirmation };
  }
}

function normalise(field: BlindField, value: string): string[] {
  switch (field) {
    case 'patient.name':
      return nameTokens(value);
    case 'patient.record_number': {
      const token = recordNumberToken(value);
      return token === '' ? [] : [token];
    }
    case 'patient.date_of_birth':
      return [foldForSearch(value.trim())];
  }
}

function storedPrefixes(field: BlindField, value: string): string[] {
  if (field === 'patient.date_of_birth') {
    const day = dayPattern.exec(value.trim());
    return day ? [day[1]!, `${day[1]}-${day[2]}`, value.trim()] : [];
  }
  const prefixes: string[] = [];
  for (const token of normalise(field, value)) {
    const letters = [...token];
    for (let n = 1; n <= Math.min(letters.length, maxPrefix); n += 1) prefixes.push(letters.slice(0, n).join(''));
  }
  return prefixes;
}

function dedupe(terms: Buffer[]): Buffer[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const hex = t.toString('hex');
    if (seen.has(hex)) return false;
    seen.add(hex);
    return true;
  });
}
