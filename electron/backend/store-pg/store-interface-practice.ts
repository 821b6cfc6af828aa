import type { PatientCopyRecord } from '../../../shared/authorization/patient-copy';
import type { Language } from '../../../shared/authorization/scope';
import type { ScopePreset } from '../../../shared/authorization/scope-preset';
import type { AuthorizationTemplate, TemplateText } from '../../../shared/authorization/template';
import type { CertificateBundle } from '../crypto/practice-certificate';
import type * as copies from '../repositories/patient-copy-repository';
import type * as presets from '../repositories/scope-preset-repository';

/**
 * The practice's own documents behind the store interface, both engines:
 * templates (`repositories/template-repository.ts`), scope presets
 * (`scope-preset-repository.ts`), patient copies (`patient-copy-repository.ts`)
 * and the signing certificates with their history (`certificate-repository.ts`,
 * `certificate-history.ts`): the same functions made asynchronous, the
 * engine's transaction handle first. Implemented over `Db` by
 * `store-engine/sqlite-practice-records.ts` and over PostgreSQL by
 * `store-pg/pg-practice-repository.ts`.
 */

export type PresetVersionInput = Parameters<typeof presets.insertPresetVersion>[1];
export type PatientCopyInput = Parameters<typeof copies.insertPatientCopy>[1];

export const presetVersionTakenMessage = 'Someone else saved this preset at the same moment. Reopen it to see their version, then make your change again.';
export const templateVersionTakenMessage = 'Someone else published new wording at the same moment. Reopen the wording to see it, then publish yours again.';
export const noActiveTemplateMessage = (language: Language) => `No active template for ${language}`;

export interface TemplateRepository<Tx> {
  /** By language, newest version first. */
  listTemplates(tx: Tx): Promise<AuthorizationTemplate[]>;
  getTemplate(tx: Tx, id: string): Promise<AuthorizationTemplate | undefined>;
  /** None: `not_found`. */
  activeTemplate(tx: Tx, language: Language): Promise<AuthorizationTemplate>;
  /** The next version of a language, made the active one; a version published meanwhile elsewhere: `conflict`. */
  publishTemplate(tx: Tx, id: string, language: Language, text: TemplateText, createdAt: string): Promise<AuthorizationTemplate>;
}

export interface ScopePresetRepository<Tx> {
  /** The latest version of every preset, retired ones included, by name (A-Z case ignored), then id. */
  latestPresets(tx: Tx): Promise<ScopePreset[]>;
  presetVersions(tx: Tx, id: string): Promise<ScopePreset[]>;
  latestPreset(tx: Tx, id: string): Promise<ScopePreset | undefined>;
  /** A version that exists already: `conflict` (rows never change). */
  insertPresetVersion(tx: Tx, preset: PresetVersionInput): Promise<void>;
}

export interface PatientCopyRepository<Tx> {
  insertPatientCopy(tx: Tx, entry: PatientCopyInput): Promise<void>;
  latestPatientCopy(tx: Tx, authorizationId: string): Promise<PatientCopyRecord | null>;
}

export interface CertificateRepository<Tx> {
  activeCertificate(tx: Tx): Promise<CertificateBundle | undefined>;
  activateCertificate(tx: Tx, id: string, bundle: CertificateBundle, createdAt: string): Promise<void>;
  /** Oldest first. */
  allCertificates(tx: Tx): Promise<CertificateBundle[]>;
}

export interface PracticeRecords<Tx> {
  templates: TemplateRepository<Tx>;
  presets: ScopePresetRepository<Tx>;
  patientCopies: PatientCopyRepository<Tx>;
  certificates: CertificateRepository<Tx>;
}
