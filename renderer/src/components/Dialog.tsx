import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import './dialog.css';

interface DialogProps {
  title: string;
  /** Called once the dialog has closed (Escape, Cancel, or done); the owner then unmounts it. */
  onClose: () => void;
  /** Rendered with `close`, which closes the dialog and returns the focus to where it was. */
  children: (close: () => void) => ReactNode;
}

/**
 * A modal <dialog> opened with showModal(): the browser traps the focus,
 * makes the rest of the page inert, closes on Escape and restores the focus
 * afterwards. Mount it to open it.
 */
export function Dialog({ title, onClose, children }: DialogProps) {
  // The element is kept in state (not a ref) so `close` can be handed to children while rendering.
  const [dialog, setDialog] = useState<HTMLDialogElement | null>(null);
  const titleId = useId();

  useEffect(() => {
    if (dialog && !dialog.open) dialog.showModal();
  }, [dialog]);

  const close = useCallback(() => dialog?.close(), [dialog]);

  return (
    <dialog ref={setDialog} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children(close)}
    </dialog>
  );
}
