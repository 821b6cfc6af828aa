import { useEffect, useId, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { Strokes } from '../../../../shared/authorization/signature';
import '../../components/buttons.css';
import type { PatientModeText } from './patient-mode-text';
import { SignatureCanvas, type SignatureCanvasInstance } from './signature-canvas';
import './patient-mode.css';

/** What the pad hands over for `consents.patientSign`. */
export interface DrawnSignature {
  png: string;
  strokes: Strokes;
  /** The box's size in the same (CSS) pixels as the strokes' points. */
  canvas: { width: number; height: number };
}

export interface SignaturePadHandle {
  read(): DrawnSignature;
  focusBox(): void;
}

/**
 * The signature box (react-signature-canvas) with Undo and Clear, an
 * accessible name, instructions, and a plain note for keyboard users: a
 * signature needs a pointer or touch.
 */
export function SignaturePad({ text, error, ref }: { text: PatientModeText; error: string | null; ref: Ref<SignaturePadHandle> }) {
  const id = useId();
  const pad = useRef<SignatureCanvasInstance>(null);
  const box = useRef<HTMLDivElement>(null);
  const [announcement, setAnnouncement] = useState('');

  useImperativeHandle(ref, () => ({
    read() {
      const signature = pad.current;
      if (!signature) throw new Error('The signature box is not ready.');
      const canvas = signature.getCanvas();
      return {
        png: signature.toDataURL('image/png'),
        strokes: signature.toData().map((stroke) => stroke.map(({ x, y, time }) => ({ x, y, time }))),
        canvas: { width: canvas.clientWidth, height: canvas.clientHeight },
      };
    },
    focusBox() {
      box.current?.focus();
    },
  }));

  // The pad's own resize handling clears the box (a tablet turned, a window resized):
  // keep the strokes instead, redrawn at the new size.
  useEffect(() => {
    const keepStrokes = () => {
      const signature = pad.current;
      if (!signature) return;
      const canvas = signature.getCanvas();
      const strokes = signature.toData();
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d')?.scale(ratio, ratio);
      signature.fromData(strokes);
    };
    window.addEventListener('resize', keepStrokes);
    return () => window.removeEventListener('resize', keepStrokes);
  }, []);

  const describedBy = [`${id}-instructions`, `${id}-keyboard`, error ? `${id}-error` : null].filter(Boolean).join(' ');

  return (
    <fieldset className="signature-field">
      <legend className="signature-legend">{text.signatureLegend}</legend>
      <p id={`${id}-instructions`} className="signature-instructions">
        {text.signatureInstructions}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field-error signature-error">
          {error}
        </p>
      ) : null}
      <div ref={box} tabIndex={-1} className={error ? 'signature-box signature-box-invalid' : 'signature-box'}>
        <SignatureCanvas
          ref={pad}
          clearOnResize={false}
          penColor="#14204a"
          minWidth={1}
          maxWidth={3}
          canvasProps={{ className: 'signature-canvas', role: 'img', 'aria-label': text.signatureBox, 'aria-describedby': describedBy }}
          onEnd={() => setAnnouncement('')}
        />
        <span className="signature-line" aria-hidden="true" />
      </div>
      <p id={`${id}-keyboard`} className="signature-keyboard-note">
        {text.keyboardNote}
      </p>
      <div className="signature-buttons">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            const signature = pad.current;
            if (!signature) return;
            const strokes = signature.toData();
            signature.fromData(strokes.slice(0, -1));
            setAnnouncement(strokes.length > 1 ? text.undone : text.cleared);
          }}
        >
          {text.undo}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            pad.current?.clear();
            setAnnouncement(text.cleared);
          }}
        >
          {text.clear}
        </button>
      </div>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </fieldset>
  );
}
