"use client";

import { useActionState } from "react";
import type { MediaFormState } from "./media-view";

type Props = { action: (prev: MediaFormState, form: FormData) => Promise<MediaFormState>; id: number; used: boolean };

/** Delete an unused image. While it is used the server refuses (409) and the message names where. */
export function MediaDeleteForm({ action, id, used }: Props) {
  const [state, formAction, pending] = useActionState(action, { outcome: "idle" });
  return (
    <form action={formAction} className="nr-panel" aria-label="Delete image">
      <input type="hidden" name="id" value={id} />
      {state.outcome === "error" ? (
        <div className="nr-alert nr-alert-error" role="alert">
          {state.message}
        </div>
      ) : null}
      <p className="nr-hint">
        {used
          ? "This image is used (see above); it can be deleted once nothing uses it."
          : "Nothing uses this image. Deleting it takes it off the site: its addresses answer “410 Gone”."}
      </p>
      <button type="submit" className="nr-btn nr-btn-danger" disabled={pending}>
        Delete image
      </button>
    </form>
  );
}
