import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import type { help } from '../i18n/en/help';

export type HelpTopic = keyof typeof help.pages;

/**
 * Help for the screen in front of you: a button in the header, or F1 from
 * anywhere. The text lives in the help catalogue, in each language.
 */
export function HelpButton({ topic, title }: { topic: HelpTopic; title: string }) {
  const { t } = useTranslation('shell');
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F1') return;
      // F1 would open the browser's own help in the development host.
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <button type="button" className="button button-header" aria-keyshortcuts="F1" onClick={() => setOpen(true)}>
        {t('help.button')} <kbd className="help-key">{t('help.shortcut')}</kbd>
      </button>
      {open ? <HelpDialog topic={topic} title={title} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function HelpDialog({ topic, title, onClose }: { topic: HelpTopic; title: string; onClose: () => void }) {
  const { t } = useTranslation(['help', 'shell']);
  return (
    <Dialog title={t('shell:help.title', { page: title })} onClose={onClose}>
      {(close) => (
        <div className="help-panel" data-help-topic={topic}>
          <p>{t(`pages.${topic}.what`)}</p>
          <p>{t(`pages.${topic}.how`)}</p>
          <p className="help-more">{t('shell:help.guide')}</p>
          <p className="help-more">{t('keys')}</p>
          <div className="dialog-actions">
            <button type="button" className="button button-primary" onClick={close}>
              {t('shell:help.close')}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
