import { documentText, type AuthorizationDocument } from '../../../../shared/authorization/document';

/**
 * SHA-256 (lowercase hex) of the document's canonical text, as the backend
 * computes it: the patient's signature carries it, so the signature is tied
 * to exactly the words on screen. The renderer has no Node: Web Crypto.
 */
export async function textSha256(document: AuthorizationDocument): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(documentText(document)));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
