import type { Api } from '../../shared/client';
import { CliError } from './cli-error';

/** Refuse to set up over an existing store, naming the folder. */
export async function assertNoStore(api: Api, dataDir: string): Promise<void> {
  const state = await api['app.state']({});
  if (state.phase === 'unusable') throw new CliError(state.problem ?? `${dataDir} holds the remains of a store; nothing was changed.`);
  if (state.phase !== 'setup') throw new CliError(`A Consent Desk store already exists in ${dataDir}.`);
}
