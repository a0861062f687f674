import { createMongoAbility, type MongoAbility } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';
import { AbilityProvider, Can, useAbility as useCaslAbility } from '@casl/react';
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { api } from './api';

export interface Me {
  user: { id: string; username: string; displayName: string; tenantCode: string; organizationId: string | null; roles: string[] };
  tenant: { code: string; name: string; tier: string };
  rules: PackRule<never>[];
}

export type AppAbility = MongoAbility;

/** The caller's CASL rules from GET /me: the console hides what the API would refuse. */
export const abilityFrom = (me: Me): AppAbility => createMongoAbility(unpackRules(me.rules) as never);

/** @casl/react 7: `AbilityProvider` holds the ability, `useAbility()` and `<Can>` read it. */
export { AbilityProvider, Can };
export const useAbility = () => useCaslAbility<AppAbility>();

export const MeContext = createContext<Me | null>(null);
export const useMe = () => useContext(MeContext)!;

export const useMeQuery = (enabled: boolean) =>
  useQuery({ queryKey: ['me'], queryFn: () => api<Me>('GET', '/me'), enabled, staleTime: 60_000 });
