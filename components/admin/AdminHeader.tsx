import Link from "next/link";
import { NavLink } from "./NavLink";
import type { Role } from "@/lib/auth/permissions";

export type AdminHeaderProps = {
  publicationName: string;
  user: { name: string; role: Role } | null;
  canManageSections: boolean;
  canManageUsers?: boolean;
  /** Contributors and authors have no authors or tags screens (lib/auth/permissions.ts). */
  canManageAuthors?: boolean;
  canManageTags?: boolean;
  canReadAudit?: boolean;
  canManageSettings?: boolean;
  canCurateFronts?: boolean;
  signOutAction: () => Promise<void>;
};

export function AdminHeader({
  publicationName,
  user,
  canManageSections,
  canManageUsers = false,
  canManageAuthors = true,
  canManageTags = true,
  canReadAudit = false,
  canManageSettings = false,
  canCurateFronts = false,
  signOutAction,
}: AdminHeaderProps) {
  return (
    <header className="nr-header">
      <a href="#main" className="nr-skip">
        Skip to content
      </a>
      <Link href="/admin" className="nr-brand">
        {publicationName} <span>Newsroom</span>
      </Link>
      {user ? (
        <>
          <nav aria-label="Newsroom" className="nr-nav">
            <NavLink href="/admin" exact>
              Articles
            </NavLink>
            {canCurateFronts ? <NavLink href="/admin/front">Front pages</NavLink> : null}
            <NavLink href="/admin/media">Media</NavLink>
            {canManageAuthors ? <NavLink href="/admin/authors">Authors</NavLink> : null}
            {canManageSections ? <NavLink href="/admin/sections">Sections</NavLink> : null}
            {canManageTags ? <NavLink href="/admin/tags">Tags</NavLink> : null}
            {canManageUsers ? <NavLink href="/admin/users">Users</NavLink> : null}
            {canReadAudit ? <NavLink href="/admin/audit">Audit log</NavLink> : null}
            {canManageSettings ? <NavLink href="/admin/settings">Settings</NavLink> : null}
          </nav>
          <div className="nr-user">
            <Link href="/" className="nr-nav-link" target="_blank" rel="noopener">
              View site
            </Link>
            <span className="nr-user-name">
              {user.name} <span className="nr-muted">({user.role.toLowerCase()})</span>
            </span>
            <NavLink href="/admin/account/password">Password</NavLink>
            <form action={signOutAction}>
              <button type="submit" className="nr-btn nr-btn-quiet">
                Sign out
              </button>
            </form>
          </div>
        </>
      ) : null}
    </header>
  );
}
