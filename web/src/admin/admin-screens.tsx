import { ClosuresPage } from '../closures/ClosuresPage';
import { adminPage } from './AdminLayout';
import { DemoDataPage } from './DemoDataPage';
import { SettingsPage } from './SettingsPage';
import { UsersPage } from './UsersPage';
import { AudiencesPage, CapabilitiesPage } from './VocabularyPage';

/**
 * The administration screens as the router loads them: one chunk, fetched on the first visit to
 * /admin (router.tsx), each page behind its permission check.
 */
export { AdminIndexPage, AdminLayout } from './AdminLayout';
export const AdminUsersPage = adminPage('/admin/users', UsersPage);
export const AdminAudiencesPage = adminPage('/admin/audiences', AudiencesPage);
export const AdminCapabilitiesPage = adminPage('/admin/skills-and-resources', CapabilitiesPage);
export const AdminSettingsPage = adminPage('/admin/settings', SettingsPage);
export const AdminDemoDataPage = adminPage('/admin/demo-data', DemoDataPage);
export const AdminClosuresPage = adminPage('/admin/closures', ClosuresPage);
