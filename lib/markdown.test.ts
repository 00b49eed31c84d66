import { describe, expect, it } from "vitest";
import { markdownToPlainText, renderMarkdown as renderRaw } from "./markdown";

/** The rendered HTML without the newlines markdown-it puts between block tags. */
const renderMarkdown = (source: string) =>
  renderRaw(source).replace(/\n+</g, "<").replace(/>\n+/g, ">").trim();

describe("renderMarkdown", () => {
  it("renders the supported formatting", () => {
    const html = renderMarkdown(
      "# Tasting notes\n\nBright **citrus**, *jasmine* and `honey`.\nSecond line.\n\n- Washed\n- Light roast\n\n1. Grind\n2. Brew\n\n> Best within a month\n\n---\n\n[Our farm](https://example.com/farm)",
    );
    expect(html).toContain("<h2>Tasting notes</h2>");
    expect(html).toContain(
      "<p>Bright <strong>citrus</strong>, <em>jasmine</em> and <code>honey</code>.<br>Second line.</p>",
    );
    expect(html).toContain("<ul><li>Washed</li><li>Light roast</li></ul>");
    expect(html).toContain("<ol><li>Grind</li><li>Brew</li></ol>");
    expect(html).toContain("<blockquote><p>Best within a month</p></blockquote>");
    expect(html).toContain("<hr>");
    expect(html).toContain(
      '<a href="https://example.com/farm" rel="nofollow noopener noreferrer">Our farm</a>',
    );
  });

  it("escapes raw HTML instead of rendering it", () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("drops javascript: and data: links but keeps the text", () => {
    const html = renderMarkdown(
      "[click](javascript:alert(1)) [x](data:text/html,hi) [y](JaVaScRiPt:alert(1)) [z](//evil.com)",
    );
    expect(html).not.toContain("href");
    expect(html).toContain("click");
  });

  it("cannot break out of an attribute through the URL or label", () => {
    const html = renderMarkdown('[a"b](https://x.test/"onmouseover="alert(1))');
    expect(html).not.toMatch(/"\s*onmouseover=/);
    expect(html).toContain("&quot;");
  });

  it("shows code blocks and code spans verbatim, escaped", () => {
    const html = renderMarkdown("```\n<b>**not bold**</b>\n```\n\n`<i>`");
    expect(html).toContain("<pre><code>&lt;b&gt;**not bold**&lt;/b&gt;</code></pre>");
    expect(html).toContain("<code>&lt;i&gt;</code>");
  });

  it("survives 5,000 nested quotes (no stack overflow) and caps the nesting", () => {
    const html = renderRaw(`${">".repeat(5000)} deep`);
    expect(html.match(/<blockquote>/g)?.length ?? 0).toBeLessThanOrEqual(20);
    const lists = renderRaw(
      Array.from({ length: 5000 }, (_, i) => `${"  ".repeat(i)}- x`).join("\n"),
    );
    expect(lists.length).toBeGreaterThan(0);
    expect(markdownToPlainText(`${">".repeat(5000)} deep`)).toBeTypeOf("string");
  });

  it("is CommonMark: escapes, nested lists, autolinks and tables", () => {
    expect(renderMarkdown("\\*not italic\\* and 2 \\< 3")).toBe("<p>*not italic* and 2 &lt; 3</p>");
    expect(renderMarkdown("- Beans\n  - Washed\n  - Natural\n- Gear")).toBe(
      "<ul><li>Beans<ul><li>Washed</li><li>Natural</li></ul></li><li>Gear</li></ul>",
    );
    expect(renderMarkdown("See <https://example.com/farm>")).toBe(
      '<p>See <a href="https://example.com/farm" rel="nofollow noopener noreferrer">https://example.com/farm</a></p>',
    );
    expect(renderMarkdown("| Size | Grams |\n| --- | ---: |\n| Small | 250 |")).toContain(
      '<table><thead><tr><th>Size</th><th style="text-align:right">Grams</th></tr></thead><tbody><tr><td>Small</td><td style="text-align:right">250</td></tr></tbody></table>',
    );
  });

  it("renders no images and no raw HTML attributes from the source", () => {
    const html = renderMarkdown(
      '![pixel](https://tracker.example/p.png) <a href="x" onclick="y">z</a>',
    );
    expect(html).not.toContain("<img");
    expect(html).not.toContain('<a href="x"');
    expect(html).toContain("&lt;a href=&quot;x&quot; onclick=&quot;y&quot;&gt;");
  });

  it("makes plain text for meta descriptions", () => {
    expect(markdownToPlainText("# Hi\n\n**Bold** [link](https://a.test) - x", 100)).toBe(
      "Hi Bold link - x",
    );
    expect(markdownToPlainText("a".repeat(200), 10)).toHaveLength(10);
  });
});
