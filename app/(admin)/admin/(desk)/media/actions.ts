"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getCurrentActor } from "@/lib/auth/sessions";
import { deleteMedia, listMedia, updateMedia } from "@/lib/media/library";
import { uploadImage } from "@/lib/media/upload";
import { assertStorableText } from "@/lib/text/hygiene";
import type { MediaFormState, MediaSearchResult } from "@/components/admin/media/media-view";
import { SIGNED_OUT, domainFailure } from "../../action-errors";

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

/** Uploads an image from the library page, then opens it so its texts and focal point can be set. */
export async function uploadMediaAction(_prev: MediaFormState, form: FormData): Promise<MediaFormState> {
  const at = Date.now();
  const values = { alt: text(form, "alt"), caption: text(form, "caption"), credit: text(form, "credit") };
  let id: number;
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0)
      return {
        outcome: "error",
        message: "Choose an image file.",
        fields: { file: "Choose an image file." },
        values,
        at,
      };
    assertStorableText(values);
    const uploaded = await uploadImage(actor, { bytes: Buffer.from(await file.arrayBuffer()), ...values });
    id = uploaded.id;
  } catch (error) {
    return { outcome: "error", ...domainFailure(error), values, at };
  }
  redirect(`/admin/media/${id}?uploaded=1`);
}

const fractionField = z
  .string()
  .trim()
  .regex(/^(?:\d{1,3}(?:\.\d+)?)?$/, "Give the focal point in percent, 0 to 100.");

/** Saves an image's alt text, caption, credit, "decorative" and focal point (percent in the form, fractions in lib). */
export async function saveMediaAction(_prev: MediaFormState, form: FormData): Promise<MediaFormState> {
  const at = Date.now();
  const values = {
    alt: text(form, "alt"),
    caption: text(form, "caption"),
    credit: text(form, "credit"),
    decorative: form.get("decorative") === "on",
    focalX: text(form, "focalX"),
    focalY: text(form, "focalY"),
  };
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    const id = Number(text(form, "id"));
    if (!Number.isSafeInteger(id) || id < 1) return { outcome: "error", message: "Reload the page and try again.", at };
    const fx = fractionField.safeParse(values.focalX);
    const fy = fractionField.safeParse(values.focalY);
    if (!fx.success || !fy.success) {
      const message = "Give the focal point in percent, 0 to 100.";
      return { outcome: "error", message, fields: { focal: message }, values, at };
    }
    // Both empty: no focal point (crops pick the most salient region). One alone is a mistake lib reports.
    const focal =
      fx.data === "" && fy.data === ""
        ? null
        : {
            x: fx.data === "" ? Number.NaN : Number(fx.data) / 100,
            y: fy.data === "" ? Number.NaN : Number(fy.data) / 100,
          };
    if (focal && (Number.isNaN(focal.x) || Number.isNaN(focal.y))) {
      const message = "Give both coordinates of the focal point, or neither.";
      return { outcome: "error", message, fields: { focal: message }, values, at };
    }
    assertStorableText({ alt: values.alt, caption: values.caption, credit: values.credit });
    await updateMedia(actor, id, {
      alt: values.alt,
      caption: values.caption,
      credit: values.credit,
      decorative: values.decorative,
      focal,
    });
    return { outcome: "saved", message: "Image saved. Pages using it are refreshed.", values, at };
  } catch (error) {
    const failure = domainFailure(error);
    // lib names the parts of the focal point (`focal.x`); the form has one control for it.
    const fields = failure.fields
      ? Object.fromEntries(Object.entries(failure.fields).map(([k, v]) => [k.startsWith("focal") ? "focal" : k, v]))
      : undefined;
    return { outcome: "error", message: failure.message, ...(fields ? { fields } : {}), values, at };
  }
}

/** Deletes an unused image and returns to the library; a 409 (still used) comes back as the message. */
export async function deleteMediaAction(_prev: MediaFormState, form: FormData): Promise<MediaFormState> {
  const at = Date.now();
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    const id = Number(text(form, "id"));
    if (!Number.isSafeInteger(id) || id < 1) return { outcome: "error", message: "Reload the page and try again.", at };
    await deleteMedia(actor, id);
  } catch (error) {
    return { outcome: "error", ...domainFailure(error), at };
  }
  redirect("/admin/media?deleted=1");
}

/** The picker's search (hero image and body images in the article editor). */
export async function searchMediaAction(q: string, page: number): Promise<MediaSearchResult> {
  const query = z.string().max(200).safeParse(q);
  const n = z.number().int().min(1).max(100_000).safeParse(page);
  const actor = await getCurrentActor();
  if (!actor) throw SIGNED_OUT;
  try {
    const found = await listMedia(actor, {
      q: query.success ? query.data : "",
      page: n.success ? n.data : 1,
      pageSize: 12,
    });
    return {
      page: found.page,
      pageCount: found.pageCount,
      total: found.total,
      items: found.items.map(({ id, url, image, width, height, alt, caption, credit }) => ({
        id,
        url,
        image,
        width,
        height,
        alt,
        caption,
        credit,
      })),
    };
  } catch (error) {
    throw new Error(domainFailure(error).message);
  }
}
