import Imported from 'react-signature-canvas';

/**
 * react-signature-canvas ships only a webpack UMD build: bundlers that treat
 * it as plain CommonJS hand over its exports object, whose `default` is the
 * component. Take the component either way.
 */
export const SignatureCanvas: typeof Imported = (Imported as unknown as { default?: typeof Imported }).default ?? Imported;
export type SignatureCanvasInstance = Imported;
