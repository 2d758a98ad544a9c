import { Box, Button, Group, Stack } from '@mantine/core';
import { Link, Navigate, Outlet, useRouterState } from '@tanstack/react-router';
import type { ComponentType, JSX } from 'react';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { ForbiddenPage } from '../common/ForbiddenPage';
import { ADMIN_SECTIONS, adminSectionsFor, type AdminPath } from './admin-sections';

/** The administration screens under one heading-less navigation: only the sections the role may use. */
export function AdminLayout() {
  const user = useCurrentUser();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const sections = adminSectionsFor(user);
  return (
    <Stack gap="md">
      {sections.length > 1 && (
        <Box component="nav" aria-label="Administration">
          <Group gap="xs" wrap="wrap">
            {sections.map((section) => {
              const current = pathname === section.to;
              return (
                <Button
                  key={section.to}
                  component={Link}
                  to={section.to}
                  variant={current ? 'filled' : 'default'}
                  size="compact-md"
                  aria-current={current ? 'page' : undefined}
                >
                  {section.label}
                </Button>
              );
            })}
          </Group>
        </Box>
      )}
      <Outlet />
    </Stack>
  );
}

/** A section's page, or the 403 page for a role without its permission (typed in, or an old link). */
export function adminPage(path: AdminPath, Page: ComponentType): () => JSX.Element {
  const section = ADMIN_SECTIONS.find((candidate) => candidate.to === path)!;
  function GuardedAdminPage() {
    const user = useCurrentUser();
    if (!can(user, section.permission))
      return <ForbiddenPage what={`${section.label} (administration)`} who={section.who} />;
    return <Page />;
  }
  GuardedAdminPage.displayName = `Admin(${section.label})`;
  return GuardedAdminPage;
}

/** /admin: the first section the role may use, or the 403 page. */
export function AdminIndexPage() {
  const user = useCurrentUser();
  const [first] = adminSectionsFor(user);
  if (!first) return <ForbiddenPage what="Administration" who="managers and admins" />;
  return <Navigate to={first.to} replace />;
}
