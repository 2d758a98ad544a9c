import { MantineProvider } from '@mantine/core';
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { User } from '../api/client';
import { cssVariablesResolver, theme } from '../theme';
import { RequirePermission } from './RequirePermission';
import { CurrentUserContext } from './useSession';

const as = (role: string) =>
  ({ id: 'u', name: 'Someone', email: 'x@library.test', role, active: true }) as unknown as User;

function renderAs(role: string) {
  const rootRoute = createRootRoute({
    component: () => (
      <CurrentUserContext.Provider value={as(role)}>
        <RequirePermission permission="outreach.write" what="Adding a program" who="staff, managers and admins">
          <form aria-label="New program" />
        </RequirePermission>
      </CurrentUserContext.Provider>
    ),
  });
  const router = createRouter({ routeTree: rootRoute, history: createMemoryHistory({ initialEntries: ['/'] }) });
  render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} env="test">
      <RouterProvider router={router} />
    </MantineProvider>,
  );
}

describe('RequirePermission', () => {
  it('shows a viewer the 403 page instead of the screen', async () => {
    renderAs('viewer');
    expect(await screen.findByRole('heading', { name: 'Not available to your role' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Adding a program is for staff, managers and admins.');
    expect(screen.queryByRole('form', { name: 'New program' })).not.toBeInTheDocument();
  });

  it('shows staff the screen', async () => {
    renderAs('staff');
    expect(await screen.findByRole('form', { name: 'New program' })).toBeInTheDocument();
  });
});
