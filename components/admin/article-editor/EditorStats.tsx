import { useEditorState, type Editor } from "@tiptap/react";
import { countWords, readingMinutes } from "@/lib/text/word-count";

/**
 * Live word count and reading time of the body. It subscribes to the editor on its own, so a keystroke re-renders
 * this line only, never the whole form.
 */
export function EditorStats({ editor }: { editor: Editor }) {
  const words = useEditorState({
    editor,
    selector: ({ editor: e }) => countWords(e.state.doc.textBetween(0, e.state.doc.content.size, " ", " ")),
  });
  const minutes = readingMinutes(words);
  return (
    <p className="nr-editor-stats" data-testid="editor-stats">
      {words.toLocaleString("en")} {words === 1 ? "word" : "words"}
      {minutes ? ` · ${minutes} min read` : ""}
    </p>
  );
}
