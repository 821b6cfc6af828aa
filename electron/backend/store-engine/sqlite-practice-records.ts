import { AppError } from '../../../shared/errors';
import { activateCertificate, activeCertificate } from '../repositories/certificate-repository';
import { allCertificates } from '../repositories/certificate-history';
import { insertPatientCopy, latestPatientCopy } from '../repositories/patient-copy-repository';
import { insertPresetVersion, latestPreset, latestPresets, presetVersions } from '../repositories/scope-preset-repository';
import { activeTemplate, getTemplate, listTemplates, publishTemplate } from '../repositories/template-repository';
import type { Db } from '../store/database';
import { noActiveTemplateMessage, presetVersionTakenMessage, type PracticeRecords } from '../store-pg/store-interface-practice';

/**
 * Templates, scope presets, patient copies and certificates over the
 * encrypted SQLite file: today's functions, unchanged, behind the interface
 * both engines implement (store-pg/store-interface-practice.ts), with the
 * PostgreSQL side's errors for the same cases.
 */

const isUnique = (error: unknown, what: string) =>
  ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes(String((error as { code?: unknown }).code)) && String((error as Error).message).includes(what);

export function createSqlitePracticeRecords(): PracticeRecords<Db> {
  return {
    templates: {
      listTemplates: async (db) => listTemplates(db),
      getTemplate: async (db, id) => getTemplate(db, id),
      async activeTemplate(db, language) {
        // The function alone throws a plain Error for a language without wording.
        const active = db.prepare('SELECT 1 FROM templates WHERE language = ? AND active = 1').get(language);
        if (!active) throw new AppError('not_found', noActiveTemplateMessage(language));
        return activeTemplate(db, language);
      },
      // One writer at a time on the file (BEGIN IMMEDIATE): no version can be published meanwhile.
      publishTemplate: async (db, id, language, text, createdAt) => publishTemplate(db, id, language, text, createdAt),
    },
    presets: {
      latestPresets: async (db) => latestPresets(db),
      presetVersions: async (db, id) => presetVersions(db, id),
      latestPreset: async (db, id) => latestPreset(db, id),
      async insertPresetVersion(db, preset) {
        try {
          insertPresetVersion(db, preset);
        } catch (error) {
          if (isUnique(error, 'scope_presets.id')) throw new AppError('conflict', presetVersionTakenMessage);
          throw error;
        }
      },
    },
    patientCopies: {
      insertPatientCopy: async (db, entry) => insertPatientCopy(db, entry),
      latestPatientCopy: async (db, authorizationId) => latestPatientCopy(db, authorizationId),
    },
    certificates: {
      activeCertificate: async (db) => activeCertificate(db),
      activateCertificate: async (db, id, bundle, createdAt) => activateCertificate(db, id, bundle, createdAt),
      allCertificates: async (db) => allCertificates(db),
    },
  };
}
