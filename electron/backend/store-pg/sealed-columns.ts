import type { FieldCipher } from './field-crypto';

/**
 * The sealed columns of one table: JSON facts and raw bytes, each bound to
 * its table, column and row id (a value moved elsewhere does not open).
 */
export class SealedColumns {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly table: string,
  ) {}

  sealJson<T>(value: T, column: string, recordId: string): Buffer {
    return this.cipher.encryptText(JSON.stringify(value), { table: this.table, column, recordId });
  }

  openJson<T>(envelope: Buffer | null, column: string, recordId: string): T | null {
    return envelope === null ? null : (JSON.parse(this.cipher.decryptText(envelope, { table: this.table, column, recordId })) as T);
  }

  sealBytes(bytes: Uint8Array, column: string, recordId: string): Buffer {
    return this.cipher.encrypt(bytes, { table: this.table, column, recordId });
  }

  openBytes(envelope: Buffer | null, column: string, recordId: string): Buffer | null {
    return envelope === null ? null : this.cipher.decrypt(envelope, { table: this.table, column, recordId });
  }
}
