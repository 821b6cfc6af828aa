/**
 * Whether a typed name is the signer's name, compared the way a person
 * reads it: accents, letter case, spacing and the kind of apostrophe or
 * dash do not count ("Lucia  fernandez" is "Lucía Fernández"); letters do.
 * Used for the patient's typed name and the name on a paper form.
 */
export function sameSignerName(typed: string, expected: string): boolean {
  const a = signerNameKey(typed);
  return a.length > 0 && a === signerNameKey(expected);
}

/** NFKD, marks removed, case folded, apostrophes and dashes unified, spaces dropped. */
export function signerNameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02BC`\u00B4]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\s\p{Zs}]+/gu, '')
    .normalize('NFC');
}
