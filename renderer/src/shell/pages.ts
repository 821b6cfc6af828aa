import type { ComponentType } from 'react';
import type { Permission } from '../../../shared/roles';
import type { shell } from '../i18n/en/shell';
import { MyAccountPage } from '../features/account/MyAccountPage';
import { AuditPage } from '../features/audit/AuditPage';
import { BackupsPage } from '../features/compliance-backups/BackupsPage';
import { AuditExportPage } from '../features/compliance-export/AuditExportPage';
import { ReportsPage } from '../features/compliance-reports/ReportsPage';
import { RetentionPage } from '../features/compliance-retention/RetentionPage';
import { HomePage } from '../features/home/HomePage';
import { MarketingDashboardPage } from '../features/dashboard/MarketingDashboardPage';
import { PatientsPage } from '../features/patients/PatientsPage';
import { PostsPage } from '../features/posts/PostsPage';
import { ReviewRepliesPage } from '../features/replies/ReviewRepliesPage';
import { TestimonialsPage } from '../features/testimonials/TestimonialsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { StaffPage } from '../features/staff/StaffPage';
import { WordingPage } from '../features/wording/WordingPage';
import { PresetsPage } from '../features/presets/PresetsPage';
import { ProgramStatusPage } from '../features/program/ProgramStatusPage';
import { OurPolicyPage } from '../features/program-policy/OurPolicyPage';
import { DosAndDontsPage } from '../features/program-policy/DosAndDontsPage';
import { PolicyVersionsPage } from '../features/program-policy/PolicyVersionsPage';
import { TrainingPage } from '../features/program-training/TrainingPage';
import { QuizPage } from '../features/program-training/QuizPage';
import { LiveReviewsPage } from '../features/program-reviews/LiveReviewsPage';
import { PostReviewsPage } from '../features/post-reviews/PostReviewsPage';
import { IncidentsPage } from '../features/program-incidents/IncidentsPage';

export type PageKey = keyof typeof shell.pages;

export interface PageEntry {
  path: string;
  /** Its name in the shell catalogue (the `pages` of i18n/en/shell.ts): the link text in the navigation, and the window title. */
  labelKey: PageKey;
  /** Who may open it; null for everyone signed in. The backend enforces the same permission on every call. */
  permission: Permission | null;
  Page: ComponentType;
}

/** Every page of the signed-in app, in navigation order. */
export const pages: readonly PageEntry[] = [
  { path: '/', labelKey: 'home', permission: null, Page: HomePage },
  { path: '/patients', labelKey: 'patients', permission: 'patients.read', Page: PatientsPage },
  { path: '/marketing', labelKey: 'marketing', permission: 'posts.read', Page: MarketingDashboardPage },
  { path: '/testimonials', labelKey: 'testimonials', permission: 'testimonials.read', Page: TestimonialsPage },
  { path: '/posts', labelKey: 'posts', permission: 'posts.read', Page: PostsPage },
  { path: '/replies', labelKey: 'replies', permission: null, Page: ReviewRepliesPage },
  { path: '/staff', labelKey: 'staff', permission: 'staff.manage', Page: StaffPage },
  { path: '/audit', labelKey: 'audit', permission: 'audit.read', Page: AuditPage },
  { path: '/audit-export', labelKey: 'auditExport', permission: 'audit.read', Page: AuditExportPage },
  { path: '/reports', labelKey: 'reports', permission: 'audit.read', Page: ReportsPage },
  { path: '/retention', labelKey: 'retention', permission: 'records.purge', Page: RetentionPage },
  { path: '/backups', labelKey: 'backups', permission: 'store.backup', Page: BackupsPage },
  { path: '/wording', labelKey: 'wording', permission: 'settings.manage', Page: WordingPage },
  { path: '/presets', labelKey: 'presets', permission: 'settings.manage', Page: PresetsPage },
  { path: '/settings', labelKey: 'settings', permission: 'settings.manage', Page: SettingsPage },
  { path: '/account', labelKey: 'account', permission: null, Page: MyAccountPage },
  // The social-media compliance program.
  { path: '/program', labelKey: 'program', permission: 'program.manage', Page: ProgramStatusPage },
  { path: '/our-policy', labelKey: 'ourPolicy', permission: null, Page: OurPolicyPage },
  { path: '/dos-and-donts', labelKey: 'dosAndDonts', permission: null, Page: DosAndDontsPage },
  { path: '/policy-versions', labelKey: 'policyVersions', permission: 'program.manage', Page: PolicyVersionsPage },
  { path: '/training', labelKey: 'training', permission: 'training.manage', Page: TrainingPage },
  { path: '/quiz', labelKey: 'quiz', permission: null, Page: QuizPage },
  { path: '/live-reviews', labelKey: 'liveReviews', permission: 'channelReviews.perform', Page: LiveReviewsPage },
  { path: '/post-reviews', labelKey: 'postReviews', permission: 'postReviews.decide', Page: PostReviewsPage },
  { path: '/incidents', labelKey: 'incidents', permission: 'incidents.manage', Page: IncidentsPage },
];
