import type { ReactNode } from "react";
import type { ArticleFormValues } from "../article-form";

export type FieldA11y = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };

/** What every panel of the article editor gets: ids, the server's field messages, the values and their setter. */
export type PanelProps = {
  /** A form-unique id for a control name (useId-based, so two editors on a page never clash). */
  fid: (name: string) => string;
  errors: Record<string, string> | undefined;
  values: ArticleFormValues;
  update: <K extends keyof ArticleFormValues>(key: K, value: ArticleFormValues[K]) => void;
};

/** A labelled control with its hint and its error message right under it (linked by aria-describedby). */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (a: FieldA11y) => ReactNode;
}) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="nr-field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(error ? { "aria-invalid": true as const } : {}),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      })}
      {error ? (
        <span className="nr-field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      {hint ? (
        <span className="nr-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}
