import type { ComponentType } from 'react';
import type { Permission } from '../../../shared/roles';
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

export interface PageEntry {
  path: string;
  /** The link text in the navigation, and the window title. */
  label: string;
  /** Who may open it; null for everyone signed in. The backend enforces the same permission on every call. */
  permission: Permission | null;
  Page: ComponentType;
}

/** Every page of the signed-in app, in navigation order. */
export const pages: readonly PageEntry[] = [
  { path: '/', label: 'Home', permission: null, Page: HomePage },
  { path: '/patients', label: 'Patients', permission: 'patients.read', Page: PatientsPage },
  { path: '/marketing', label: 'Marketing dashboard', permission: 'posts.read', Page: MarketingDashboardPage },
  { path: '/testimonials', label: 'Testimonials', permission: 'testimonials.read', Page: TestimonialsPage },
  { path: '/posts', label: 'Posts', permission: 'posts.read', Page: PostsPage },
  { path: '/replies', label: 'Review replies', permission: null, Page: ReviewRepliesPage },
  { path: '/staff', label: 'Staff', permission: 'staff.manage', Page: StaffPage },
  { path: '/audit', label: 'Audit trail', permission: 'audit.read', Page: AuditPage },
  { path: '/audit-export', label: 'Export for audit', permission: 'audit.read', Page: AuditExportPage },
  { path: '/reports', label: 'Reports', permission: 'audit.read', Page: ReportsPage },
  { path: '/retention', label: 'Retention', permission: 'records.purge', Page: RetentionPage },
  { path: '/backups', label: 'Backups', permission: 'store.backup', Page: BackupsPage },
  { path: '/wording', label: 'Wording', permission: 'settings.manage', Page: WordingPage },
  { path: '/presets', label: 'Authorization presets', permission: 'settings.manage', Page: PresetsPage },
  { path: '/settings', label: 'Settings', permission: 'settings.manage', Page: SettingsPage },
  { path: '/account', label: 'My account', permission: null, Page: MyAccountPage },
  // The social-media compliance program.
  { path: '/program', label: 'Compliance program', permission: 'program.manage', Page: ProgramStatusPage },
  { path: '/our-policy', label: 'Social-media policy', permission: null, Page: OurPolicyPage },
  { path: '/dos-and-donts', label: 'Do’s and don’ts', permission: null, Page: DosAndDontsPage },
  { path: '/policy-versions', label: 'Policy versions', permission: 'program.manage', Page: PolicyVersionsPage },
  { path: '/training', label: 'Training', permission: 'training.manage', Page: TrainingPage },
  { path: '/quiz', label: 'Policy quiz', permission: null, Page: QuizPage },
  { path: '/live-reviews', label: 'Reviews of live posts', permission: 'channelReviews.perform', Page: LiveReviewsPage },
  { path: '/post-reviews', label: 'Ask before posting', permission: 'postReviews.decide', Page: PostReviewsPage },
  { path: '/incidents', label: 'Incidents', permission: 'incidents.manage', Page: IncidentsPage },
];
