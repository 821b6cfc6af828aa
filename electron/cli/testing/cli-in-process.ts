import { Readable } from 'node:stream';
import { runCli } from '../run-cli';

/**
 * Run `consent-desk` in this process (the same runCli the binary runs),
 * with `stdin` as standard input: for tests that run the CLI dozens of
 * times, where a process per run would cost seconds each.
 */
export async function runCliInProcess(args: string[], stdin: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdin: Readable.from([stdin]) as unknown as NodeJS.ReadStream, out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) };
  const code = await runCli(args, io);
  return { code, out: out.join(''), err: err.join('') };
}
