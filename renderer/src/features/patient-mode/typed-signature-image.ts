/** The box a typed signature is drawn in, in CSS pixels. */
export const typedSignatureCanvas = { width: 600, height: 160 } as const;

/**
 * A typed name adopted as the signature, drawn as an image in a cursive-like
 * face: the PDF shows it where a drawn signature would be, and the evidence
 * says it was typed.
 */
export function typedSignaturePng(name: string): string {
  const canvas = document.createElement('canvas');
  canvas.width = typedSignatureCanvas.width;
  canvas.height = typedSignatureCanvas.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This screen cannot draw the typed signature.');
  context.fillStyle = '#14204a';
  context.textBaseline = 'middle';
  let size = 56;
  // Long names get smaller type rather than running out of the box.
  do {
    context.font = `italic ${size}px "URW Chancery L", "Apple Chancery", "Segoe Script", Georgia, serif`;
    size -= 2;
  } while (context.measureText(name).width > canvas.width - 40 && size > 16);
  context.fillText(name.trim(), 20, canvas.height / 2);
  return canvas.toDataURL('image/png');
}
