import { z } from 'zod';

/**
 * Signature strokes as the signature pad records them: points in canvas
 * pixels with their time (ms since the epoch). They are kept as evidence
 * and judged here: an empty or trivial mark (a dot, a straight line) is not
 * a signature.
 */
export const strokePointSchema = z.object({ x: z.number().finite(), y: z.number().finite(), time: z.number().finite() }).strict();
export const strokesSchema = z.array(z.array(strokePointSchema).max(5000)).max(200);
export type StrokePoint = z.infer<typeof strokePointSchema>;
export type Strokes = z.infer<typeof strokesSchema>;

export interface CanvasSize {
  width: number;
  height: number;
}

/**
 * How a patient signed on the screen: drawn with a finger, stylus or mouse,
 * or, for a patient who cannot draw, their typed name adopted as their
 * signature (E-SIGN accepts any sign adopted with intent to sign; the
 * evidence and the PDF say which it was).
 */
export const signatureKinds = ['drawn', 'typed'] as const;
export type SignatureKind = (typeof signatureKinds)[number];

/** Why strokes are not a signature; the words are the patient's, from the patient-language catalogue. */
export type SignatureProblem = 'empty' | 'tooSmall' | 'straightLine';

/** Why these strokes are not an acceptable signature, or null when they are. */
export function signatureProblem(strokes: Strokes, canvas: CanvasSize): SignatureProblem | null {
  const points = strokes.flat();
  if (points.length === 0) return 'empty';
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const width = Math.max(...xs) - Math.min(...xs);
  const height = Math.max(...ys) - Math.min(...ys);
  if (points.length < 8 || (width < canvas.width * 0.08 && height < canvas.height * 0.08)) {
    return 'tooSmall';
  }
  if (strokes.length === 1 && isStraight(points)) {
    return 'straightLine';
  }
  return null;
}

/** All points within a narrow band around the line from the first to the last point. */
function isStraight(points: StrokePoint[]): boolean {
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const length = Math.hypot(last.x - first.x, last.y - first.y);
  if (length === 0) return false;
  const tolerance = Math.max(3, length * 0.05);
  return points.every(
    (p) => Math.abs((last.y - first.y) * p.x - (last.x - first.x) * p.y + last.x * first.y - last.y * first.x) / length <= tolerance,
  );
}
