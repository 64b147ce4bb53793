import type { Me, Role } from '@/api';

/** Where an entry shows: the header's main navigation, or the signed-in user's account menu. */
export type NavPlace = 'header' | 'account';

/**
 * A link a feature puts in the app's navigation, declared beside its routes
 * (features/<x>/<x>.nav.ts) and collected in app/navigation.ts, so a new
 * feature adds its entries without touching the header.
 */
export interface NavEntry {
  id: string;
  label: string;
  /** A path, or one built from the signed-in user (their profile). */
  to: string | ((user: Me) => string);
  place: NavPlace;
  /** Lower first. */
  order: number;
  /** Shown only to signed-in users. */
  signedIn?: boolean;
  /** Shown only to these roles (implies signed in). */
  roles?: readonly Role[];
}

export interface ResolvedNavEntry {
  id: string;
  label: string;
  to: string;
}

/** The entries of one place that this visitor may see, in order, with their paths resolved. */
export function navEntriesFor(entries: readonly NavEntry[], place: NavPlace, user: Me | null): ResolvedNavEntry[] {
  return entries
    .filter((e) => e.place === place)
    .filter((e) => (!e.signedIn && !e.roles) || (user && (!e.roles || e.roles.includes(user.role))))
    .sort((a, b) => a.order - b.order)
    .map((e) => ({ id: e.id, label: e.label, to: typeof e.to === 'function' ? e.to(user!) : e.to }));
}
