import { lazy, type ReactNode } from 'react';
import { useAbility } from './session';

const Forbidden = lazy(() => import('./pages/Forbidden'));

/** A page the caller may not use shows the 403 page at its own address (a forced URL). */
export function Guard({ action, subject, children }: { action: string; subject: string; children: ReactNode }) {
  const ability = useAbility();
  return ability.can(action, subject) ? children : <Forbidden />;
}
