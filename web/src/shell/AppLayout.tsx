import {
  AppShell,
  Badge,
  Burger,
  Group,
  Menu,
  NavLink,
  Text,
  UnstyledButton,
  useMantineTheme,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure, useMediaQuery, useWindowEvent } from '@mantine/hooks';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { session, type User } from '../api/client';
import { can, type Permission } from '../auth/permissions';
import { CurrentUserContext, useSession } from '../auth/useSession';
import { SessionExpiredDialog } from '../auth/SessionExpiredDialog';
import { useLibraryDisplayZone } from '../library/library-queries';
import { HeaderSearch } from '../search/HeaderSearch';

interface NavItem {
  label: string;
  to:
    | '/organizations'
    | '/contacts'
    | '/log-visit'
    | '/visits'
    | '/tasks'
    | '/feedback-inbox'
    | '/dashboard'
    | '/reports'
    | '/introductions'
    | '/admin'
    | '/programs'
    | '/calendar'
    | '/reminders';
  /** Shown only to roles holding this permission. */
  permission: Permission;
}

/** The screens so far; each appears only for roles that may use it. */
const NAV_ITEMS: NavItem[] = [
  { label: 'Partner directory', to: '/organizations', permission: 'directory.read' },
  { label: 'Contacts', to: '/contacts', permission: 'directory.read' },
  { label: 'Log a visit', to: '/log-visit', permission: 'outreach.write' },
  { label: 'Visits', to: '/visits', permission: 'directory.read' },
  { label: 'Programs', to: '/programs', permission: 'directory.read' },
  { label: 'Calendar', to: '/calendar', permission: 'directory.read' },
  { label: 'My tasks', to: '/tasks', permission: 'directory.read' },
  { label: 'Reminders', to: '/reminders', permission: 'directory.read' },
  { label: 'Feedback', to: '/feedback-inbox', permission: 'directory.read' },
  { label: 'Dashboard', to: '/dashboard', permission: 'dashboard.read' },
  { label: 'Reports', to: '/reports', permission: 'report.read' },
  { label: 'Introductions', to: '/introductions', permission: 'matching.use' },
  // One entry for the administration screens; managers see it for the vocabularies (web/src/admin/admin-sections.ts).
  { label: 'Administration', to: '/admin', permission: 'vocabulary.manage' },
];

const ROLE_LABELS: Record<string, string> = { admin: 'Admin', manager: 'Manager', staff: 'Staff', viewer: 'Viewer' };

export function AppLayout() {
  const { user } = useSession();
  // Signed out: the router is on its way to the sign-in page; show nothing meanwhile. A session
  // that ended under the screen keeps its user: the screen stays, with the sign-in dialog over it.
  if (!user) return null;
  return (
    <CurrentUserContext.Provider value={user}>
      {/* Keyed: someone else signing in from the dialog gets none of the last person's screen. */}
      <SignedInLayout key={user.id} user={user} />
      <SessionExpiredDialog />
    </CurrentUserContext.Provider>
  );
}

function SignedInLayout({ user }: { user: User }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  // Below the "sm" breakpoint the navbar folds away behind the burger. Mantine only slides it off
  // screen, so its links would still take focus and be read out: while folded it is inert, and while
  // unfolded (covering the page) the page behind it is.
  const theme = useMantineTheme();
  const wide = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, undefined, { getInitialValueInEffect: false });
  const navFolded = !wide && !opened;
  const navCovers = !wide && opened;
  useWindowEvent('keydown', (event) => {
    if (event.key === 'Escape' && navCovers) {
      close();
      document.getElementById('navigation-toggle')?.focus();
    }
  });
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const navigate = useNavigate();
  // Dates and times are the library's: the screens wait for its zone (one small request).
  const zone = useLibraryDisplayZone();

  async function signOut() {
    await session.signOut();
    await navigate({ to: '/sign-in', search: { notice: 'signed-out' } });
  }

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? 'Close navigation' : 'Open navigation'}
                aria-expanded={opened}
                aria-controls="main-navigation"
                id="navigation-toggle"
              />
              {/* The name never breaks ("Tande / m" at 360 px next to a long user name): the name beside it shrinks. */}
              <Text
                component={Link}
                to="/organizations"
                fw={700}
                size="lg"
                c="cyan.9"
                td="none"
                style={{ whiteSpace: 'nowrap', overflowWrap: 'normal', flexShrink: 0 }}
              >
                Tandem
              </Text>
            </Group>
            <Group gap="sm" wrap="nowrap">
              {zone.hint && (
                <Text size="xs" c="dimmed" visibleFrom="md" style={{ whiteSpace: 'nowrap' }}>
                  {zone.hint}
                </Text>
              )}
              <HeaderSearch compact={!wide} />
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <UnstyledButton>
                    <Group gap="xs" wrap="nowrap">
                      <VisuallyHidden>Account:</VisuallyHidden>
                      <Text size="sm" fw={500} truncate maw={{ base: 120, sm: 240 }}>
                        {user.name}
                      </Text>
                      <Badge variant="outline" color="gray.8" size="sm">
                        {ROLE_LABELS[user.role] ?? user.role}
                      </Badge>
                    </Group>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{user.email}</Menu.Label>
                  <Menu.Item component={Link} to="/account">
                    Your account
                  </Menu.Item>
                  <Menu.Item onClick={() => void signOut()}>Sign out</Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" id="main-navigation" aria-label="Main" inert={navFolded}>
          {NAV_ITEMS.filter((item) => can(user, item.permission)).map((item) => {
            const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
            return (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={item.label}
                active={active}
                variant="filled"
                aria-current={active ? 'page' : undefined}
                onClick={close}
              />
            );
          })}
        </AppShell.Navbar>
        <AppShell.Main id="main" tabIndex={-1} inert={navCovers}>
          {zone.ready && <Outlet />}
        </AppShell.Main>
      </AppShell>
    </>
  );
}
