import crypto from 'node:crypto';
import pg from 'pg';
import type { AuthorizationDocument } from '../../../../shared/authorization/document';
import type { AuthorizationTerms } from '../../../../shared/authorization/scope';
import type { Strokes } from '../../../../shared/authorization/signature';
import type { Patient } from '../../../../shared/patients';
import type { PatientSignature } from '../../repositories/authorization-repository';
import type { StoredPost } from '../../repositories/post-repository';
import { createFoundationSchema } from '../pg-schema';
import type { PgTestCluster } from './pg-cluster';

/** Records for the PostgreSQL repository tests: plausible, and every PHI value distinctive enough to search a dump for. */

export const terms = (expiration: AuthorizationTerms['expiration'] = { kind: 'date', date: '2027-06-01' }): AuthorizationTerms => ({
  language: 'en',
  scope: { contentKinds: ['first_name', 'written_testimonial', 'photographs'], channels: ['facebook'], otherChannels: [], purposes: ['advertising'], otherPurposes: [], conditions: [] },
  expiration,
  remuneration: { thirdPartyPays: false, payer: '' },
  representative: null,
  combinedWith: [],
  minorSignsAlone: null,
});

export function patientRecord(fields: Partial<Patient> & Pick<Patient, 'firstName' | 'lastName' | 'dateOfBirth'>, at: string): Patient {
  return { id: crypto.randomUUID(), recordNumber: null, phone: null, email: null, city: null, createdAt: at, updatedAt: at, ...fields };
}

export const strokes: Strokes = [
  [
    { x: 10, y: 40, time: 1_764_580_000_000 },
    { x: 60, y: 12, time: 1_764_580_000_040 },
    { x: 120, y: 44, time: 1_764_580_000_090 },
  ],
];

export function signatureOf(signerName: string, textShown: string, signedAt: string): PatientSignature {
  const documentShown: AuthorizationDocument = { title: 'Authorization to use my testimonial', language: 'en', templateVersion: 1, blocks: [] };
  return {
    signedAt,
    signerName,
    signatureKind: 'drawn',
    signaturePng: Buffer.from(`\x89PNG fake signature image of ${signerName}`),
    strokes,
    canvas: { width: 600, height: 200 },
    workstation: 'reception-1',
    textShown,
    textSha256: crypto.createHash('sha256').update(textShown).digest('hex'),
    documentShown,
  };
}

export function postRecord(p: { id?: string; testimonialId: string; patientId: string; consentId: string | null; caption: string; at: string }): StoredPost {
  return {
    id: p.id ?? crypto.randomUUID(),
    testimonialId: p.testimonialId,
    patientId: p.patientId,
    consentId: p.consentId,
    channel: 'facebook',
    caption: p.caption,
    mediaIds: [],
    purpose: 'advertising',
    thirdPartyPays: false,
    extraContentKinds: [],
    contentKinds: ['first_name', 'written_testimonial'],
    state: 'draft',
    createdAt: p.at,
    updatedAt: p.at,
    approvedAt: null,
    publishedAt: null,
    publishedUrl: null,
    reliedConsentPdfSha256: null,
    takedownRequiredAt: null,
    takedownReason: null,
    takenDownAt: null,
    identifiersApproval: null,
    reviewRequiredAt: null,
    reviewReason: null,
    sponsor: '',
    blockingIdentifiers: [],
    healthMentions: [],
    identifiersApprovedSha256: null,
  };
}

export async function inTransaction<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Create the store's schema as its owner, then connect as the app. */
export async function schemaAndAppClient(cluster: PgTestCluster): Promise<pg.Client> {
  const owner = new pg.Client({ connectionString: cluster.ownerUrl });
  await owner.connect();
  try {
    await createFoundationSchema(owner, cluster.appRole);
  } finally {
    await owner.end();
  }
  const app = new pg.Client({ connectionString: cluster.appUrl });
  await app.connect();
  return app;
}
