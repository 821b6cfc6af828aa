import { drawnSignature } from '../consents/sample-signature';

/**
 * A real PNG for tests: a signature-like wave drawn in dark ink on a
 * transparent canvas, plus the strokes that drew it, as the signature pad
 * would report them. (The drawing lives in consents/sample-signature.ts,
 * which the demo store uses too.)
 */
export function signatureFixture(width = 600, height = 200) {
  return drawnSignature({ width, height });
}
