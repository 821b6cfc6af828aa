import { useEffect, useId, useState } from 'react';
import '../../components/buttons.css';
import '../../components/dialog.css';
import './still-there.css';

export interface StillThereWords {
  heading: string;
  body: string;
  button: string;
}

/**
 * "Are you still there?" before the app locks: a modal alert dialog that
 * takes the focus, so a screen reader says it at once. Any input keeps
 * the session (the idle timer sees it and closes this); the button is the
 * obvious way to give some. `large` is the patient-mode size.
 */
export function StillThereDialog({ words, lang, large }: { words: StillThereWords; lang: string; large?: boolean }) {
  const [dialog, setDialog] = useState<HTMLDialogElement | null>(null);
  const id = useId();
  useEffect(() => {
    if (dialog && !dialog.open) dialog.showModal();
  }, [dialog]);
  return (
    <dialog
      ref={setDialog}
      role="alertdialog"
      lang={lang}
      className={large ? 'dialog still-there still-there-large' : 'dialog still-there'}
      aria-labelledby={`${id}-heading`}
      aria-describedby={`${id}-body`}
      data-testid="still-there"
    >
      <h2 id={`${id}-heading`} className="dialog-title still-there-heading">
        {words.heading}
      </h2>
      <p id={`${id}-body`}>{words.body}</p>
      <div className="dialog-actions">
        {/* The click is input: the idle timer closes the dialog. */}
        <button type="button" className="button still-there-button" autoFocus>
          {words.button}
        </button>
      </div>
    </dialog>
  );
}
