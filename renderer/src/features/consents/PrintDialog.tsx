import { Dialog } from '../../components/Dialog';
import '../../components/buttons.css';
import './consents.css';

/**
 * Why Print leads to the saved file: the content-security policy lets this
 * window show only its own pages, never a PDF inside a frame, so it cannot
 * hand the PDF to the printer itself.
 */
export function PrintDialog({ onSave, onClose }: { onSave: () => void; onClose: () => void }) {
  return (
    <Dialog title="Print the patient’s copy" onClose={onClose}>
      {(close) => (
        <>
          <p className="dialog-note">
            For the patient’s safety, Consent Desk never opens documents inside its own window, so it cannot send the PDF to the printer
            itself.
          </p>
          <ol>
            <li>Save the patient’s copy.</li>
            <li>Open the saved file in your PDF reader.</li>
            <li>Print it from there, and give it to the patient.</li>
          </ol>
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={close}>
              Close
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                onSave();
                close();
              }}
            >
              Save patient’s copy
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
