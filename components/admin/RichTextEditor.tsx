"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { EditorContent, useEditor, useEditorState, type Editor, type JSONContent } from "@tiptap/react";
import { ArticleSearch } from "./ArticleSearch";
import { EditorStats } from "./article-editor/EditorStats";
import { LinkDialog, type LinkDialogHandle } from "./article-editor/LinkDialog";
import { useRovingToolbar } from "./article-editor/use-roving-toolbar";
import { editorExtensions } from "./node-views";
import type { PickedArticle, UploadResult } from "./article-form";
import { MediaPicker, type MediaPickerHandle, type PickedMedia } from "./media/MediaPicker";
import type { MediaSearchResult } from "./media/media-view";

type Props = {
  id: string;
  labelledBy: string;
  initialContent: unknown;
  /** `byPerson` is false for changes the editor makes by itself (such as adding a trailing paragraph on load). */
  onChange: (doc: JSONContent, byPerson: boolean) => void;
  uploadImage: (form: FormData) => Promise<UploadResult>;
  searchArticles: (q: string) => Promise<PickedArticle[]>;
  searchMedia: (q: string, page: number) => Promise<MediaSearchResult>;
  invalid?: boolean;
  describedBy?: string;
};

/** The article body: Tiptap with the shared document schema and a newsroom toolbar. */
export function RichTextEditor({
  id,
  labelledBy,
  initialContent,
  onChange,
  uploadImage,
  searchArticles,
  searchMedia,
  invalid,
  describedBy,
}: Props) {
  const extensions = useMemo(() => editorExtensions("Write the story…"), []);
  // Changes the editor makes by itself on load come before anyone touches it; after that every change is a person's,
  // including a callout inserted from the dialog or a picture after its upload, when the editor is not focused.
  const touched = useRef(false);
  const editor = useEditor({
    extensions,
    content: (initialContent as JSONContent | null) ?? undefined,
    // Rendered on the server too: creating the editor only in the browser avoids a hydration mismatch.
    immediatelyRender: false,
    editorProps: { attributes: attributesFor(id, labelledBy, invalid, describedBy) },
    onUpdate: ({ editor: e }) => onChange(e.getJSON(), e.isFocused || touched.current),
  });

  // Error state changes after a save; update the attributes in place (recreating the editor would drop edits).
  useEffect(() => {
    if (editor && !editor.isDestroyed)
      editor.setOptions({ editorProps: { attributes: attributesFor(id, labelledBy, invalid, describedBy) } });
  }, [editor, id, labelledBy, invalid, describedBy]);

  const linkDialog = useRef<LinkDialogHandle>(null);
  const openLink = useCallback(() => {
    if (!editor) return;
    linkDialog.current?.open((editor.getAttributes("link") as { href?: string }).href ?? "");
  }, [editor]);

  const applyLink = (href: string, text = href) => {
    if (!editor) return;
    if (href === "") {
      editor.chain().focus().extendMarkRange("link").unsetLink().run();
    } else if (editor.state.selection.empty && !editor.isActive("link")) {
      editor
        .chain()
        .focus()
        .insertContent({ type: "text", text, marks: [{ type: "link", attrs: { href } }] })
        .run();
    } else {
      editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
    }
  };

  return (
    <div
      className="nr-rte"
      data-invalid={invalid || undefined}
      onPointerDownCapture={() => (touched.current = true)}
      onKeyDownCapture={() => (touched.current = true)}
      onKeyDown={(e) => {
        // Ctrl/Cmd+K, the shortcut of every writing tool, from the body or the toolbar.
        if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "k") {
          e.preventDefault();
          openLink();
        }
      }}
    >
      {editor ? (
        <Toolbar
          editor={editor}
          uploadImage={uploadImage}
          searchArticles={searchArticles}
          searchMedia={searchMedia}
          onLink={openLink}
        />
      ) : (
        <div className="nr-toolbar" aria-hidden="true" style={{ height: 34 }} />
      )}
      <EditorContent editor={editor} />
      {!editor ? <div className="ProseMirror nr-muted">Loading editor…</div> : null}
      {editor ? <EditorStats editor={editor} /> : null}
      <LinkDialog
        ref={linkDialog}
        searchArticles={searchArticles}
        onApply={applyLink}
        onCancel={() => editor?.commands.focus()}
      />
    </div>
  );
}

function attributesFor(
  id: string,
  labelledBy: string,
  invalid?: boolean,
  describedBy?: string,
): Record<string, string> {
  return {
    id,
    role: "textbox",
    "aria-multiline": "true",
    "aria-labelledby": labelledBy,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(invalid ? { "aria-invalid": "true" } : {}),
  };
}

