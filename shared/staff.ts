import { z } from 'zod';
import { roles, type Role } from './roles';

/**
 * Passwords: at least 12 characters, no composition rules (NIST SP 800-63B:
 * length helps, forced symbol mixes do not). The key derivation that turns a
 * password into a key lives in the backend.
 */
export const passwordSchema = z
  .string()
  .min(12, 'Use at least 12 characters; a few unrelated words make a good password.')
  .max(256, 'Use at most 256 characters.');

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9._-]{1,31}$/,
    'Use 2 to 32 lowercase letters, digits, dots, dashes or underscores, starting with a letter or digit.',
  );

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter the person’s name.')
  .max(100, 'Use at most 100 characters.');

export const roleSchema = z.enum(roles, 'Choose a role.');

export const staffIdSchema = z.uuid('Unknown staff member.');

export type StaffStatus = 'active' | 'disabled';

export interface StaffMember {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  status: StaffStatus;
  createdAt: string;
  updatedAt: string;
}
