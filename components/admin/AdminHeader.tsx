import Link from "next/link";
import { NavLink } from "./NavLink";

export type AdminHeaderProps = {
  publicationName: string;
  user: { name: string; role: "ADMIN" | "EDITOR" } | null;
  canManageSections: boolean;
  canManageUsers?: boolean;
  canReadAudit?: boolean;
  canCurateFronts?: boolean;
  signOutAction: () => Promise<void>;
};

export function AdminHeader({
  publicationName,
  user,
  canManageSections,
  canManageUsers = false,
  canReadAudit = false,
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
            <NavLink href="/admin/authors">Authors</NavLink>
            {canManageSections ? <NavLink href="/admin/sections">Sections</NavLink> : null}
            <NavLink href="/admin/tags">Tags</NavLink>
            {canManageUsers ? <NavLink href="/admin/users">Users</NavLink> : null}
            {canReadAudit ? <NavLink href="/admin/audit">Audit log</NavLink> : null}
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
