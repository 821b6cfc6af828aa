import crypto from 'node:crypto';
import fs from 'node:fs';

/** Text gathered into writes of this size. */
const writeSize = 64 * 1024;

/**
 * Text an export gathers on its way into a bundle (consents.csv, the
 * manifest's list of files) without holding it in memory: appended to a
 * private temporary file, encrypted with AES-256-CTR under a key that exists
 * only in this process's memory, so the copy a crash leaves behind (patient
 * names, file names named after patients) is unreadable. Read back once, as
 * plaintext chunks, then removed. The caller journals the file and removes
 * it whatever happens (`discard`). AES-256-GCM, so a file changed on disk
 * while the export runs fails the read-back (and with it the export)
 * instead of being signed into the bundle.
 */
export class EncryptedSpool {
  private readonly key = crypto.randomBytes(32);
  private readonly iv = crypto.randomBytes(12);
  private readonly cipher: crypto.CipherGCM;
  private tag: Buffer | null = null;
  private fd: number | null;
  private pending = '';

  /** Creates `file`, which must not exist (private to the user). */
  constructor(readonly file: string) {
    this.cipher = crypto.createCipheriv('aes-256-gcm', this.key, this.iv);
    this.fd = fs.openSync(file, 'wx', 0o600);
  }

  append(text: string): void {
    if (this.fd === null) throw new Error('The spool is closed.');
    this.pending += text;
    if (this.pending.length >= writeSize) this.flush();
  }

  /** Everything appended, decrypted, a chunk at a time; appending ends here. */
  async *chunks(): AsyncGenerator<Buffer> {
    if (this.fd !== null) {
      this.flush();
      const rest = this.cipher.final();
      for (let at = 0; at < rest.length; ) at += fs.writeSync(this.fd, rest, at);
      this.tag = this.cipher.getAuthTag();
      fs.closeSync(this.fd);
      this.fd = null;
    }
    if (!this.tag) throw new Error('The spool was discarded.');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, this.iv);
    decipher.setAuthTag(this.tag);
    for await (const chunk of fs.createReadStream(this.file)) yield decipher.update(chunk as Buffer);
    // Throws when the file was changed on disk: the export fails rather than sign what it did not write.
    const rest = decipher.final();
    if (rest.length) yield rest;
  }

  /** Close (without writing what is pending: after a failure the disk may be full), remove the file, forget the key. */
  discard(): void {
    if (this.fd !== null) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // Closed already: nothing to release.
      }
      this.fd = null;
    }
    this.pending = '';
    this.key.fill(0);
    fs.rmSync(this.file, { force: true });
  }

  private flush(): void {
    if (!this.pending) return;
    const bytes = this.cipher.update(this.pending, 'utf8');
    this.pending = '';
    for (let at = 0; at < bytes.length; ) at += fs.writeSync(this.fd!, bytes, at);
  }
}
