import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { ApiError } from './api/problem';
import { session } from './api/client';
import { outage } from './api/outage';
import { OutageNotice } from './common/OutageNotice';
import type { AppRouter } from './router';
import { cssVariablesResolver, theme } from './theme';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not get better by asking again.
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
    },
  });
}

/** Providers around the router: Mantine (theme, accessible widgets) and TanStack Query (server state). */
export function App({
  router,
  queryClient,
  env,
}: {
  router: AppRouter;
  queryClient?: QueryClient;
  env?: 'default' | 'test';
}) {
  const [client] = useState(() => queryClient ?? createQueryClient());

  useEffect(() => {
    // Nothing one person loaded may show to the next one signing in on this tab.
    let userId = session.getSnapshot().user?.id;
    return session.subscribe(() => {
      const next = session.getSnapshot().user?.id;
      if (next !== userId) client.clear();
      userId = next;
    });
  }, [client]);

  useEffect(() => {
    // Tandem is back after an outage: what failed meanwhile is asked for again.
    let away = outage.getSnapshot().active;
    return outage.subscribe(() => {
      const now = outage.getSnapshot().active;
      if (away && !now) void client.invalidateQueries();
      away = now;
    });
  }, [client]);

  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light" env={env}>
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
        <OutageNotice />
      </QueryClientProvider>
    </MantineProvider>
  );
}
