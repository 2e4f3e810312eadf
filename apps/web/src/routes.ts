import type { ReactNode } from 'react';
import type { Messages } from './i18n';
import type { AccessRule } from './session/session';

/** A page of the console. Each area (public, buyer, supplier, dge, admin) lists its own in routes.tsx. */
export interface ConsoleRoute {
  path: string;
  element: ReactNode;
  /** Who may open it; absent: anyone, signed in or not. */
  access?: AccessRule;
  /** Shown in the navigation, in this section, to whom `access` allows. */
  nav?: { section: keyof Messages['common']['nav']['sections']; label: string };
}
