import { describe, expect, it } from 'vitest';
import { isSafeEntryName, nameSlug, pdfEntryName } from './bundle-names';

const id = '3f2b8c1e-5d4a-4e2f-9b1c-7a6d5e4f3a2b';

describe('bundle file names', () => {
  it('hold the id only, unless names were asked for', () => {
    expect(pdfEntryName('authorizations', id, null)).toBe(`authorizations/${id}.pdf`);
    expect(pdfEntryName('revocations', id, { firstName: 'Thị Ánh', lastName: 'Nguyễn' })).toBe(`revocations/Nguyen-Thi-Anh_${id}.pdf`);
  });

  it('reduce names to safe characters, whatever was typed', () => {
    expect(nameSlug('../../etc/passwd')).toBe('etc-passwd');
    expect(nameSlug("O'Brien-Smith, Jr.")).toBe('O-Brien-Smith-Jr');
    expect(nameSlug('Łukasz Żółć')).toBe('Lukasz-Zolc');
    expect(nameSlug('李小龍')).toBe('');
    expect(pdfEntryName('authorizations', id, { firstName: '李', lastName: '小龍' })).toBe(`authorizations/${id}.pdf`);
    expect(nameSlug('x'.repeat(100))).toHaveLength(40);
  });

  it('refuse anything but a UUID as the id', () => {
    expect(() => pdfEntryName('authorizations', '../../evil', null)).toThrow();
  });

  it('recognise names that could escape the folder', () => {
    for (const bad of ['/etc/passwd', '../x.pdf', 'a/../../x', 'C:\\x', 'c:/x', 'a\\b', '.hidden', 'a//b', '', 'a/./b', 'x\u0000y']) {
      expect(isSafeEntryName(bad), bad).toBe(false);
    }
    for (const good of ['manifest.json', 'manifest.json.p7s', `authorizations/${id}.pdf`, 'audit-log.jsonl']) {
      expect(isSafeEntryName(good), good).toBe(true);
    }
  });
});
