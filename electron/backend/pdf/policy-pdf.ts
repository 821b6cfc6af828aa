import type { Language } from '../../../shared/authorization/scope';
import { formatDay } from '../../../shared/calendar';
import { fillIn } from '../../../shared/patient-language';
import { policySectionKeys, programLanguages } from '../../../shared/program-language';
import type { PolicyVersion } from '../../../shared/program/policy';
import type { CertificateBundle } from '../crypto/practice-certificate';
import { PdfLayout } from './pdf-layout';
import { signPdf } from './sign-pdf';

/** A published version of the social-media policy in one language, signed like every PDF the practice keeps. */
export async function policyPdf(version: PolicyVersion, language: Language, practice: { name: string; certificate: CertificateBundle }, generatedAt: Date): Promise<Buffer> {
  const words = programLanguages[language].policyDocument;
  const text = version.text[language];
  const fill = (s: string) => fillIn(s, { practice: practice.name });
  const layout = await PdfLayout.create({
    title: fill(text.title),
    author: practice.name,
    subject: `Social-media policy, version ${version.version} (${language})`,
    creationDate: generatedAt,
  });
  layout.caption(practice.name);
  layout.title(fill(text.title));
  layout.caption(fillIn(words.versionLine, { version: version.version, day: formatDay(version.publishedOn, language) }));
  layout.paragraph(fill(text.intro));
  for (const key of policySectionKeys) {
    const s = text.sections[key];
    layout.heading(fill(s.heading));
    layout.paragraph(fill(s.body));
  }
  layout.heading(words.dosHeading);
  layout.list(text.dos.map(fill));
  layout.heading(words.dontsHeading);
  layout.list(text.donts.map(fill));
  layout.footers(fillIn(words.footer, { version: version.version }), (n, m) => fillIn(words.page, { n, m }));
  return signPdf(layout.doc, practice.certificate, {
    reason: `Social-media policy, version ${version.version}`,
    location: practice.name,
    signerName: practice.name,
    signingTime: generatedAt,
  });
}
