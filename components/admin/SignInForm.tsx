"use client";

import { useActionState } from "react";

export type SignInState = { error?: string; email: string };

type Props = {
  action: (prev: SignInState, form: FormData) => Promise<SignInState>;
  next: string;
};

/** Progressive enhancement: without JavaScript the form still posts to the server action and shows its error. */
export function SignInForm({ action, next }: Props) {
  const [state, formAction, pending] = useActionState(action, { email: "" });
  return (
    <form action={formAction} className="nr-signin-form" noValidate>
      <input type="hidden" name="next" value={next} />
      {state.error ? (
        <p className="nr-alert nr-alert-error" role="alert" id="signin-error">
          {state.error}
        </p>
      ) : null}
      <div className="nr-field">
        <label htmlFor="signin-email">Email</label>
        <input
          id="signin-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          key={state.email}
          aria-describedby={state.error ? "signin-error" : undefined}
          autoFocus
        />
      </div>
      <div className="nr-field">
        <label htmlFor="signin-password">Password</label>
        <input id="signin-password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button type="submit" className="nr-btn nr-btn-primary" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
