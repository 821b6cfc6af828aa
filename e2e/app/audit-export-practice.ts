import fs from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';
import { createBackend } from '../../electron/backend/backend';
import { testKdf } from '../../electron/backend/testing/test-backend';
import { newDemoClock, seedDemoStore } from '../../electron/cli/demo-data';
import { historyDays } from '../../electron/cli/demo/demo-chapters';
import { addDaysTo, dayOf, workstationTimeZone, type Day } from '../../shared/calendar';
import { createClient } from '../../shared/client';
import { startHost, type RunningHost } from '../host/start';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every demo account (admin, frontdesk, marketing, …) has this password. */
export const demoPassword = 'demo password for the audit tests';

/** The demo's administrator: the privacy officer in these tests. */
export const officer = { username: 'admin', displayName: 'Dana Whitfield', password: demoPassword };

/** What a test's host opens: a copy of the demo store. */
export interface DemoPractice {
  dataDir: string;
  /** Where bundles go when the page exports (no save dialog in the browser). */
  exportsDir: string;
  /** The real today, and the first day of the demo's history. */
  today: Day;
  historyStart: Day;
}

/**
 * The demo store, made once per worker by the same code as
 * `consent-desk demo` (seedDemoStore on the demo's moving clock, through
 * the contract), with the tests' low scrypt cost. Each test then gets its
 * own copy of the closed store's folder.
 */
async function seedDemo(dataDir: string): Promise<void> {
  const clock = newDemoClock();
  const backend = createBackend({ dataDir, kdf: testKdf, workstation: 'e2e-demo', now: clock.now });
  const api = createClient((name, input) => backend.invoke(name, input));
  try {
    await seedDemoStore(api, demoPassword, clock);
  } finally {
    await backend.invoke('session.signOut', {});
    backend.close();
  }
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Like the shared fixtures' `test` (a fresh data folder and host per test),
 * but the folder holds the demo practice. `daysAhead` runs the host's
 * backend on a clock that many days in the future (the retention rule is
 * about years; the backend's clock is the knob tests move). The expiry
 * sweep's timer is pushed out of the way so no scheduled backup appears
 * on its own during a test; the sweep still runs when someone signs in.
 */
export const test = base.extend<{ daysAhead: number; demo: DemoPractice; host: RunningHost }, { demoTemplate: string }>({
  demoTemplate: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const root = await mkdtemp(path.join(os.tmpdir(), 'consent-desk-e2e-demo-template-'));
      const dataDir = path.join(root, 'store');
      await seedDemo(dataDir);
      await use(dataDir);
      await rm(root, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  daysAhead: [0, { option: true }],
  demo: async ({ demoTemplate }, use) => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'consent-desk-e2e-demo-'));
    const dataDir = path.join(root, 'store');
    await cp(demoTemplate, dataDir, { recursive: true });
    const today = dayOf(new Date(), workstationTimeZone());
    await use({ dataDir, exportsDir: path.join(dataDir, 'exports'), today, historyStart: addDaysTo(today, -historyDays) });
    await rm(root, { recursive: true, force: true });
  },
  host: async ({ demo, daysAhead }, use) => {
    const host = await startHost({
      dataDir: demo.dataDir,
      staticDir: path.join(repoRoot, 'app', 'dist', 'renderer'),
      backend: {
        kdf: testKdf,
        sweepIntervalMs: dayMs,
        ...(daysAhead ? { now: () => new Date(Date.now() + daysAhead * dayMs) } : {}),
      },
    });
    await use(host);
    await host.close();
  },
});

type WriteFn = (chunk: unknown, encoding: BufferEncoding, callback: (error?: Error | null) => void) => void;
type WritevFn = (chunks: { chunk: unknown; encoding: BufferEncoding }[], callback: (error?: Error | null) => void) => void;

export interface StalledDisk {
  /** Resolves once the export has tried to write its bundle and is waiting on the disk. */
  stalled: Promise<void>;
  /** Let the held writes through (the export then finishes). */
  release(): void;
  /** Put fs.createWriteStream back; call it whatever happened. */
  restore(): void;
}

/**
 * A disk that stalls while an export writes: the bundle's temporary file
 * (the hidden `.….partial` beside it) accepts no write until `release()`.
 * The development host runs inside this test process, so holding its
 * writes holds the export in its `running` state for as long as a test
 * needs, without racing it: the progress bar and the Cancel button are then
 * on screen for certain, not for a few lucky milliseconds. Everything else
 * (the page, HTTP, the backend, the zip) runs as it always does.
 */
export function stallBundleWrites(): StalledDisk {
  const writable = fs as unknown as { createWriteStream: typeof fs.createWriteStream };
  const original = writable.createWriteStream;
  let onStall!: () => void;
  const stalled = new Promise<void>((resolve) => (onStall = resolve));
  const releases: (() => void)[] = [];
  let released = false;

  writable.createWriteStream = ((file: fs.PathLike, options?: Parameters<typeof fs.createWriteStream>[1]) => {
    const stream = original(file, options);
    if (typeof file !== 'string' || !file.endsWith('.partial')) return stream;
    const held = stream as unknown as { _write: WriteFn; _writev: WritevFn };
    const write = held._write.bind(stream);
    const writev = held._writev.bind(stream);
    const hold =
      <A extends unknown[]>(real: (...args: A) => void) =>
      (...args: A) => {
        if (released) return real(...args);
        onStall();
        releases.push(() => {
          // A cancelled export has destroyed its stream (and closed its file): nothing to write any more.
          if (!stream.destroyed) real(...args);
        });
      };
    held._write = hold(write);
    held._writev = hold(writev);
    return stream;
  }) as typeof fs.createWriteStream;

  return {
    stalled,
    release() {
      released = true;
      for (const next of releases.splice(0)) next();
    },
    restore() {
      writable.createWriteStream = original;
    },
  };
}

export { expect } from '@playwright/test';
