"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { BAD_CREDENTIALS, safeNextPath, signIn } from "@/lib/auth/sessions";
import { clientAddressFromHeaders } from "@/lib/http/client-address";
import type { SignInState } from "@/components/admin/SignInForm";

const input = z.object({
  email: z.string().trim().max(254),
  password: z.string().max(1024),
  next: z.string().max(2000).optional(),
});

/**
 * The sign-in form's action. Works without JavaScript (a plain form POST); the error is one sentence for every
 * failure. The address for throttling is the one the front resolved (lib/http/client-address.ts), never a header
 * the browser chose.
 */
export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const parsed = input.safeParse({
    email: form.get("email") ?? "",
    password: form.get("password") ?? "",
    next: form.get("next") ?? undefined,
  });
  if (!parsed.success) return { error: BAD_CREDENTIALS, email: "" };
  const { email, password, next } = parsed.data;
  if (!email || !password) return { error: "Enter your email and password.", email };

  const h = await headers();
  const result = await signIn(email, password, {
    ip: clientAddressFromHeaders(h),
    userAgent: h.get("user-agent") ?? "",
  });
  if (!result.ok) return { error: result.error, email };
  redirect(safeNextPath(next));
}
