import { spawnSync } from 'node:child_process';
import { checkAuthorizationText, type AuthorizationCheck } from '../../../shared/authorization/authorization-checker';
import type { Language } from '../../../shared/authorization/scope';
import { AppError } from '../../../shared/errors';

/**
 * Read a PDF with poppler's `pdftotext`, as an auditor's tools would, and
 * check its text element by element. Needs poppler-utils on the machine.
 */
export function checkAuthorizationPdf(file: string, language?: Language): AuthorizationCheck {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
    throw new AppError('internal', 'pdftotext is not installed: install poppler-utils (Debian, Ubuntu) or poppler (Homebrew) to check PDFs.');
  }
  if (result.status !== 0) throw new AppError('validation', `pdftotext cannot read ${file}: ${result.stderr.trim() || `exit ${result.status}`}.`);
  return checkAuthorizationText(result.stdout, language);
}
