/**
 * Image credit as shown under pictures. Editors usually type only the source ("Pixabay"); when they wrote their
 * own prefix ("Illustration: Jane Doe") it is kept as typed.
 */
export function Credit({ text }: { text: string }) {
  const value = text.trim();
  if (!value) return null;
  return <span className="credit">{/^[^:]{1,30}:\s/.test(value) ? value : `Photo: ${value}`}</span>;
}
