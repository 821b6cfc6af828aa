import crypto from 'node:crypto';

/** AES-256-GCM ciphertext with its IV and tag, base64 (as stored in JSON files). */
export interface SealedBox {
  iv: string;
  ciphertext: string;
  tag: string;
}

/** A box sealed to an X25519 public key: anyone can seal, only the private key opens. */
export type BoxForKey = SealedBox & { ephemeralPublicKey: string };

const b64 = (b: Buffer) => b.toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64');

export function encrypt(key: Buffer, plaintext: Buffer, aad: string): SealedBox {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: b64(iv), ciphertext: b64(ciphertext), tag: b64(cipher.getAuthTag()) };
}

/** Returns null when the key is wrong or the box was altered (GCM tag mismatch). */
export function decrypt(key: Buffer, box: SealedBox, aad: string): Buffer | null {
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, unb64(box.iv));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(unb64(box.tag));
    return Buffer.concat([decipher.update(unb64(box.ciphertext)), decipher.final()]);
  } catch {
    return null;
  }
}

function boxKey(shared: Buffer, ephemeralDer: Buffer, recipientDer: Buffer, info: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', shared, Buffer.concat([ephemeralDer, recipientDer]), info, 32));
}

/** Seal to a public key (SPKI DER): ephemeral X25519, HKDF-SHA256 with `info`, AES-256-GCM. */
export function sealTo(recipientDer: Buffer, plaintext: Buffer, aad: string, info: string): BoxForKey {
  const recipient = crypto.createPublicKey({ key: recipientDer, format: 'der', type: 'spki' });
  const ephemeral = crypto.generateKeyPairSync('x25519');
  const ephemeralDer = ephemeral.publicKey.export({ format: 'der', type: 'spki' });
  const shared = crypto.diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  return { ...encrypt(boxKey(shared, ephemeralDer, recipientDer, info), plaintext, aad), ephemeralPublicKey: b64(ephemeralDer) };
}

export function openBox(privateDer: Buffer, recipientDer: Buffer, box: BoxForKey, aad: string, info: string): Buffer | null {
  try {
    const privateKey = crypto.createPrivateKey({ key: privateDer, format: 'der', type: 'pkcs8' });
    const ephemeralDer = unb64(box.ephemeralPublicKey);
    const ephemeral = crypto.createPublicKey({ key: ephemeralDer, format: 'der', type: 'spki' });
    const shared = crypto.diffieHellman({ privateKey, publicKey: ephemeral });
    return decrypt(boxKey(shared, ephemeralDer, recipientDer, info), box, aad);
  } catch {
    return null;
  }
}

/** A new X25519 key pair as DER (public SPKI, private PKCS#8). */
export function newKeyPair(): { publicDer: Buffer; privateDer: Buffer } {
  const pair = crypto.generateKeyPairSync('x25519');
  return {
    publicDer: pair.publicKey.export({ format: 'der', type: 'spki' }),
    privateDer: pair.privateKey.export({ format: 'der', type: 'pkcs8' }),
  };
}
