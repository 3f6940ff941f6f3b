import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { importHtml } from "./html-import";
import { calloutTargets, type ArticleDocument } from "./schema";

/** Imports and returns the document, failing the test when the import fails. */
function ok(html: string): ArticleDocument {
  const result = importHtml(html);
  assert.ok(result.ok, `import failed: ${!result.ok && result.error}`);
  return result.doc;
}
const dump = (doc: ArticleDocument) => JSON.stringify(doc);

describe("importHtml: hostile input", () => {
  test("script, style, iframe, object, template and comments leave nothing executable behind", () => {
    const doc = ok(
      `<p>before</p><script>alert("s")</script><style>p{color:red}</style><iframe src="https://evil.example"></iframe>` +
        `<object data="x.swf"></object><embed src="y"><template><script>alert("t")</script></template>` +
        `<p>a<!-- <script>alert("c")</script> -->b</p><p>after</p>`,
    );
    const json = dump(doc);
    assert.doesNotMatch(json, /alert|script|iframe|evil\.example|swf|color:red/i);
    assert.match(json, /before/);
    assert.match(json, /after/);
  });

  test("event handlers and style attributes are dropped, text kept", () => {
    const json = dump(
      ok(
        `<p onclick="alert(1)" style="x:y" class="c" id="i">hi <img src=x onerror=alert(2)><b onmouseover="alert(3)">bold</b></p>`,
      ),
    );
    assert.doesNotMatch(json, /alert|onclick|onerror|onmouseover|style|class/);
    assert.match(json, /"text":"bold","marks":\[\{"type":"bold"\}\]/);
  });

  test("javascript:, data:, vbscript: and obfuscated links become plain text", () => {
    const doc = ok(
      `<p><a href="javascript:alert(1)">a</a> <a href="JaVaScRiPt:alert(1)">b</a> <a href="  javascript:alert(1)">c</a> ` +
        `<a href="jav&#x09;ascript:alert(1)">d</a> <a href="&#106;avascript:alert(1)">e</a> ` +
        `<a href="data:text/html;base64,PHNjcmlwdD4=">f</a> <a href="vbscript:msgbox(1)">g</a> <a href="//evil.example">h</a></p>`,
    );
    const json = dump(doc);
    assert.doesNotMatch(json, /javascript|data:|vbscript|evil\.example|"link"/i);
    for (const letter of "abcdefgh") assert.match(json, new RegExp(letter));
  });

  test("on-site-looking links the browser sends to another host become plain text (issue 8, finding 8)", () => {
    const doc = ok(
      `<p><a href="/\\evil.example/x">a</a> <a href="/&#x09;/evil.example/x">b</a> <a href="/&#10;/evil.example">c</a> ` +
        `<a href="\\\\evil.example/x">d</a> <a href="/%09/fine">e</a></p>`,
    );
    const json = dump(doc);
    assert.doesNotMatch(json, /evil\.example/);
    assert.match(json, /"href":"\/%09\/fine"/, "an encoded tab is an ordinary on-site path");
    for (const letter of "abcde") assert.match(json, new RegExp(letter));
  });

  test("safe links survive with only their href", () => {
    const doc = ok(
      `<p><a href="https://example.com/x?y=1" target="_blank" rel="opener">web</a> <a href="/2026/01/02/x-a1">site</a> <a href="mailto:desk@example.com">mail</a></p>`,
    );
    const hrefs = dump(doc).match(/"href":"[^"]*"/g);
    assert.deepEqual(hrefs, [
      '"href":"https://example.com/x?y=1"',
      '"href":"/2026/01/02/x-a1"',
      '"href":"mailto:desk@example.com"',
    ]);
    assert.doesNotMatch(dump(doc), /target|opener/);
  });

  test("SVG and MathML collapse to text; unknown headings become paragraphs or h2-h4", () => {
    const svg = dump(
      ok(
        `<svg><a xlink:href="javascript:alert(1)"><text>t</text></a><foreignObject><script>alert(1)</script></foreignObject></svg><math><mtext>m</mtext></math>`,
      ),
    );
    assert.doesNotMatch(svg, /javascript|alert|svg|math/i);
    const headings = ok(`<h1>Top</h1><h2>Two</h2><h4>Four</h4><h6>Six</h6>`);
    const levels = headings.content.map((n) => (n.type === "heading" ? n.attrs.level : n.type));
    assert.deepEqual(levels, ["paragraph", 2, 4, "paragraph"]);
  });

  test("figures and callouts keep only their ids; bad ids are dropped", () => {
    const doc = ok(
      `<figure data-media-id="5"><img src="javascript:alert(1)" alt="A &quot;quote&quot;"><figcaption>Cap</figcaption></figure>` +
        `<aside data-related-article="abc">x</aside><aside data-related-article="12" data-headline="&lt;script&gt;">y</aside>`,
    );
    const figure = doc.content.find((n) => n.type === "figure");
    assert.ok(figure && figure.type === "figure");
    assert.equal(figure.attrs.mediaId, 5);
    assert.equal(figure.attrs.alt, 'A "quote"');
    // src is whatever the HTML said; lib/articles/mutations.ts always replaces it from the media library.
    assert.deepEqual(calloutTargets(doc), [12]);
  });

  test("deeply nested junk is refused or flattened, never a crash", () => {
    const divs = importHtml("<div>".repeat(3000) + "deep" + "</div>".repeat(3000));
    if (divs.ok) assert.match(dump(divs.doc), /deep/);
    else assert.match(divs.error, /could not be read|nested|Invalid/);
    const bold = importHtml("<b>".repeat(5000) + "x");
    assert.equal(typeof bold.ok, "boolean");
    const mixed = importHtml(
      "<p><span><em><strong><a href='https://x.example'>" + "<i>".repeat(50) + "t</a></p>".repeat(3),
    );
    assert.equal(typeof mixed.ok, "boolean");
  });

  test("huge input is refused with a message, not stored", () => {
    const result = importHtml("<p>" + "word ".repeat(30_000) + "</p>");
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.error : "", /body/i);
  });

  test("empty and plain-text input give a valid document", () => {
    assert.deepEqual(ok("").content, [{ type: "paragraph" }]);
    assert.deepEqual(ok("just text").content, [{ type: "paragraph", content: [{ type: "text", text: "just text" }] }]);
  });
});
