import { createBrowserHistory, createRootRoute, createRoute, createRouter, Outlet, redirect, type RouterHistory } from '@tanstack/react-router';
import { session } from './api/client';
import { safeRedirect } from './auth/safe-redirect';
import { SetupPage } from './auth/SetupPage';
import { SignInPage } from './auth/SignInPage';
import { NotFoundPage } from './common/NotFoundPage';
import { parseDirectorySearch } from './directory/directory-search';
import { DirectoryPage } from './directory/DirectoryPage';
import { OrganizationPage } from './organization/OrganizationPage';
import { AppLayout } from './shell/AppLayout';
import { AcceptInvitationPage, parseAcceptInvitationSearch } from './account/AcceptInvitationPage';
import { AccountPage } from './account/AccountPage';
import { AdminIndexPage, AdminLayout, adminPage } from './admin/AdminLayout';
import { DemoDataPage } from './admin/DemoDataPage';
import { SettingsPage } from './admin/SettingsPage';
import { UsersPage } from './admin/UsersPage';
import { AudiencesPage, CapabilitiesPage } from './admin/VocabularyPage';
import { DashboardPage } from './dashboard/DashboardPage';
import { DigestPage } from './dashboard/DigestPage';
import { parseMatchesSearch } from './matches/match-format';
import { MatchesPage } from './matches/MatchesPage';
import { parseFeedbackSearch } from './feedback/feedback-search';
import { FeedbackPage } from './feedback/FeedbackPage';
import { parseTasksSearch } from './tasks/tasks-search';
import { TasksPage } from './tasks/TasksPage';
import { LogVisitPage, parseLogVisitSearch } from './visits/LogVisitPage';
import { parseVisitsSearch } from './visits/visits-search';
import { VisitsPage } from './visits/VisitsPage';
import { ClosuresPage } from './closures/ClosuresPage';
import { EditProgramPage, NewProgramPage } from './programs/ProgramFormPage';
import { ProgramPage } from './programs/ProgramPage';
import { parseNewProgramSearch, parseProgramPageSearch, parseProgramsSearch } from './programs/programs-search';
import { ProgramsPage } from './programs/ProgramsPage';
import { ReminderPage } from './reminders/ReminderPage';
import { parseRemindersSearch, RemindersPage } from './reminders/RemindersPage';

export type SignInNotice = 'expired' | 'signed-out' | 'already-set-up';
const NOTICES: readonly SignInNotice[] = ['expired', 'signed-out', 'already-set-up'];

export interface SignInSearch {
  /** The page to go back to after signing in. */
  redirect?: string;
  notice?: SignInNotice;
}

function parseSignInSearch(raw: Record<string, unknown>): SignInSearch {
  const search: SignInSearch = {};
  if (typeof raw.redirect === 'string' && safeRedirect(raw.redirect, '') !== '') search.redirect = raw.redirect;
  if (NOTICES.includes(raw.notice as SignInNotice)) search.notice = raw.notice as SignInNotice;
  return search;
}

/** Signed-in people have nothing to do on the sign-in and setup pages. */
async function leaveIfSignedIn(target?: string): Promise<void> {
  await session.restore();
  if (session.getSnapshot().status === 'signed-in') throw redirect({ href: safeRedirect(target) });
}

const rootRoute = createRootRoute({ component: Outlet, notFoundComponent: NotFoundPage });

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'sign-in',
  validateSearch: parseSignInSearch,
  beforeLoad: ({ search }) => leaveIfSignedIn(search.redirect),
  component: SignInPage,
});

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'setup',
  beforeLoad: () => leaveIfSignedIn(),
  component: SetupPage,
});

