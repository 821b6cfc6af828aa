import { bridgeGlobalName, type Bridge } from '../../../shared/bridge';
import type { Transport } from '../../../shared/client';
import { bridgeTransport } from './bridge-transport';
import { httpTransport } from './http-transport';
import { takePageToken } from './page-token';

/** Inside Electron the preload has put the bridge on `window`; anywhere else we talk to the development host. */
export function chooseTransport(token: string | null = takePageToken()): Transport {
  const bridge = (window as unknown as Record<string, Bridge | undefined>)[bridgeGlobalName];
  if (bridge) return bridgeTransport(bridge);
  return httpTransport(token);
}
