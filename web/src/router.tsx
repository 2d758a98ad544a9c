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

const routeTree = rootRoute.addChildren([signInRoute, setupRoute, appRoute.addChildren([homeRoute, directoryRoute, organizationRoute])]);

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
