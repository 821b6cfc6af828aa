/**
 * File names inside an audit bundle. By default they hold ids only, never
 * a patient's name or any other identifier; with `includeNames` the
 * officer asked for names, which are reduced to ASCII letters, digits and
 * hyphens. Every name is checked before it is written, and again by the
 * verifier, so no entry can escape the folder it is extracted into.
 */
const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Latin letters that Unicode does not decompose into a base letter and a mark. */
const undecomposed: Record<string, string> = { ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', þ: 'th', Þ: 'Th', ı: 'i' };

/** "Nguyễn Thị Ánh" -> "Nguyen-Thi-Anh"; at most 40 characters; '' when nothing is left. */
export function nameSlug(text: string): string {
  return text
    .replace(/[łŁøØđĐßæÆœŒþÞı]/g, (c) => undecomposed[c] ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

export function pdfEntryName(
  folder: 'authorizations' | 'revocations',
  authorizationId: string,
  patient: { firstName: string; lastName: string } | null,
): string {
  if (!idPattern.test(authorizationId)) throw new Error('An authorization id is not a UUID; refusing to use it in a file name.');
  const slug = patient ? nameSlug(`${patient.lastName} ${patient.firstName}`) : '';
  const name = `${folder}/${slug ? `${slug}_` : ''}${authorizationId}.pdf`;
  if (!isSafeEntryName(name)) throw new Error('Unsafe file name in the bundle.');
  return name;
}

/** A written revocation's scan, beside its acknowledgment: revocations/<name>_<id>-scan.pdf (or .png, .jpg). */
export function revocationScanEntryName(authorizationId: string, patient: { firstName: string; lastName: string } | null, mimeType: string): string {
  const extension = mimeType === 'application/pdf' ? 'pdf' : mimeType === 'image/png' ? 'png' : mimeType === 'image/jpeg' ? 'jpg' : null;
  if (!extension) throw new Error('A revocation scan of an unknown type; refusing to name it in the bundle.');
  return pdfEntryName('revocations', authorizationId, patient).replace(/\.pdf$/, `-scan.${extension}`);
}

/**
 * A relative path of plain segments: no absolute path, drive letter or
 * backslash, no "." or ".." segment, no control characters, nothing
 * hidden, and short enough for every file system.
 */
export function isSafeEntryName(name: string): boolean {
  if (name.length === 0 || name.length > 200) return false;
  if (name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name)) return false;
  return name.split('/').every((segment) => /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(segment) && segment !== '.' && segment !== '..');
}
