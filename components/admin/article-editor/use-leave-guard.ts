import { useEffect, useRef } from "react";

const MESSAGE = "You have unsaved changes. Leave this page without saving them?";

/**
 * Warns before every way out of the editor while changes are unsaved: closing or reloading the tab (`beforeunload`),
 * links and the header's navigation (the app router has no navigation events, so clicks on links are intercepted
 * in the capture phase, before Next's <Link> handles them), and the browser's back button (a guard history entry:
 * going back lands on it, and the person is asked before going further).
 */
export function useLeaveGuard(dirty: boolean): void {
  const dirtyRef = useRef(dirty);
  useEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);

  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      e.preventDefault();
      // Older Chromium needs returnValue set to show its prompt.
      e.returnValue = "";
    };
    const click = (e: MouseEvent) => {
      if (!dirtyRef.current || e.defaultPrevented || e.button !== 0) return;
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return; // a new tab or window: this page stays
      const link = e.target instanceof Element ? e.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || link.target === "_blank" || link.hasAttribute("download")) return;
      const to = new URL(link.href, window.location.href);
      const here = window.location;
      if (to.origin === here.origin && to.pathname === here.pathname && to.search === here.search) return;
      if (window.confirm(MESSAGE)) {
        dirtyRef.current = false; // leaving by choice: beforeunload must not ask a second time
        return;
      }
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener("beforeunload", beforeUnload);
    window.addEventListener("click", click, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      window.removeEventListener("click", click, true);
    };
  }, []);

  // Back button: once there is something to lose, a second entry for this same page goes on the history stack (with
  // Next's own state, so its router sees the same page). Going back pops it: ask, and either stay (the entry goes
  // back on) or go back for real.
  const guarded = useRef(false);
  useEffect(() => {
    if (!dirty || guarded.current) return;
    guarded.current = true;
    window.history.pushState(window.history.state, "", window.location.href);
  }, [dirty]);
  useEffect(() => {
    const pop = () => {
      if (!guarded.current) return;
      guarded.current = false;
      if (dirtyRef.current && !window.confirm(MESSAGE)) {
        guarded.current = true;
        window.history.pushState(window.history.state, "", window.location.href);
        return;
      }
      dirtyRef.current = false;
      window.history.back();
    };
    window.addEventListener("popstate", pop);
    return () => window.removeEventListener("popstate", pop);
  }, []);
}
