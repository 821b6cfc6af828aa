import { useEffect, useState } from 'react';
import type { Api } from '../../../shared/client';
import type { ShellCapabilities } from '../../../shared/contract/shell-calls';
import { useApi } from './api-context';

const fallback: ShellCapabilities = { dialogs: 'typed-path', canPrint: false };
const asked = new WeakMap<Api, Promise<ShellCapabilities>>();

/**
 * What the shell around this page can do: the desktop app has the system's
 * dialogs and printer; the development host asks for typed paths and
 * downloads files the browser's way. Asked once per client; null until known.
 */
export function useShellCapabilities(): ShellCapabilities | null {
  const api = useApi();
  const [capabilities, setCapabilities] = useState<ShellCapabilities | null>(null);
  useEffect(() => {
    let question = asked.get(api);
    if (!question) {
      question = api['shell.capabilities']({}).catch(() => fallback);
      asked.set(api, question);
    }
    let current = true;
    void question.then((answer) => current && setCapabilities(answer));
    return () => {
      current = false;
    };
  }, [api]);
  return capabilities;
}
