import type { ReactNode } from "react";
import { can } from "@/lib/auth/permissions";
import { getCurrentActor } from "@/lib/auth/sessions";
import { getPublication } from "@/lib/settings/publication";
import { AdminHeader } from "@/components/admin/AdminHeader";
import { signOutAction } from "../sign-out/actions";

/**
 * Chrome for signed-in newsroom pages. It only decides what to show; every page under it authorizes itself with
 * `requireActor` (layouts do not re-render on client navigation, so they cannot be the gate).
 */
export default async function DeskLayout({ children }: { children: ReactNode }) {
  const [actor, publication] = await Promise.all([getCurrentActor(), getPublication()]);
  return (
    <>
      <AdminHeader
        publicationName={publication.name}
        user={actor ? { name: actor.name, role: actor.role } : null}
        canManageSections={can(actor, "section:manage")}
        canManageUsers={can(actor, "user:manage")}
        canManageAuthors={can(actor, "author:manage")}
        canManageTags={can(actor, "tag:manage")}
        canReadAudit={can(actor, "audit:read")}
        canManageSettings={can(actor, "settings:manage")}
        canCurateFronts={can(actor, "front:curate")}
        signOutAction={signOutAction}
      />
      <main id="main" className="nr-main">
        {children}
      </main>
    </>
  );
}
