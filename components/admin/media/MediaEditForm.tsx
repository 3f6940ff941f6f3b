"use client";

import { useActionState, useId, useState, type KeyboardEvent, type MouseEvent } from "react";
import type { MediaFormState } from "./media-view";

type Props = {
  action: (prev: MediaFormState, form: FormData) => Promise<MediaFormState>;
  id: number;
  src: string;
  width: number;
  height: number;
  values: { alt: string; caption: string; credit: string; decorative: boolean; focal: { x: number; y: number } | null };
};

const percent = (fraction: number) => String(Math.round(fraction * 1000) / 10);
const clampPercent = (n: number) => Math.min(100, Math.max(0, Math.round(n * 10) / 10));

/**
 * Edit an image's library texts and its focal point. The point is set by clicking the picture (or with the arrow
 * keys on it), or typed as percentages — the fields are what the form sends, so it works without JavaScript too.
 */
export function MediaEditForm({ action, id, src, width, height, values }: Props) {
  const uid = useId();
  const [state, formAction, pending] = useActionState(action, { outcome: "idle" });
  const sent = state.values;
  const initial = {
    alt: String(sent?.alt ?? values.alt),
    caption: String(sent?.caption ?? values.caption),
    credit: String(sent?.credit ?? values.credit),
    decorative: sent ? sent.decorative === true : values.decorative,
    focalX: String(sent?.focalX ?? (values.focal ? percent(values.focal.x) : "")),
    focalY: String(sent?.focalY ?? (values.focal ? percent(values.focal.y) : "")),
  };
  const [fx, setFx] = useState(initial.focalX);
  const [fy, setFy] = useState(initial.focalY);
  const err = (name: string) => state.fields?.[name];
  const hasPoint = fx !== "" && fy !== "" && !Number.isNaN(Number(fx)) && !Number.isNaN(Number(fy));

  const pick = (e: MouseEvent<HTMLButtonElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    setFx(String(clampPercent(((e.clientX - box.left) / box.width) * 100)));
    setFy(String(clampPercent(((e.clientY - box.top) / box.height) * 100)));
  };
  const nudge = (e: KeyboardEvent<HTMLButtonElement>) => {
    const step = e.shiftKey ? 10 : 2;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const x = hasPoint ? Number(fx) : 50;
    const y = hasPoint ? Number(fy) : 50;
    setFx(String(clampPercent(x + move[0])));
    setFy(String(clampPercent(y + move[1])));
  };

  const text = (name: "alt" | "caption" | "credit", label: string, hint?: string) => (
    <div className="nr-field">
      <label htmlFor={`${uid}-${name}`}>{label}</label>
      <input
        id={`${uid}-${name}`}
        name={name}
        type="text"
        defaultValue={initial[name]}
        aria-invalid={err(name) ? true : undefined}
        aria-describedby={
          [hint ? `${uid}-${name}-hint` : "", err(name) ? `${uid}-${name}-err` : ""].join(" ").trim() || undefined
        }
      />
      {hint ? (
        <p id={`${uid}-${name}-hint`} className="nr-hint">
          {hint}
        </p>
      ) : null}
      {err(name) ? (
        <p id={`${uid}-${name}-err`} className="nr-field-error">
          {err(name)}
        </p>
      ) : null}
    </div>
  );

  return (
    <form
      key={state.at ?? 0}
      action={formAction}
      className="nr-panel nr-media-edit"
      aria-labelledby={`${uid}-h`}
      noValidate
    >
      <h2 id={`${uid}-h`}>Edit image</h2>
      <input type="hidden" name="id" value={id} />
      {state.outcome === "error" ? (
        <div className="nr-alert nr-alert-error" role="alert">
          {/* lib often repeats a field's message as the summary; say it once, beside the field. */}
          {Object.values(state.fields ?? {}).includes(state.message ?? "")
            ? "Check the highlighted fields."
            : state.message}
        </div>
      ) : null}
      {state.outcome === "saved" ? (
        <div className="nr-alert nr-alert-ok" role="status">
          {state.message}
        </div>
      ) : null}
      {text("alt", "Alt text", "What the picture shows, for people who cannot see it. Required unless decorative.")}
      <div className="nr-checkbox">
        <input id={`${uid}-decorative`} name="decorative" type="checkbox" defaultChecked={initial.decorative} />
        <label htmlFor={`${uid}-decorative`}>Decorative (no alt text; screen readers skip it)</label>
      </div>
      {text("caption", "Caption")}
      {text("credit", "Credit")}

      <fieldset className="nr-focal" aria-describedby={`${uid}-focal-hint`}>
        <legend>Focal point for crops</legend>
        <p id={`${uid}-focal-hint`} className="nr-hint">
          Click the picture where the crops (social cards, search results) must stay centred, or use the arrow keys on
          it. Leave both empty to let the crops find the most detailed region.
        </p>
        <button
          type="button"
          className="nr-focal-picker"
          onClick={pick}
          onKeyDown={nudge}
          aria-describedby={`${uid}-focal-now`}
        >
          <img src={src} width={width} height={height} alt="" />
          {hasPoint ? (
            <span className="nr-focal-marker" aria-hidden="true" style={{ left: `${fx}%`, top: `${fy}%` }} />
          ) : null}
          <span className="nr-skip">Set the focal point</span>
        </button>
        <p id={`${uid}-focal-now`} className="nr-hint" aria-live="polite">
          {hasPoint ? `Focal point: ${fx}% from the left, ${fy}% from the top.` : "No focal point set."}
        </p>
        <div className="nr-inline-form">
          <label htmlFor={`${uid}-fx`}>From the left (%)</label>
          <input
            id={`${uid}-fx`}
            name="focalX"
            type="text"
            inputMode="decimal"
            size={5}
            value={fx}
            onChange={(e) => setFx(e.target.value)}
          />
          <label htmlFor={`${uid}-fy`}>From the top (%)</label>
          <input
            id={`${uid}-fy`}
            name="focalY"
            type="text"
            inputMode="decimal"
            size={5}
            value={fy}
            onChange={(e) => setFy(e.target.value)}
          />
          <button
            type="button"
            className="nr-btn nr-btn-small nr-btn-quiet"
            onClick={() => {
              setFx("");
              setFy("");
            }}
          >
            Clear focal point
          </button>
        </div>
        {err("focal") ? <p className="nr-field-error">{err("focal")}</p> : null}
      </fieldset>
      <button type="submit" className="nr-btn nr-btn-primary" disabled={pending}>
        {pending ? "Saving…" : "Save image"}
      </button>
    </form>
  );
}
