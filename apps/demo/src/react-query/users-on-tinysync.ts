import { createContext } from 'react';

/** The feature flag that moves the users screen from React Query to TinySync. */
export const UsersOnTinySync = createContext(false);