/** Every screen behind sign-in; without a session, sign-in remembers where the person was going. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ location }) => {
    await session.restore();
    if (session.getSnapshot().status !== 'signed-in') {
      throw redirect({ to: '/sign-in', search: location.href === '/' ? {} : { redirect: location.href } });
    }
  },
  component: AppLayout,
});

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/organizations' });
  },
});

const directoryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'organizations',
  validateSearch: parseDirectorySearch,
  component: DirectoryPage,
});

const organizationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'organizations/$organizationId',
  component: OrganizationPage,
});

const logVisitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'log-visit',
  validateSearch: parseLogVisitSearch,
  component: LogVisitPage,
});

const visitsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'visits',
  validateSearch: parseVisitsSearch,
  component: VisitsPage,
});

const tasksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'tasks',
  validateSearch: parseTasksSearch,
  component: TasksPage,
});

// Not /feedback: that path is the server's public feedback form (/feedback/:token).
const feedbackRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'feedback-inbox',
  validateSearch: parseFeedbackSearch,
  component: FeedbackPage,
});

const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'dashboard',
  component: DashboardPage,
});

const digestRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'dashboard/digest',
  component: DigestPage,
});

const introductionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'introductions',
  validateSearch: parseMatchesSearch,
  component: MatchesPage,
});

const programsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'programs',
  validateSearch: parseProgramsSearch,
  component: ProgramsPage,
});

const newProgramRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'programs/new',
  validateSearch: parseNewProgramSearch,
  component: NewProgramPage,
});

const programRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'programs/$programId',
  validateSearch: parseProgramPageSearch,
  component: ProgramPage,
});

const editProgramRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'programs/$programId/edit',
  component: EditProgramPage,
});

const remindersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'reminders',
  validateSearch: parseRemindersSearch,
  component: RemindersPage,
});

const reminderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'reminders/$reminderId',
  component: ReminderPage,
});

// The link in invitation emails: PUBLIC_URL/accept-invitation?token=… (src/reminder/delivery-sender.service.ts).
const acceptInvitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'accept-invitation',
  validateSearch: parseAcceptInvitationSearch,
  beforeLoad: () => session.restore(),
  component: AcceptInvitationPage,
});

const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'account',
  component: AccountPage,
});

/** Administration: each page shows the 403 page to a role without its permission. */
const adminRoute = createRoute({ getParentRoute: () => appRoute, path: 'admin', component: AdminLayout });
const adminRoutes = [
  createRoute({ getParentRoute: () => adminRoute, path: '/', component: AdminIndexPage }),
  createRoute({ getParentRoute: () => adminRoute, path: 'users', component: adminPage('/admin/users', UsersPage) }),
  createRoute({ getParentRoute: () => adminRoute, path: 'audiences', component: adminPage('/admin/audiences', AudiencesPage) }),
  createRoute({ getParentRoute: () => adminRoute, path: 'skills-and-resources', component: adminPage('/admin/skills-and-resources', CapabilitiesPage) }),
  createRoute({ getParentRoute: () => adminRoute, path: 'settings', component: adminPage('/admin/settings', SettingsPage) }),
  createRoute({ getParentRoute: () => adminRoute, path: 'demo-data', component: adminPage('/admin/demo-data', DemoDataPage) }),
  createRoute({ getParentRoute: () => adminRoute, path: 'closures', component: adminPage('/admin/closures', ClosuresPage) }),
] as const;

const routeTree = rootRoute.addChildren([signInRoute, setupRoute, acceptInvitationRoute, appRoute.addChildren([homeRoute, directoryRoute, organizationRoute, logVisitRoute, visitsRoute, tasksRoute, feedbackRoute, dashboardRoute, digestRoute, introductionsRoute, programsRoute, newProgramRoute, programRoute, editProgramRoute, remindersRoute, reminderRoute, accountRoute, adminRoute.addChildren(adminRoutes)])]);

export function createAppRouter(history: RouterHistory = createBrowserHistory()) {
  const router = createRouter({ routeTree, history, defaultPreload: false, scrollRestoration: true });
  session.onExpired(() => {
    const here = router.state.location.href;
    void router.navigate({ to: '/sign-in', search: { redirect: here, notice: 'expired' } });
  });
  return router;
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}
