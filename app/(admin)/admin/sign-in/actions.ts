"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { BAD_CREDENTIALS, safeNextPath, signIn } from "@/lib/auth/sessions";
import type { SignInState } from "@/components/admin/SignInForm";


const input = z.object({
  email: z.string().trim().max(254),
  password: z.string().max(1024),
  next: z.string().max(2000).optional(),
});

/**
 * The sign-in form's action. Works without JavaScript (a plain form POST); the error is one sentence for every
 * failure. The rightmost X-Forwarded-For entry is the one added closest to us, so it is the hardest to forge.
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
  const forwarded = h.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean);
  const ip = forwarded?.at(-1) ?? h.get("x-real-ip") ?? "unknown";
  const result = await signIn(email, password, { ip, userAgent: h.get("user-agent") ?? "" });
  if (!result.ok) return { error: result.error, email };
  redirect(safeNextPath(next));
}
