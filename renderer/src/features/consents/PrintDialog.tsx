import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import '../../components/buttons.css';
import './consents.css';

/**
 * Why Print leads to the saved file: the content-security policy lets this
 * window show only its own pages, never a PDF inside a frame, so it cannot
 * hand the PDF to the printer itself.
 */
export function PrintDialog({ onSave, onClose }: { onSave: () => void; onClose: () => void }) {
  const { t } = useTranslation(['consents', 'common']);
  return (
    <Dialog title={t('printDialog.printThePatientSCopy')} onClose={onClose}>
      {(close) => (
        <>
          <p className="dialog-note">
            {t('printDialog.forThePatientSSafety')}
          </p>
          <ol>
            <li>{t('printDialog.saveThePatientSCopy')}</li>
            <li>{t('printDialog.openTheSavedFileIn')}</li>
            <li>{t('printDialog.printItFromThereAnd')}</li>
          </ol>
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={close}>
              {t('printDialog.close')}
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                onSave();
                close();
              }}
            >
              {t('printDialog.savePatientSCopy')}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
