import { useMutation, useQuery } from '@tanstack/react-query';
import { api, session } from '../api/client';
import { unwrap } from '../api/problem';
import type { components } from '../api/schema';

type SetUp = components['schemas']['SetupDto'];

/** Query keys of the signed-out screens. */
export const authKeys = {
  setup: ['auth', 'setup'] as const,
};

/** Whether the first-run setup is open (Tandem has no user yet). */
export function useSetupOpen() {
  return useQuery({
    queryKey: authKeys.setup,
    queryFn: async () => unwrap(await api.GET('/api/v1/auth/setup')),
    staleTime: 60_000,
  });
}

/**
 * First run: creates the first admin (the server answers 409 once anyone exists), then signs in
 * as them; resolves to whoever signed in.
 */
export function useSetUp() {
  return useMutation({
    mutationFn: async (body: SetUp) => {
      unwrap(await api.POST('/api/v1/auth/setup', { body }));
      return session.signIn(body.email, body.password);
    },
  });
}
