/**
 * Child process of the crash-injection test: signs in to the store in
 * DATA_DIR as the administrator and runs one operation, through the
 * contract as the app would, with crash-points.ts counting (and, when told
 * to, killing) from the operation's first step.
 *
 * Usage: node --import tsx --import ./crash-points.ts crash-operation.ts OP DATA_DIR ARG,
 * the administrator's password on standard input. OP is one of:
 * - backup: a manual backup to ARG (a .cdbackup path);
 * - restore: restore from the backup ARG;
 * - export: an audit bundle to ARG (a .zip path), waiting for it to finish;
 * - rotation: disable the staff member named ARG (the data key rotates).
 */
import { createClient } from '../../../shared/client';
import { createBackend } from '../backend';
import { startCounting } from './crash-points';
import { testKdf } from './test-backend';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const [op, dataDir, arg] = process.argv.slice(2);
if (!op || !dataDir || !arg) throw new Error('usage: crash-operation.ts OP DATA_DIR ARG (password on stdin)');
const password = await readStdin();
const backend = createBackend({ dataDir, kdf: testKdf, workstation: 'crash-test', reportUnexpected: () => undefined });
const api = createClient((name, input) => backend.invoke(name, input));
await api['session.signIn']({ username: 'admin', password });

startCounting();
if (op === 'backup') {
  await api['backups.create']({ destinationPath: arg });
} else if (op === 'restore') {
  await api['backups.restore']({ filePath: arg, password });
} else if (op === 'export') {
  let job = await api['exports.start']({ from: '2020-01-01', to: '2035-12-31', destinationPath: arg, includeNames: true });
  while (job.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 20));
    job = await api['exports.progress']({ id: job.id });
  }
  if (job.state !== 'done') throw new Error(`export ${job.state}: ${job.error}`);
} else if (op === 'rotation') {
  const staff = (await api['staff.list']({})).find((s) => s.username === arg);
  if (!staff) throw new Error(`no staff member ${arg}`);
  await api['staff.disable']({ id: staff.id });
} else {
  throw new Error(`unknown operation ${op}`);
}
backend.close();
process.stdout.write('done\n');
