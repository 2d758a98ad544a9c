import {
  createBrowserHistory,
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
  type RouterHistory,
} from '@tanstack/react-router';
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
import { parseMatchesSearch } from './matches/match-format';
import { parseFeedbackSearch } from './feedback/feedback-search';
import { FeedbackPage } from './feedback/FeedbackPage';
import { parseTasksSearch } from './tasks/tasks-search';
import { TasksPage } from './tasks/TasksPage';
import { LogVisitPage, parseLogVisitSearch } from './visits/LogVisitPage';
import { parseVisitsSearch } from './visits/visits-search';
import { VisitsPage } from './visits/VisitsPage';
import { parseNewProgramSearch, parseProgramPageSearch, parseProgramsSearch } from './programs/programs-search';
import { parseRemindersSearch } from './reminders/reminders-search';
import { parseContactsSearch } from './contacts/contacts-search';
import { parseCalendarSearch } from './calendar/calendar-search';
import { parseDashboardSearch } from './dashboard/dashboard-search';
import { parseReportSearch } from './reports/report-search';
import { parseGoalsSearch } from './goals/goals-search';

/*
 * Screens used less often, or heavy (programs bring luxon, rrule and qrcode), load on first visit:
 * each `lazy(...)` is a chunk of its own that the router fetches before showing the route, so the
 * sign-in, the partner directory, the organization page and logging a visit stay a small download.
 * Their search parsers live apart from the pages (…-search.ts) so checking an address loads nothing.
 */
const lazy = lazyRouteComponent;

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
    // An admin requires two-factor for this role and it is not on yet: setup before anything else.
    if (session.getSnapshot().user?.mfaSetupRequired) {
      throw redirect({ to: '/two-factor-setup', search: location.href === '/' ? {} : { redirect: location.href } });
    }
  },
  component: AppLayout,
});

/** Setting up two-factor sign-in when it is required for one's role; a whole page of its own, outside the app's navigation. */
const twoFactorSetupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'two-factor-setup',
  validateSearch: (raw: Record<string, unknown>): { redirect?: string } =>
    typeof raw.redirect === 'string' && safeRedirect(raw.redirect, '') !== '' ? { redirect: raw.redirect } : {},
  beforeLoad: async ({ search, location }) => {
    await session.restore();
    const { status, user } = session.getSnapshot();
    if (status !== 'signed-in') throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    if (!user?.mfaSetupRequired) throw redirect({ href: safeRedirect(search.redirect) });
  },
  component: lazy(() => import('./account/RequiredTwoFactorPage'), 'RequiredTwoFactorPage'),
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

const contactsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'contacts',
  validateSearch: parseContactsSearch,
  component: lazy(() => import('./contacts/ContactsPage'), 'ContactsPage'),
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
  validateSearch: parseDashboardSearch,
  component: lazy(() => import('./dashboard/DashboardPage'), 'DashboardPage'),
});

const digestRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'dashboard/digest',
  component: lazy(() => import('./dashboard/DigestPage'), 'DigestPage'),
});

// The outreach report (?period=…|from=…&to=…, groupBy=…), every role.
const reportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'reports',
  validateSearch: parseReportSearch,
  component: lazy(() => import('./reports/ReportsPage'), 'ReportsPage'),
});

// Work-plan goals (every role reads them; ?new=1 opens "New goal" for managers, with a scope to start from).
const goalsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'goals',
  validateSearch: parseGoalsSearch,
  component: lazy(() => import('./goals/GoalsPage'), 'GoalsPage'),
});

const introductionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'introductions',
  validateSearch: parseMatchesSearch,
  component: lazy(() => import('./matches/MatchesPage'), 'MatchesPage'),
});

const programsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'programs',
  validateSearch: parseProgramsSearch,
  component: lazy(() => import('./programs/ProgramsPage'), 'ProgramsPage'),
});

// Every program's sessions by month or week (?view=week&date=2026-12-07).
const calendarRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'calendar',
  validateSearch: parseCalendarSearch,
  component: lazy(() => import('./calendar/CalendarPage'), 'CalendarPage'),
});

const newProgramRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'programs/new',
  validateSearch: parseNewProgramSearch,
  component: lazy(() => import('./programs/ProgramFormPage'), 'NewProgramPage'),
});

const programRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'programs/$programId',
  validateSearch: parseProgramPageSearch,
  component: lazy(() => import('./programs/ProgramPage'), 'ProgramPage'),
});

const editProgramRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'programs/$programId/edit',
  component: lazy(() => import('./programs/ProgramFormPage'), 'EditProgramPage'),
});

const remindersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'reminders',
  validateSearch: parseRemindersSearch,
  component: lazy(() => import('./reminders/RemindersPage'), 'RemindersPage'),
});

const reminderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'reminders/$reminderId',
  component: lazy(() => import('./reminders/ReminderPage'), 'ReminderPage'),
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

/** Administration: each page shows the 403 page to a role without its permission. One chunk (admin/admin-screens.tsx). */
const adminScreens = () => import('./admin/admin-screens');
const adminRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin',
  component: lazy(adminScreens, 'AdminLayout'),
});
const adminRoutes = [
  createRoute({ getParentRoute: () => adminRoute, path: '/', component: lazy(adminScreens, 'AdminIndexPage') }),
  createRoute({ getParentRoute: () => adminRoute, path: 'users', component: lazy(adminScreens, 'AdminUsersPage') }),
  createRoute({
    getParentRoute: () => adminRoute,
    path: 'audiences',
    component: lazy(adminScreens, 'AdminAudiencesPage'),
  }),
  createRoute({
    getParentRoute: () => adminRoute,
    path: 'skills-and-resources',
    component: lazy(adminScreens, 'AdminCapabilitiesPage'),
  }),
  createRoute({
    getParentRoute: () => adminRoute,
    path: 'settings',
    component: lazy(adminScreens, 'AdminSettingsPage'),
  }),
  createRoute({
    getParentRoute: () => adminRoute,
    path: 'demo-data',
    component: lazy(adminScreens, 'AdminDemoDataPage'),
  }),
  createRoute({
    getParentRoute: () => adminRoute,
    path: 'closures',
    component: lazy(adminScreens, 'AdminClosuresPage'),
  }),
] as const;

const routeTree = rootRoute.addChildren([
  signInRoute,
  setupRoute,
  acceptInvitationRoute,
  twoFactorSetupRoute,
  appRoute.addChildren([
    homeRoute,
    directoryRoute,
    organizationRoute,
    contactsRoute,
    logVisitRoute,
    visitsRoute,
    tasksRoute,
    feedbackRoute,
    dashboardRoute,
    digestRoute,
    reportsRoute,
    goalsRoute,
    introductionsRoute,
    programsRoute,
    calendarRoute,
    newProgramRoute,
    programRoute,
    editProgramRoute,
    remindersRoute,
    reminderRoute,
    accountRoute,
    adminRoute.addChildren(adminRoutes),
  ]),
]);

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
