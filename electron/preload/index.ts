import { contextBridge, ipcRenderer } from 'electron';
import { bridgeGlobalName, ipcChannelOf, type Bridge } from '../../shared/bridge';
import { callNames } from '../../shared/contract';

/**
 * One function per contract call and nothing else: the page can reach only
 * the calls the contract declares, never a generic send or ipcRenderer.
 * Runs sandboxed, so it is bundled into one CommonJS file.
 */
const bridge = Object.freeze(
  Object.fromEntries(
    callNames.map((name) => {
      const channel = ipcChannelOf(name);
      return [name, (input: unknown) => ipcRenderer.invoke(channel, input)];
    }),
  ),
) as Bridge;

contextBridge.exposeInMainWorld(bridgeGlobalName, bridge);
