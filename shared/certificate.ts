/** The certificate that digitally signs the practice's PDFs (no private key material). */
export interface PracticeCertificate {
  subject: string;
  issuer: string;
  fingerprintSha256: string;
  notBefore: string;
  notAfter: string;
  source: 'generated' | 'imported';
}
