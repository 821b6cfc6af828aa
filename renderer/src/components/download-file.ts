import type { FilePayload } from '../../../shared/authorization/record';

/** The bytes of a file the backend handed over as base64. */
export function bytesOf(file: Pick<FilePayload, 'base64'>): Uint8Array<ArrayBuffer> {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Saves a file the backend produced (a PDF) the way a browser saves a
 * download: a Blob, a temporary object URL and a link with a file name.
 * Electron shows its save dialog; a browser puts it in Downloads.
 */
export function downloadFile(file: FilePayload): void {
  const url = URL.createObjectURL(new Blob([bytesOf(file)], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
