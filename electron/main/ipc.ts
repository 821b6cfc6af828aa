import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ipcChannelOf } from '../../shared/bridge';
import { callNames } from '../../shared/contract';
import type { CallResult } from '../../shared/errors';
import { isAppUrl } from './app-origin';

const forbidden: CallResult<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This request did not come from the Consent Desk window.' },
};

const internal: CallResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'Something went wrong. Try again; if it keeps happening, restart Consent Desk.' },
};

/**
 * One handler per contract call, derived from `callNames`. Like VS Code's
 * validatedIpcMain, each call first checks who sent it: the main frame of
 * our own window, showing our own page. A refused call gets a `forbidden`
 * result rather than a throw, so the renderer sees one error shape.
 */
export function registerIpcHandlers(
  relay: (name: string, input: unknown) => Promise<CallResult<unknown>>,
  isAppWebContents: (contents: WebContents) => boolean,
): void {
  for (const name of callNames) {
    ipcMain.handle(ipcChannelOf(name), async (event: IpcMainInvokeEvent, input: unknown): Promise<CallResult<unknown>> => {
      if (!isTrustedSender(event, isAppWebContents)) return forbidden;
      // The relay (call-relay.ts) and the backend validate `input` against the
      // contract and promise not to throw; should one break that promise, the
      // page still gets a result.
      try {
        return await relay(name, input);
      } catch {
        return internal;
      }
    });
  }
}

function isTrustedSender(event: IpcMainInvokeEvent, isAppWebContents: (contents: WebContents) => boolean): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame.isDestroyed()) return false; // navigated away or gone
  if (frame.parent !== null) return false; // a sub-frame, never ours
  if (!isAppUrl(frame.url)) return false;
  return isAppWebContents(event.sender);
}
