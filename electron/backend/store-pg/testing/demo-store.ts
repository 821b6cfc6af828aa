import fs from 'node:fs';
import { createClient } from '../../../../shared/client';
import { newDemoClock, seedDemoStore } from '../../../cli/demo-data';
import { testBackend } from '../../testing/test-backend';

/** The demo store (every state of authorizations and posts, photos, a year of audit events), made in `dataDir` by the real seeding code. */
export async function seedDemoStoreIn(dataDir: string, password: string): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true });
  const clock = newDemoClock();
  const { backend } = testBackend({ dataDir, now: clock.now });
  try {
    await seedDemoStore(createClient((name, input) => backend.invoke(name, input)), password, clock);
  } finally {
    backend.close();
  }
}
