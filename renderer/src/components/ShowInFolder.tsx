import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { useApi } from '../api/api-context';
import { useShellCapabilities } from '../api/use-shell-capabilities';
import { messageOf } from './error-message';
import { StatusMessage } from './StatusMessage';
import './buttons.css';

/** "Show in folder" for a file the app wrote, in the desktop app only (a browser has no folder to open). */
export function ShowInFolder({ filePath }: { filePath: string | null }) {
  const { t } = useTranslation(['components', 'common']);
  const api = useApi();
  const shell = useShellCapabilities();
  const [problem, setProblem] = useState<string | null>(null);
  if (!filePath || shell?.dialogs !== 'native') return null;
  return (
    <div className="form-actions">
      <button
        type="button"
        className="button button-secondary"
        onClick={() => {
          setProblem(null);
          api['shell.showInFolder']({ path: filePath }).catch((error: unknown) => setProblem(messageOf(error)));
        }}
      >
        {t('showInFolder.showInFolder')}
      </button>
      {problem ? <StatusMessage tone="problem">{problem}</StatusMessage> : null}
    </div>
  );
}
