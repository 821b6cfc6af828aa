import { useEffect } from 'react';

/**
 * While `unsaved` is true, leaving asks first: a reload or closing the
 * window gets the browser's (in the desktop app, the shell's) "leave this
 * page?" question, and a click on a link to another screen of the app
 * asks `question` and stays if the answer is no.
 */
export function useUnsavedChangesWarning(unsaved: boolean, question: string): void {
  useEffect(() => {
    if (!unsaved) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older engines need a value set to show the question.
      event.returnValue = '';
    };
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return;
      const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
      if (!link || link.getAttribute('href') === window.location.hash) return;
      if (!window.confirm(question)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [unsaved, question]);
}
