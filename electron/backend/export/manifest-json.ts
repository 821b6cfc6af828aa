import type { BundleManifest, ManifestFile } from '../../../shared/compliance/audit-bundle';

/**
 * The manifest's JSON in pieces, so that its list of files (one line per
 * PDF: 100,000 at a large practice) can be written as the files go in and
 * never held: together, `opening` + each `manifestFileJson` in order +
 * `closing` are exactly the bytes of `JSON.stringify(manifest, null, 2)`
 * and a newline, as bundles have always been written and `audit verify`
 * reads them. `files` is the manifest's last member.
 */
export function manifestJsonAround(head: Omit<BundleManifest, 'files'>, fileCount: number): [opening: string, closing: string] {
  const empty = `${JSON.stringify({ ...head, files: [] }, null, 2)}\n`;
  const end = ']\n}\n';
  if (!empty.endsWith(`"files": []\n}\n`)) throw new Error('The manifest’s list of files must be its last member.');
  const opening = empty.slice(0, -end.length);
  return [opening, fileCount === 0 ? end : `\n  ${end}`];
}

/** One file of the manifest's list as JSON.stringify prints it there: indented four spaces, after a comma unless it is the first. */
export function manifestFileJson(file: ManifestFile, first: boolean): string {
  return `${first ? '' : ','}\n    ${JSON.stringify(file, null, 2).replace(/\n/g, '\n    ')}`;
}
