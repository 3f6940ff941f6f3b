"use client";

import { useActionState, useId } from "react";

export type EntityFieldSpec = {
  name: string;
  label: string;
  kind?: "text" | "textarea" | "number" | "checkbox" | "file" | "password" | "select";
  /** For kind "select": value and label of each option. */
  options?: { value: string; label: string }[];
  autoComplete?: string;
  hint?: string;
  rows?: number;
  accept?: string;
  /** Server error keys shown beside this field besides its own name (e.g. `links.0.url` for `links`). */
  errorPrefix?: string;
};

export type EntityFormState = {
  outcome: "idle" | "saved" | "error";
  message?: string;
  fields?: Record<string, string>;
  /** What was submitted (or, after a create, blanks), so the form shows it again instead of resetting. */
  values?: Record<string, string | boolean>;
  at?: number;
};

type Props = {
  action: (prev: EntityFormState, form: FormData) => Promise<EntityFormState>;
  fields: EntityFieldSpec[];
  values: Record<string, string | boolean>;
  hidden?: Record<string, string>;
  submitLabel: string;
  layout?: "stack" | "row";
  /** Accessible name for the form (e.g. "Edit section World"). */
  label: string;
};

/**
 * A small newsroom form posting to a server action; works without JavaScript. After each response the form is
 * re-mounted with the values the server echoed, so nothing typed is lost on an error and per-field messages sit
 * next to their fields.
 */
export function EntityForm({ action, fields, values, hidden = {}, submitLabel, layout = "stack", label }: Props) {
  const uid = useId();
  const [state, formAction, pending] = useActionState(action, { outcome: "idle" });
  const current = state.values ?? values;
  const errorFor = (f: EntityFieldSpec) => {
    const keys = Object.keys(state.fields ?? {});
    const key = keys.find(
      (k) => k === f.name || k.startsWith(`${f.name}.`) || (f.errorPrefix && k.startsWith(f.errorPrefix)),
    );
    return key ? state.fields![key] : undefined;
  };
  const unplaced = Object.entries(state.fields ?? {}).filter(
    ([k]) =>
      !fields.some((f) => k === f.name || k.startsWith(`${f.name}.`) || (f.errorPrefix && k.startsWith(f.errorPrefix))),
  );

  return (
    <form
      key={state.at ?? 0}
      action={formAction}
      className={layout === "row" ? "nr-entity-form nr-row" : "nr-entity-form"}
      aria-label={label}
      noValidate
    >
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {state.outcome === "error" ? (
        <div
          className="nr-alert nr-alert-error"
          role="alert"
          style={layout === "row" ? { flexBasis: "100%" } : undefined}
        >
          {/* The lib often repeats a field's message as the summary; say it once, beside the field. */}
          {Object.values(state.fields ?? {}).includes(state.message ?? "") && unplaced.length === 0
            ? "Check the highlighted fields."
            : state.message}
          {unplaced.length ? (
            <ul>
              {unplaced.map(([k, m]) => (
                <li key={k}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {state.outcome === "saved" && state.message ? (
        <p className="nr-alert nr-alert-ok" role="status" style={layout === "row" ? { flexBasis: "100%" } : undefined}>
          {state.message}
        </p>
      ) : null}
      {fields.map((f) => {
        const id = `${uid}-${f.name}`;
        const error = errorFor(f);
        const describedBy =
          [error ? `${id}-error` : null, f.hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
        const common = { id, name: f.name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy };
        const value = current[f.name];
        return (
          <div className={f.kind === "checkbox" ? "nr-field nr-checkbox" : "nr-field"} key={f.name}>
            {f.kind === "checkbox" ? (
              <>
                <input {...common} type="checkbox" value="on" defaultChecked={value === true} />
                <label htmlFor={id}>{f.label}</label>
              </>
            ) : (
              <>
                <label htmlFor={id}>{f.label}</label>
                {f.kind === "textarea" ? (
                  <textarea {...common} rows={f.rows ?? 3} defaultValue={typeof value === "string" ? value : ""} />
                ) : f.kind === "select" ? (
                  <select {...common} defaultValue={typeof value === "string" ? value : ""}>
                    {(f.options ?? []).map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : f.kind === "file" ? (
                  <input {...common} type="file" accept={f.accept} />
                ) : (
                  <input
                    {...common}
                    type={f.kind === "number" ? "number" : f.kind === "password" ? "password" : "text"}
                    autoComplete={f.autoComplete}
                    defaultValue={typeof value === "string" ? value : ""}
                  />
                )}
              </>
            )}
            {error ? (
              <span className="nr-field-error" id={`${id}-error`}>
                {error}
              </span>
            ) : null}
            {f.hint ? (
              <span className="nr-hint" id={`${id}-hint`}>
                {f.hint}
              </span>
            ) : null}
          </div>
        );
      })}
      <div className="nr-field nr-field-submit">
        <button type="submit" className="nr-btn nr-btn-primary" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
