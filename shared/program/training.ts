import { z } from 'zod';
import { addDaysTo, daysBetween, type Day } from '../calendar';
import { addMonthsTo } from './program-days';

/**
 * Training on the policies (164.530(b)): every member of staff within a
 * reasonable time of joining, then again each cycle the practice sets (12
 * months by default). A person's status on a day:
 * - `current`: trained, and the next training is more than 30 days away;
 * - `due_soon`: the next training is due within 30 days (a new member of
 *   staff is in this state for their first 30 days);
 * - `overdue`: the day it was due has passed without training.
 */
export type TrainingState = 'current' | 'due_soon' | 'overdue';

export interface TrainingStatus {
  state: TrainingState;
  lastTrainedOn: Day | null;
  /** The day the next training is due. */
  dueOn: Day;
  /** Days until `dueOn` (negative once overdue). */
  daysLeft: number;
}

/** A new member of staff is trained within this many days of joining. */
export const newStaffDays = 30;
/** "Due within 30 days". */
export const dueSoonDays = 30;
export const defaultTrainingCycleMonths = 12;

export const trainingCycleMonthsSchema = z
  .number()
  .int('Use whole months.')
  .min(1, 'Train at least every 24 months; use 1 to 24.')
  .max(24, 'Train at least every 24 months; use 1 to 24.');

export function trainingStatus(input: { joinedOn: Day; lastTrainedOn: Day | null; cycleMonths: number; today: Day }): TrainingStatus {
  const { joinedOn, lastTrainedOn, cycleMonths, today } = input;
  const dueOn = lastTrainedOn ? addMonthsTo(lastTrainedOn, cycleMonths) : addDaysTo(joinedOn, newStaffDays);
  const daysLeft = daysBetween(today, dueOn);
  const state: TrainingState = daysLeft < 0 ? 'overdue' : daysLeft <= dueSoonDays || !lastTrainedOn ? 'due_soon' : 'current';
  return { state, lastTrainedOn, dueOn, daysLeft };
}

export const trainingStateLabels: Record<TrainingState, string> = {
  current: 'Current',
  due_soon: 'Due within 30 days',
  overdue: 'Overdue',
};

/** Materials kept with a training session: slides, handouts, sign-in sheets. */
export const trainingMaterialTypes = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'text/plain': ['txt'],
} as const;
export type TrainingMaterialType = keyof typeof trainingMaterialTypes;
/** Each material at most 20 MB (as base64 about 27 MB). */
export const maxMaterialBytes = 20 * 1024 * 1024;
export const maxMaterialsPerSession = 10;

export const trainingMaterialSchema = z
  .object({
    fileName: z.string().trim().min(1, 'Name the file.').max(255, 'Use a file name of at most 255 characters.'),
    base64: z
      .string()
      .min(1, 'The file is empty.')
      .max(Math.ceil(maxMaterialBytes / 3) * 4, 'A material must be 20 MB or smaller.')
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file did not arrive whole; choose it again.'),
  })
  .strict();

export const trainingSessionInputSchema = z
  .object({
    heldOn: z.iso.date('Use a date such as 2026-03-14.'),
    topic: z.string().trim().min(3, 'Say what the session was about.').max(200, 'Use at most 200 characters.'),
    trainer: z.string().trim().min(2, 'Name who gave the training.').max(200, 'Use at most 200 characters.'),
    notes: z.string().trim().max(4000, 'Use at most 4,000 characters.').default(''),
    attendeeIds: z.array(z.uuid('Unknown staff member.')).min(1, 'Choose at least one person who attended.').max(500),
    materials: z.array(trainingMaterialSchema).max(maxMaterialsPerSession, `Attach at most ${maxMaterialsPerSession} files.`).default([]),
  })
  .strict();
export type TrainingSessionInput = z.output<typeof trainingSessionInputSchema>;

export interface TrainingMaterialSummary {
  id: string;
  fileName: string;
  mimeType: string;
  bytes: number;
  sha256: string;
}

export interface TrainingSession {
  id: string;
  heldOn: Day;
  topic: string;
  trainer: string;
  notes: string;
  attendees: { staffId: string; displayName: string }[];
  materials: TrainingMaterialSummary[];
  recordedAt: string;
  recordedByName: string;
  /** A session recorded by mistake stays on record, marked void with the reason; it counts for nobody. */
  voidedAt: string | null;
  voidReason: string | null;
}

export interface QuizResultSummary {
  id: string;
  takenAt: string;
  language: string;
  correct: number;
  total: number;
  passed: boolean;
}

/** One person's training and quiz, as the Training page and the compliance report show them. */
export interface StaffTraining {
  staffId: string;
  displayName: string;
  role: string;
  status: TrainingStatus;
  lastQuiz: QuizResultSummary | null;
}
