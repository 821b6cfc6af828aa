import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The system's PDF tools (poppler-utils, qpdf) run on real files: tests check
 * what Consent Desk writes the way an auditor's tools would read it.
 */
function withFile<T>(pdf: Buffer, fn: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consent-desk-pdf-'));
  const file = path.join(dir, 'document.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfText(pdf: Buffer): string {
  return withFile(pdf, (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
}

/** pdftotext's text with runs of whitespace made single spaces, so wrapped phrases can be searched. */
export function pdfFlatText(pdf: Buffer): string {
  return withFile(pdf, (file) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).replace(/\s+/g, ' ');
}

/** pdfsig's report. It exits 0 whatever it finds, so callers read the words. */
export function pdfSignatureReport(pdf: Buffer): string {
  return withFile(pdf, (file) => {
    const result = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    return `${result.stdout}${result.stderr}`;
  });
}

export function qpdfCheck(pdf: Buffer): { ok: boolean; output: string } {
  return withFile(pdf, (file) => {
    const result = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  });
}

export function pdfPageCount(pdf: Buffer): number {
  return withFile(pdf, (file) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]));
}
