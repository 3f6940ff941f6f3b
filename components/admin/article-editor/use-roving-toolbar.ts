import { useCallback, useEffect, useRef, type FocusEvent, type KeyboardEvent, type RefObject } from "react";

/**
 * The WAI-ARIA toolbar pattern: the toolbar is one tab stop; Left/Right (and Home/End) move between its buttons.
 * It works on the DOM rather than on a list of React children, so a button added to the toolbar elsewhere (the
 * media picker, a plugin) joins the roving order without knowing about it. The last focused button is the one Tab
 * comes back to.
 */
export function useRovingToolbar(toolbar: RefObject<HTMLElement | null>) {
  const current = useRef(0);

  const items = useCallback(
    () =>
      Array.from(toolbar.current?.querySelectorAll<HTMLElement>("button, [role='button']") ?? []).filter(
        (el) => !el.hidden && !(el as HTMLButtonElement).disabled,
      ),
    [toolbar],
  );

  // After every render: exactly one button keeps tabindex=0 (buttons may have been added or removed).
  useEffect(() => {
    const all = items();
    if (current.current >= all.length) current.current = 0;
    all.forEach((el, i) => (el.tabIndex = i === current.current ? 0 : -1));
  });

  const onFocus = (e: FocusEvent<HTMLElement>) => {
    const all = items();
    const index = all.indexOf(e.target as HTMLElement);
    if (index < 0) return;
    current.current = index;
    all.forEach((el, i) => (el.tabIndex = i === index ? 0 : -1));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const all = items();
    if (all.length === 0) return;
    const index = all.indexOf(document.activeElement as HTMLElement);
    if (index < 0) return;
    const next =
      e.key === "ArrowRight"
        ? (index + 1) % all.length
        : e.key === "ArrowLeft"
          ? (index - 1 + all.length) % all.length
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? all.length - 1
              : null;
    if (next === null) return;
    e.preventDefault();
    all[next]!.focus();
  };

  return { onFocus, onKeyDown };
}
