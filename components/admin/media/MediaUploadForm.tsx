"use client";

import { useActionState, useId } from "react";
import type { MediaFormState } from "./media-view";

type Props = { action: (prev: MediaFormState, form: FormData) => Promise<MediaFormState> };

/** Upload from the library: the file and its texts; the server opens the new image's page. Works without JS. */
export function MediaUploadForm({ action }: Props) {
  const uid = useId();
  const [state, formAction, pending] = useActionState(action, { outcome: "idle" });
  const v = state.values ?? {};
  const err = (name: string) => state.fields?.[name];
  const field = (name: "alt" | "caption" | "credit", label: string) => (
    <div className="nr-field">
      <label htmlFor={`${uid}-${name}`}>{label}</label>
      <input
        id={`${uid}-${name}`}
        name={name}
        type="text"
        defaultValue={String(v[name] ?? "")}
        aria-invalid={err(name) ? true : undefined}
        aria-describedby={err(name) ? `${uid}-${name}-err` : undefined}
      />
      {err(name) ? (
        <p id={`${uid}-${name}-err`} className="nr-field-error">
          {err(name)}
        </p>
      ) : null}
    </div>
  );
  return (
    <form key={state.at ?? 0} action={formAction} className="nr-panel nr-media-upload" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>Upload an image</h2>
      {state.outcome === "error" ? (
        <div className="nr-alert nr-alert-error" role="alert">
          {/* lib often repeats a field's message as the summary; say it once, beside the field. */}
          {Object.values(state.fields ?? {}).includes(state.message ?? "")
            ? "Check the highlighted fields."
            : state.message}
        </div>
      ) : null}
      <div className="nr-field">
        <label htmlFor={`${uid}-file`}>Image file</label>
        <input
          id={`${uid}-file`}
          name="file"
          type="file"
          required
          accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
          aria-invalid={err("file") ? true : undefined}
        />
      </div>
      {field("alt", "Alt text")}
      {field("caption", "Caption")}
      {field("credit", "Credit")}
      <button type="submit" className="nr-btn nr-btn-primary" disabled={pending}>
        {pending ? "Uploading…" : "Upload"}
      </button>
    </form>
  );
}
