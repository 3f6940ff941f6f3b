"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signOut } from "@/lib/auth/sessions";
import { clientAddressFromHeaders } from "@/lib/http/client-address";

/** Ends this browser's session (a plain form POST, so it works without JavaScript). */
export async function signOutAction(): Promise<void> {
  await signOut(clientAddressFromHeaders(await headers()));
  redirect("/admin/sign-in");
}
