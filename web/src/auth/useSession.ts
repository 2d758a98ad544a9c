import { createContext, useContext, useSyncExternalStore } from 'react';
import { session, type SessionSnapshot, type User } from '../api/client';

export function useSession(): SessionSnapshot {
  return useSyncExternalStore(session.subscribe, session.getSnapshot);
}

/** The signed-in user, provided by the app layout to every screen behind sign-in. */
export const CurrentUserContext = createContext<User | null>(null);

export function useCurrentUser(): User {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser() outside the signed-in part of the app');
  return user;
}
