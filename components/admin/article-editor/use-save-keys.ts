import { useEffect, useRef, type FormEvent, type RefObject } from "react";

/**
 * Two keyboard comforts of the article form. Ctrl/Cmd+S saves (the same as pressing "Save draft" or "Update",
 * never the browser's "Save page as"). And after a save, focus is put back where the person was: on the button
 * they pressed when it is still there, else on the message that says what happened — never lost to the top of the
 * page (the buttons are disabled while saving, which drops their focus).
 */
export function useSaveKeys(form: RefObject<HTMLFormElement | null>, pending: boolean) {
  const intent = useRef<string | null>(null);
  const wasPending = useRef(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.key.toLowerCase() !== "s") return;
      e.preventDefault();
      const button = form.current?.querySelector<HTMLButtonElement>('button[name="intent"][value="save"]');
      if (button && !button.disabled) form.current?.requestSubmit(button);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [form]);

  useEffect(() => {
    if (pending) {
      wasPending.current = true;
      return;
    }
    if (!wasPending.current) return;
    wasPending.current = false;
    // The saved status reaches the bar one render later (Publish becomes Update): look once it has.
    const timer = setTimeout(() => {
      const active = document.activeElement;
      // Saved from the body or a field (Ctrl+S): the person's place is still focused; leave it there.
      if (active && active !== document.body && !(active instanceof HTMLButtonElement && active.disabled)) return;
      const button = intent.current
        ? form.current?.querySelector<HTMLButtonElement>(`button[name="intent"][value="${intent.current}"]`)
        : null;
      const target =
        button && !button.disabled ? button : form.current?.querySelector<HTMLElement>("[data-save-message]");
      target?.focus();
    }, 50);
    return () => clearTimeout(timer);
  }, [pending, form]);

  /** Call from the form's submit handler: remembers which button sent it. */
  return (e: FormEvent<HTMLFormElement>) => {
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    intent.current = submitter?.value ?? "save";
  };
}
