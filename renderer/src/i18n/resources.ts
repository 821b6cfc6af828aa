import { common as enCommon } from './en/common';
import { programIncidents as enProgramIncidents } from './en/program-incidents';
import { programReviews as enProgramReviews } from './en/program-reviews';
import { programTraining as enProgramTraining } from './en/program-training';
import { programPolicy as enProgramPolicy } from './en/program-policy';
import { postReviews as enPostReviews } from './en/post-reviews';
import { program as enProgram } from './en/program';
import { labels as enLabels } from './en/labels';
import { posts as enPosts } from './en/posts';
import { consents as enConsents } from './en/consents';
import { complianceBackups as enComplianceBackups } from './en/compliance-backups';
import { complianceReports as enComplianceReports } from './en/compliance-reports';
import { complianceExport as enComplianceExport } from './en/compliance-export';
import { complianceRetention as enComplianceRetention } from './en/compliance-retention';
import { compliance as enCompliance } from './en/compliance';
import { testimonials as enTestimonials } from './en/testimonials';
import { wording as enWording } from './en/wording';
import { settings as enSettings } from './en/settings';
import { replies as enReplies } from './en/replies';
import { marketing as enMarketing } from './en/marketing';
import { dashboard as enDashboard } from './en/dashboard';
import { patients as enPatients } from './en/patients';
import { audit as enAudit } from './en/audit';
import { staff as enStaff } from './en/staff';
import { setup as enSetup } from './en/setup';
import { components as enComponents } from './en/components';
import { account as enAccount } from './en/account';
import { home as enHome } from './en/home';
import { session as enSession } from './en/session';
import { errors as enErrors } from './en/errors';
import { help as enHelp } from './en/help';
import { shell as enShell } from './en/shell';
import { presets as enPresets } from './en/presets';
import { validation as enValidation } from './en/validation';
import { shared as enShared } from './en/shared';
import { common as esCommon } from './es/common';
import { programIncidents as esProgramIncidents } from './es/program-incidents';
import { programReviews as esProgramReviews } from './es/program-reviews';
import { programTraining as esProgramTraining } from './es/program-training';
import { programPolicy as esProgramPolicy } from './es/program-policy';
import { postReviews as esPostReviews } from './es/post-reviews';
import { program as esProgram } from './es/program';
import { labels as esLabels } from './es/labels';
import { posts as esPosts } from './es/posts';
import { consents as esConsents } from './es/consents';
import { complianceBackups as esComplianceBackups } from './es/compliance-backups';
import { complianceReports as esComplianceReports } from './es/compliance-reports';
import { complianceExport as esComplianceExport } from './es/compliance-export';
import { complianceRetention as esComplianceRetention } from './es/compliance-retention';
import { compliance as esCompliance } from './es/compliance';
import { testimonials as esTestimonials } from './es/testimonials';
import { wording as esWording } from './es/wording';
import { settings as esSettings } from './es/settings';
import { replies as esReplies } from './es/replies';
import { marketing as esMarketing } from './es/marketing';
import { dashboard as esDashboard } from './es/dashboard';
import { patients as esPatients } from './es/patients';
import { audit as esAudit } from './es/audit';
import { staff as esStaff } from './es/staff';
import { setup as esSetup } from './es/setup';
import { components as esComponents } from './es/components';
import { account as esAccount } from './es/account';
import { home as esHome } from './es/home';
import { session as esSession } from './es/session';
import { errors as esErrors } from './es/errors';
import { help as esHelp } from './es/help';
import { shell as esShell } from './es/shell';
import { presets as esPresets } from './es/presets';
import { validation as esValidation } from './es/validation';
import { shared as esShared } from './es/shared';

/**
 * Every catalogue of the staff UI, one namespace per feature (a file each
 * under en/ and es/), so features add their own without touching others'.
 * Patient-facing texts are not here: they live in shared/patient-language,
 * with the documents they belong to.
 */
export const resources = {
  en: { 'program-incidents': enProgramIncidents, 'program-reviews': enProgramReviews, 'program-training': enProgramTraining, 'program-policy': enProgramPolicy, 'post-reviews': enPostReviews, program: enProgram, labels: enLabels, posts: enPosts, consents: enConsents, 'compliance-backups': enComplianceBackups, 'compliance-reports': enComplianceReports, 'compliance-export': enComplianceExport, 'compliance-retention': enComplianceRetention, compliance: enCompliance, testimonials: enTestimonials, wording: enWording, settings: enSettings, replies: enReplies, marketing: enMarketing, dashboard: enDashboard, patients: enPatients, audit: enAudit, staff: enStaff, setup: enSetup, components: enComponents, account: enAccount, home: enHome, session: enSession, common: enCommon, errors: enErrors, help: enHelp, shell: enShell, presets: enPresets, validation: enValidation, shared: enShared },
  es: { 'program-incidents': esProgramIncidents, 'program-reviews': esProgramReviews, 'program-training': esProgramTraining, 'program-policy': esProgramPolicy, 'post-reviews': esPostReviews, program: esProgram, labels: esLabels, posts: esPosts, consents: esConsents, 'compliance-backups': esComplianceBackups, 'compliance-reports': esComplianceReports, 'compliance-export': esComplianceExport, 'compliance-retention': esComplianceRetention, compliance: esCompliance, testimonials: esTestimonials, wording: esWording, settings: esSettings, replies: esReplies, marketing: esMarketing, dashboard: esDashboard, patients: esPatients, audit: esAudit, staff: esStaff, setup: esSetup, components: esComponents, account: esAccount, home: esHome, session: esSession, common: esCommon, errors: esErrors, help: esHelp, shell: esShell, presets: esPresets, validation: esValidation, shared: esShared },
} as const;

export type Namespace = keyof (typeof resources)['en'];
