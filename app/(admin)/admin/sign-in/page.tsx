import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentActor, safeNextPath } from "@/lib/auth/sessions";
import { getPublication } from "@/lib/settings/publication";
import { SignInForm } from "@/components/admin/SignInForm";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next: rawNext } = await searchParams;
  const next = safeNextPath(Array.isArray(rawNext) ? rawNext[0] : rawNext);
  if (await getCurrentActor()) redirect(next);
  const publication = await getPublication();
  return (
    <main className="nr-signin">
      <h1>
        <span className="nr-signin-pub">{publication.name}</span> Newsroom
      </h1>
      <SignInForm action={signInAction} next={next} />
    </main>
  );
}
