import type { Bridge } from '../../../shared/bridge';
import type { Transport } from '../../../shared/client';

/** Electron's transport: the preload's bridge, one function per contract call. */
export function bridgeTransport(bridge: Bridge): Transport {
  return (name, input) => bridge[name](input);
}
