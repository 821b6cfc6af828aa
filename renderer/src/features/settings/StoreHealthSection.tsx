import { useId, useState, type FormEvent } from 'react';
import type { StoreCheck } from '../../../../shared/store-status';
import { useApi } from '../../api/api-context';
import { CheckboxField } from '../../components/CheckboxField';
import { FormAlert } from '../../components/FormAlert';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { useConfirmedAction } from '../../components/use-confirmed-action';

/**
 * The administrator's checks on the store itself: the full check (every
 * page, the audit chain, every stored PDF, the key file, rollback), and a
 * new recovery key, shown once, after which the old one opens nothing.
 */
export function StoreHealthSection() {
  const api = useApi();
  const check = useConfirmedAction();
  const recovery = useConfirmedAction();
  const [result, setResult] = useState<StoreCheck | null>(null);
  const [password, setPassword] = useState('');
  const [newKey, setNewKey] = useState<{ key: string; note: string } | null>(null);
  const passwordId = useId();

  const onCheck = (event: FormEvent) => {
    event.preventDefault();
    void check.run(async () => setResult(await api['store.check']({})));
  };
  const onNewKey = (event: FormEvent) => {
    event.preventDefault();
    void recovery.run(async () => {
      const issued = await api['store.newRecoveryKey']({ password });
      setPassword('');
      const { resealed, stillOpen, elsewhere } = issued.backups;
      setNewKey({
        key: issued.recoveryKey,
        note: `${resealed.length} backup(s) in the backup folder were re-sealed to it.${stillOpen.length ? ` Still open with the old key: ${stillOpen.map((b) => `${b.file} (${b.why})`).join('; ')}.` : ''} ${elsewhere}`,
      });
    });
  };

  return (
    <section aria-labelledby="store-health-heading">
      <h2 id="store-health-heading">The store</h2>
      <form aria-busy={check.busy} onSubmit={onCheck}>
        <p>
          The full check reads every page of the data file, the whole audit trail and every signed PDF, and compares the key file with the
          staff list. It takes a moment on a large store.
        </p>
        <FormAlert problem={check.problem} />
        {result ? (
          result.ok ? (
            <StatusMessage tone="success">
              No problems: every page read, {result.checked.auditEvents} audit events, {result.checked.storedFiles} stored files checked.
            </StatusMessage>
          ) : (
            <div role="alert" className="form-alert">
              <p>The check found {result.problems.length} problem(s):</p>
              <ul>
                {result.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </div>
          )
        ) : null}
        <SubmitButton busy={check.busy}>Check the store now</SubmitButton>
      </form>

      <form aria-busy={recovery.busy} onSubmit={onNewKey}>
        <h3>Recovery key</h3>
        <p>
          Issue a new recovery key when the old one may be known to someone who should not have it. The data key is rotated and the backups
          in the backup folder are re-sealed, so the old recovery key opens nothing any more. The new key is shown once: print it or store
          it somewhere safe.
        </p>
        <div className="field">
          <label htmlFor={passwordId} className="field-label">
            Your password
          </label>
          <input id={passwordId} className="field-input" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </div>
        <FormAlert problem={recovery.problem} />
        {newKey ? (
          <>
            <StatusMessage tone="success">
              New recovery key (shown once): <code>{newKey.key}</code>. {newKey.note}
            </StatusMessage>
            <ConfirmNewKey onConfirmed={() => setNewKey(null)} />
          </>
        ) : null}
        <SubmitButton busy={recovery.busy} variant="danger">
          Issue a new recovery key
        </SubmitButton>
      </form>
    </section>
  );
}

/** The store remembers that a new key is not confirmed as stored until this is done (the app returns to it otherwise). */
function ConfirmNewKey({ onConfirmed }: { onConfirmed: () => void }) {
  const api = useApi();
  const confirm = useConfirmedAction();
  const [stored, setStored] = useState(false);
  return (
    <div className="recovery-confirm">
      <FormAlert problem={confirm.problem} />
      <CheckboxField label="I have stored the new recovery key" checked={stored} onChange={(event) => setStored(event.target.checked)} />
      <button
        type="button"
        className="button button-primary"
        disabled={!stored || confirm.busy}
        onClick={() =>
          void confirm.run(async () => {
            await api['store.confirmRecoveryKey']({});
            onConfirmed();
          })
        }
      >
        Confirm
      </button>
    </div>
  );
}
