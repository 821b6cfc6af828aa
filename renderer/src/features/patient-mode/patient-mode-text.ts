import type { Language } from '../../../../shared/authorization/scope';

/** The words of patient mode around the document, in the language the authorization is written in. */
export interface PatientModeText {
  banner: string;
  readFirst: string;
  signHeading: string;
  typedName: string;
  typedNameHint: (signer: string) => string;
  typedNameMissing: string;
  agree: string;
  agreeMissing: string;
  signatureLegend: string;
  signatureBox: string;
  signatureInstructions: string;
  keyboardNote: string;
  clear: string;
  undo: string;
  cleared: string;
  undone: string;
  sign: string;
  thanksHeading: string;
  thanks: string;
}

export const patientModeText: Record<Language, PatientModeText> = {
  en: {
    banner: 'Please read this authorization. Ask the staff about anything that is not clear.',
    readFirst: 'Read the whole authorization above before you sign.',
    signHeading: 'Sign the authorization',
    typedName: 'Type your full name',
    typedNameHint: (signer) => `As it is written on the authorization: ${signer}.`,
    typedNameMissing: 'Type your full name.',
    agree: 'I agree to sign electronically',
    agreeMissing: 'Tick the box to agree to sign electronically.',
    signatureLegend: 'Your signature',
    signatureBox: 'Signature box',
    signatureInstructions: 'Sign your name inside the box with your finger, a stylus or the mouse. “Undo” removes the last stroke; “Clear” starts again.',
    keyboardNote: 'A signature needs a finger, a stylus or a mouse: it cannot be drawn with the keyboard. If you cannot use one, please tell the staff.',
    clear: 'Clear',
    undo: 'Undo',
    cleared: 'The signature box is empty.',
    undone: 'The last stroke is removed.',
    sign: 'Sign',
    thanksHeading: 'Thank you',
    thanks: 'Thank you — please hand the screen back to staff.',
  },
  es: {
    banner: 'Por favor lea esta autorización. Pregunte al personal todo lo que no esté claro.',
    readFirst: 'Lea toda la autorización antes de firmar.',
    signHeading: 'Firme la autorización',
    typedName: 'Escriba su nombre completo',
    typedNameHint: (signer) => `Como aparece en la autorización: ${signer}.`,
    typedNameMissing: 'Escriba su nombre completo.',
    agree: 'Acepto firmar electrónicamente',
    agreeMissing: 'Marque la casilla para aceptar firmar electrónicamente.',
    signatureLegend: 'Su firma',
    signatureBox: 'Recuadro de firma',
    signatureInstructions: 'Firme con su nombre dentro del recuadro con el dedo, un lápiz táctil o el ratón. “Deshacer” quita el último trazo; “Borrar” empieza de nuevo.',
    keyboardNote: 'La firma necesita un dedo, un lápiz táctil o un ratón: no se puede dibujar con el teclado. Si no puede usar ninguno, avise al personal.',
    clear: 'Borrar',
    undo: 'Deshacer',
    cleared: 'El recuadro de firma está vacío.',
    undone: 'Se quitó el último trazo.',
    sign: 'Firmar',
    thanksHeading: 'Gracias',
    thanks: 'Gracias. Por favor devuelva la pantalla al personal.',
  },
};
