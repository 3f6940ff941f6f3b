"use server";

import { redirect } from "next/navigation";
import { signOut } from "@/lib/auth/sessions";

/** Ends this browser's session (a plain form POST, so it works without JavaScript). */
export async function signOutAction(): Promise<void> {
  await signOut();
  redirect("/admin/sign-in");
}
