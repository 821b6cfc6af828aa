import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../store/atomic-file';
import type { AttemptRecord, AttemptStorage } from './sign-in-throttle';

/**
 * Failed sign-in counts in a small file beside the store, so that the app
 * and every CLI run share them. It holds hashed usernames, counts and
 * times: nothing about patients. A missing or unreadable file counts as no
 * failures (it must never lock people out by itself).
 */
export function attemptFile(dataDir: string): AttemptStorage {
  const file = path.join(dataDir, 'sign-in-attempts.json');
  return {
    read() {
      try {
        return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, AttemptRecord>;
      } catch {
        return {};
      }
    },
    write(records) {
      if (!fs.existsSync(dataDir)) return;
      if (Object.keys(records).length === 0) fs.rmSync(file, { force: true });
      else writeFileAtomic(file, JSON.stringify(records));
    },
  };
}
