import type { Language } from '../../../../shared/authorization/scope';
import { policyTextIn, type PolicyVersionText } from '../../../../shared/program/policy';

/**
 * SHA-256 (lowercase hex) of the policy as the screen shows it, computed as
 * the backend computes it: the acknowledgment is tied to exactly these
 * words. The renderer has no Node: Web Crypto.
 */
export async function policyTextSha256(text: PolicyVersionText, language: Language, practiceName: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(policyTextIn(text, language, practiceName)));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