function Toolbar({
  editor,
  uploadImage,
  searchArticles,
  searchMedia,
  onLink,
}: {
  editor: Editor;
  uploadImage: Props["uploadImage"];
  searchArticles: Props["searchArticles"];
  searchMedia: Props["searchMedia"];
  onLink: () => void;
}) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      paragraph: e.isActive("paragraph"),
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      h4: e.isActive("heading", { level: 4 }),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      link: e.isActive("link"),
      blockquote: e.isActive("blockquote"),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
    }),
  });
  const fileInput = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const mediaPicker = useRef<MediaPickerHandle>(null);
  const toolbar = useRef<HTMLDivElement>(null);
  const roving = useRovingToolbar(toolbar);
  const [notice, setNotice] = useState<{ kind: "info" | "error"; text: string } | null>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setNotice({ kind: "info", text: `Uploading ${file.name}…` });
    const form = new FormData();
    form.set("file", file);
    const result = await uploadImage(form);
    if (fileInput.current) fileInput.current.value = "";
    if (!result.ok) {
      setNotice({ kind: "error", text: result.error });
      return;
    }
    setNotice({ kind: "info", text: "Image inserted. Add alt text and a caption below it." });
    const { id, url, width, height } = result.media;
    insertBlock(editor, {
      type: "figure",
      attrs: { mediaId: id, src: url, width, height, alt: "", caption: "", credit: "" },
    });
  };

  /** From the media library picker: the figure starts with the library's texts, which it may then override. */
  const insertPicked = (m: PickedMedia) => {
    setNotice({ kind: "info", text: "Image inserted. Check its alt text and caption below it." });
    insertBlock(editor, {
      type: "figure",
      attrs: {
        mediaId: m.id,
        src: m.url,
        width: m.width,
        height: m.height,
        alt: m.alt,
        caption: m.caption,
        credit: m.credit,
      },
    });
  };

  const insertRelated = (article: PickedArticle) => {
    dialog.current?.close();
    insertBlock(editor, { type: "relatedArticle", attrs: { articleId: article.id, headline: article.headline } });
  };

  return (
    <>
      <div
        ref={toolbar}
        className="nr-toolbar"
        role="toolbar"
        aria-label="Formatting"
        onKeyDown={roving.onKeyDown}
        onFocus={roving.onFocus}
      >
        <Btn label="Paragraph" pressed={state.paragraph} onClick={() => editor.chain().focus().setParagraph().run()}>
          ¶
        </Btn>
        <Btn
          title="Heading 2"
          pressed={state.h2}
          onClick={() => editor.chain().focus().toggleHeading({ level: 2 }).run()}
        >
          H2
        </Btn>
        <Btn
          title="Heading 3"
          pressed={state.h3}
          onClick={() => editor.chain().focus().toggleHeading({ level: 3 }).run()}
        >
          H3
        </Btn>
        <Btn
          title="Heading 4"
          pressed={state.h4}
          onClick={() => editor.chain().focus().toggleHeading({ level: 4 }).run()}
        >
          H4
        </Btn>
        <span className="nr-toolbar-sep" />
        <Btn
          label="Bold"
          shortcut="Ctrl+B"
          pressed={state.bold}
          onClick={() => editor.chain().focus().toggleBold().run()}
        >
          <b>B</b>
        </Btn>
        <Btn
          label="Italic"
          shortcut="Ctrl+I"
          pressed={state.italic}
          onClick={() => editor.chain().focus().toggleItalic().run()}
        >
          <i>I</i>
        </Btn>
        <Btn title="Link" shortcut="Ctrl+K" pressed={state.link} onClick={onLink}>
          Link
        </Btn>
        <span className="nr-toolbar-sep" />
        <Btn label="Quote" pressed={state.blockquote} onClick={() => editor.chain().focus().toggleBlockquote().run()}>
          “ ”
        </Btn>
        <Btn
          title="Bulleted list"
          pressed={state.bulletList}
          onClick={() => editor.chain().focus().toggleBulletList().run()}
        >
          Bullets
        </Btn>
        <Btn
          title="Numbered list"
          pressed={state.orderedList}
          onClick={() => editor.chain().focus().toggleOrderedList().run()}
        >
          Numbers
        </Btn>
        <Btn label="Horizontal rule" onClick={() => editor.chain().focus().setHorizontalRule().run()}>
          ―
        </Btn>
        <span className="nr-toolbar-sep" />
        <Btn label="Insert image" onClick={() => mediaPicker.current?.open()}>
          Image
        </Btn>
        <Btn label="Insert related article" onClick={() => dialog.current?.showModal()}>
          Related article
        </Btn>
        <input
          ref={fileInput}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
          hidden
          aria-label="Image file to insert"
          data-testid="body-image-input"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </div>
      <MediaPicker
        ref={mediaPicker}
        title="Insert an image"
        search={searchMedia}
        uploadImage={uploadImage}
        onPick={insertPicked}
      />
      {notice ? (
        <p
          className={notice.kind === "error" ? "nr-alert nr-alert-error" : "nr-hint"}
          role={notice.kind === "error" ? "alert" : "status"}
          style={{ margin: "6px 8px" }}
        >
          {notice.text}
        </p>
      ) : null}
      <dialog ref={dialog} className="nr-dialog" aria-labelledby="related-dialog-title">
        <h2 id="related-dialog-title">Insert a related article</h2>
        <ArticleSearch label="Find an article" search={searchArticles} onPick={insertRelated} autoFocus />
        <p style={{ textAlign: "right", margin: "12px 0 0" }}>
          <button type="button" className="nr-btn" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </p>
      </dialog>
    </>
  );
}

/**
 * Inserts a block after the current selection instead of over it: a selected figure or selected words must not
 * be replaced by the picture or callout being added.
 */
function insertBlock(editor: Editor, node: JSONContent) {
  editor.chain().focus().insertContentAt(editor.state.selection.to, node).run();
}

/**
 * A toolbar button. Buttons that show a word are named by that word (what a voice-control user says is what they
 * see); `label` names the ones that show only a symbol. `title` is the longer tooltip.
 */
function Btn({
  label,
  title,
  shortcut,
  pressed,
  onClick,
  children,
}: {
  label?: string;
  title?: string;
  shortcut?: string;
  pressed?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={shortcut ? `${title ?? label} (${shortcut})` : (title ?? label)}
      aria-pressed={pressed === undefined ? undefined : pressed}
      onMouseDown={(e) => e.preventDefault() /* keep the editor's selection */}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
