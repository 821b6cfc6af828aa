import { CliError } from './cli-error';

/** Where a command reads and writes; the entry point passes the process's own streams. */
export interface CliIo {
  stdin: NodeJS.ReadStream;
  /** Write text to stdout (the command's result). False: the stream's buffer is full; await `drained` before writing more. */
  out(text: string): boolean | void;
  /** Resolves when stdout can take more (absent where writes never queue). */
  drained?(): Promise<void>;
  /** Write text to stderr (errors, warnings, prompts). */
  err(text: string): void;
}

export const processIo: CliIo = {
  stdin: process.stdin,
  out: (text) => process.stdout.write(text),
  drained: () => new Promise((resolve) => process.stdout.once('drain', resolve)),
  err: (text) => void process.stderr.write(text),
};

/**
 * Write to stdout and wait while its buffer is full, so a command that
 * prints a whole store at a reader's pace (a pipe into jq, a slow disk)
 * holds one chunk in memory, not everything printed so far.
 */
export async function writeOut(io: CliIo, text: string): Promise<void> {
  if (io.out(text) === false && io.drained) await io.drained();
}

/**
 * The password for `--password-stdin`. From a pipe or file: all of stdin,
 * less ONE trailing newline (so `echo pw |` and a file with a final newline
 * work, while a password ending in spaces keeps them). From a terminal: a
 * prompt on stderr that does not echo what is typed.
 */
export async function readPassword(io: CliIo): Promise<string> {
  const text = io.stdin.isTTY ? await promptHidden(io, 'Password: ') : await readAll(io.stdin);
  const password = text.replace(/\r?\n$/, '');
  if (password.length === 0) throw new CliError('No password on standard input.');
  return password;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Read one line from the terminal in raw mode, echoing nothing. */
function promptHidden(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin;
  io.err(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (outcome: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      io.err('\n');
      outcome();
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(() => resolve(value));
        if (ch === '\u0003') return finish(() => reject(new CliError('Cancelled.')));
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.on('data', onData);
    stdin.resume();
  });
}
