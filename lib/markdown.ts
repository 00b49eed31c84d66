import MarkdownIt from "markdown-it";

/**
 * Merchant Markdown (product, collection and page texts) → HTML, with markdown-it (CommonMark
 * plus GitHub tables and strikethrough). The guarantee: merchant text can never inject markup.
 * - `html: false`: raw HTML in the source is escaped and shown as text.
 * - Links keep only http(s), mailto, site-relative (`/…`) and fragment (`#…`) URLs; anything
 *   else (`javascript:`, `data:`, `//host`) is shown as plain text. Links get rel=nofollow.
 * - No images (remote images would be tracking pixels, and the CSP refuses them anyway).
 * - Headings move down a level (`#` → h2): the text sits under the page's own h1.
 * - Nesting is capped (markdown-it's maxNesting), so 5,000 nested `>` cannot overflow the stack.
 */
const md = new MarkdownIt("default", {
  html: false,
  linkify: true,
  breaks: true,
  typographer: false,
  maxNesting: 20,
});
md.disable(["image"]);
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });

const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;
md.validateLink = (url: string) => {
  const u = url.trim();
  if (SAFE_URL.test(u)) return true;
  return (u.startsWith("/") && !u.startsWith("//") && !u.startsWith("/\\")) || u.startsWith("#");
};

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx]?.attrSet("rel", "nofollow noopener noreferrer");
  return self.renderToken(tokens, idx, options);
};

const shiftHeading: NonNullable<typeof md.renderer.rules.heading_open> = (
  tokens,
  idx,
  options,
  _env,
  self,
) => {
  const token = tokens[idx];
  if (token) {
    const level = Math.min(Number(token.tag.slice(1)) + 1, 6);
    token.tag = `h${level}`;
  }
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.heading_open = shiftHeading;
md.renderer.rules.heading_close = shiftHeading;

export function renderMarkdown(source: string): string {
  return md.render(source).trim();
}

/** Plain text of a Markdown source (meta descriptions, cards), trimmed to `max` characters. */
export function markdownToPlainText(source: string, max = 160) {
  const parts: string[] = [];
  for (const token of md.parse(source, {})) {
    if (token.type === "inline") {
      for (const child of token.children ?? []) {
        if (child.type === "text" || child.type === "code_inline") parts.push(child.content);
        else if (child.type === "softbreak" || child.type === "hardbreak") parts.push(" ");
      }
      parts.push(" ");
    } else if (token.type === "fence" || token.type === "code_block") {
      parts.push(" ");
    }
  }
  const text = parts.join("").replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
