import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/sessions";
import { defaultDisclaimer, readPublication } from "@/lib/settings/publication";
import { EntityForm } from "@/components/admin/EntityForm";
import { saveSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

/** /admin/settings: the publication's name, tagline, language and opinion disclaimer. Admins only. */
export default async function SettingsPage() {
  await requireActor("settings:manage", "/admin/settings");
  const publication = await readPublication();
  const custom = publication.opinionDisclaimer !== defaultDisclaimer(publication.name);
  return (
    <>
      <div className="nr-page-head">
        <h1>Settings</h1>
        <span className="nr-muted">Shown on every page of the site; a change reaches readers at once.</span>
      </div>
      <section className="nr-panel" aria-labelledby="publication">
        <h2 id="publication">Publication</h2>
        <EntityForm
          action={saveSettingsAction}
          label="Publication settings"
          submitLabel="Save settings"
          fields={[
            { name: "name", label: "Name", autoComplete: "off" },
            { name: "tagline", label: "Tagline", hint: "A line under the name, e.g. “Independent since 1998”." },
            {
              name: "language",
              label: "Language",
              hint: "A language tag: en-GB writes dates as 30 November 2026, en-US as November 30, 2026.",
            },
            {
              name: "opinionDisclaimer",
              label: "Opinion disclaimer",
              kind: "textarea",
              hint: `Shown on opinion pieces. Empty: “${defaultDisclaimer(publication.name)}”`,
            },
          ]}
          values={{
            name: publication.name,
            tagline: publication.tagline,
            language: publication.language,
            opinionDisclaimer: custom ? publication.opinionDisclaimer : "",
          }}
        />
        <p className="nr-muted">
          Time zone: {publication.timeZone}. It decides the date in every article&rsquo;s address, so it is set once,
          when the publication is created, and not changed here: changing it would move every address.
        </p>
      </section>
    </>
  );
}
