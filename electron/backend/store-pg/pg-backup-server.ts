import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { AppError } from '../../../shared/errors';
import { openSlot } from '../crypto/key-slots';
import { findStaffSlot } from '../store/keyring';
import type { Credential } from '../store/store';
import { mapPgFailure } from '../store-engine/pg-store-engine';
import { FieldCipher } from './field-crypto';
import { backupServerStore, refuseBackupTarget, type BackupCounts, type BackupProgress, type ServerBackup } from './pg-backup-to-file';
import { createPgKeyringRepository, createPgStaffRepository } from './pg-staff-repository';

/**
 * `consent-desk backup-server` below the command line: connect to the server
 * (its address without a password: PGPASSWORD or ~/.pgpass supply it), open
 * the store's data key with an administrator's password from the server's
 * own keyring (as a workstation signs in), refuse anyone but an active
 * administrator, then back up (pg-backup-to-file.ts). The server is only
 * read. Every failure is an AppError in words for whoever runs it.
 */
export interface BackupServerInput {
  from: string;
  credential: Extract<Credential, { username: string }>;
  to: string;
  now?: Date;
  onStep?: (line: string) => void;
}

const stepNames: Record<keyof BackupCounts, string> = {
  staff: 'staff',
  settings: 'settings',
  retiredDataKeys: 'retired data keys',
  templates: 'authorization wording',
  scopePresets: 'scope presets',
  certificates: 'signing certificates',
  policyVersions: 'policy versions',
  policyAcknowledgments: 'policy acknowledgments',
  patients: 'patients',
  testimonials: 'testimonials',
  media: 'photos and videos',
  authorizations: 'authorizations',
  posts: 'posts',
  patientCopies: 'patient copy entries',
  trainingSessions: 'training sessions',
  trainingMaterials: 'training materials',
  quizResults: 'quiz results',
  reviewSchedules: 'review schedules',
  channelReviews: 'channel reviews',
  purges: 'retention purges',
  replyChecks: 'checked replies',
  postReviewMessages: 'post review messages',
  incidents: 'incidents',
  incidentDocuments: 'incident documents',
  auditEvents: 'audit events',
};

const wrongCredential = 'The username or password is not right for this store.';

export async function backupServerToFile(input: BackupServerInput): Promise<ServerBackup> {
  // Before the server is asked anything: a backup that could not be kept is not made.
  refuseBackupTarget(path.resolve(input.to));
  const server = new pg.Client({ connectionString: input.from, connectionTimeoutMillis: 15_000 });
  // An idle connection that breaks would otherwise crash the process; the next query reports it.
  server.on('error', () => undefined);
  try {
    try {
      await server.connect();
    } catch (error) {
      if ((error as { code?: unknown }).code === '3D000') throw new AppError('not_found', 'The database named in --from does not exist on the server. Nothing was written.');
      throw error;
    }
    // The key slots are not sealed (each is locked by its password): read before any key is known, with a throwaway one.
    const keyring = await createPgKeyringRepository(new FieldCipher([{ keyId: 1, dataKey: crypto.randomBytes(32) }], 1)).readKeyring(server).catch((error: unknown) => {
      // A database without the store's tables holds no store.
      if ((error as { code?: unknown }).code === '42P01') return null;
      throw error;
    });
    if (!keyring) throw new AppError('not_found', 'The database named in --from holds no Consent Desk store. Nothing was written.');
    const slot = findStaffSlot(keyring, input.credential.username);
    const dataKey = slot && (await openSlot(slot, input.credential.password));
    if (!slot?.staffId || !dataKey) throw new AppError('unauthorized', wrongCredential);
    const cipher = new FieldCipher([{ keyId: keyring.keyEpoch, dataKey }], keyring.keyEpoch);
    const member = await createPgStaffRepository(cipher).getStaffById(server, slot.staffId);
    if (member?.role !== 'admin' || member.status !== 'active') throw new AppError('forbidden', 'Only an administrator can back up the store.');
    input.onStep?.('Copying from one snapshot of the server (nothing is kept under the backup’s name unless all of it is copied and checked)…');
    const onProgress = (p: BackupProgress) => input.onStep?.(`Copying ${stepNames[p.step]}: ${p.done} of ${p.total}`);
    return await backupServerStore({ server, cipher, dataKey, target: path.resolve(input.to), now: input.now ?? new Date(), onProgress });
  } catch (error) {
    throw mapPgFailure(error);
  } finally {
    await server.end().catch(() => undefined);
  }
}
