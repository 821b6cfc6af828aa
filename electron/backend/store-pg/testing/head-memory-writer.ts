// Writes the server-head memory over and over, as a workstation recording each new head would, until it
// is killed: node --import tsx head-memory-writer.ts FOLDER KEY_HEX STORE_ID
// Prints "seq" after each write has returned, so the test knows the newest memory that must survive.
// With HEAD_MEMORY_KILL_AT=N it kills itself (SIGKILL) just before its Nth file step (open, write,
// fsync, rename), so every step of a write is met by a kill in turn.
import fs from 'node:fs';
import { folderHeadMemory, rememberServerHead } from '../server-head-memory';

const [folder, keyHex, storeId] = process.argv.slice(2);
if (!folder || !keyHex || !storeId) throw new Error('usage: head-memory-writer FOLDER KEY_HEX STORE_ID');
const killAt = Number(process.env.HEAD_MEMORY_KILL_AT ?? 0);
let steps = 0;
type Fn = (...args: never[]) => unknown;
for (const name of ['openSync', 'writeFileSync', 'writeSync', 'fsync', 'fsyncSync', 'renameSync'] as const) {
  const original = fs[name] as Fn;
  (fs as unknown as Record<string, Fn>)[name] = (...args: never[]) => {
    steps += 1;
    if (steps === killAt) process.kill(process.pid, 'SIGKILL');
    return original(...args);
  };
}
const options = { keeper: folderHeadMemory(folder), key: Buffer.from(keyHex, 'hex') };
const start = Number(process.env.HEAD_MEMORY_START ?? '1');
for (let seq = start; ; seq += 1) {
  await rememberServerHead(storeId, { seq, hash: seq.toString(16).padStart(64, '0') }, options);
  process.stdout.write(`${seq}\n`);
}
