import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ipcChannelOf } from '../../shared/bridge';
import { callNames } from '../../shared/contract';
import type { CallResult } from '../../shared/errors';
import type { Backend } from '../backend/backend';
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
export function registerIpcHandlers(backend: Pick<Backend, 'invoke'>, isAppWebContents: (contents: WebContents) => boolean): void {
  for (const name of callNames) {
    ipcMain.handle(ipcChannelOf(name), async (event: IpcMainInvokeEvent, input: unknown): Promise<CallResult<unknown>> => {
      if (!isTrustedSender(event, isAppWebContents)) return forbidden;
      // The backend validates `input` against the contract and promises not
      // to throw; should it break that promise, the page still gets a result.
      try {
        return await backend.invoke(name, input);
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
