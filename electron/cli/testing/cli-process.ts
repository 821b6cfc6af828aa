import { spawn } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const consentDeskBin = path.join(repoRoot, 'bin', 'consent-desk.mjs');
const bin = consentDeskBin;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the real `consent-desk` (bin/consent-desk.mjs) in a child process, as
 * a user would, with `stdin` piped in (the password for --password-stdin).
 */
export function runConsentDesk(args: string[], stdin = '', env?: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'], ...(env ? { env: { ...process.env, ...env } } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** The lines of a stream's text, without the final empty one. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1);
}
