import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { bridgeGlobalName, ipcChannelOf, type Bridge } from '../../shared/bridge';
import { callNames } from '../../shared/contract';
import { eventChannelOf, eventsGlobalName, isEventName, type EventSubscription } from '../../shared/contract/contract-events';

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

/**
 * The contract's events (shared/contract/contract-events.ts), one subscription per
 * listener: only declared event names, and the page gets the payload alone,
 * never the IPC event object (which would reach ipcRenderer).
 */
const events: EventSubscription = Object.freeze({
  subscribe(name: string, listener: (payload: unknown) => void): () => void {
    if (!isEventName(name) || typeof listener !== 'function') return () => undefined;
    const channel = eventChannelOf(name);
    const relay = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, relay);
    return () => {
      ipcRenderer.removeListener(channel, relay);
    };
  },
}) as EventSubscription;

contextBridge.exposeInMainWorld(eventsGlobalName, events);
