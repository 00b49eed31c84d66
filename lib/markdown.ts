/**
 * A small, safe Markdown renderer for product and collection descriptions. Every piece of the
 * source is HTML-escaped first and only the tags below are ever produced, so raw HTML in the
 * source shows as text and cannot run. Links keep only http(s), mailto and site-relative URLs.
 *
 * Supported: paragraphs, hard line breaks, # to ### headings, - / * and 1. lists, > quotes,
 * ``` code blocks, --- rules, **bold**, *italic* / _italic_, `code`, [text](url).
 */

export function escapeHtml(s: string) {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function safeHref(raw: string): string | null {
  const url = raw.trim();
  if (/^(https?:\/\/|mailto:)/i.test(url)) return url;
  if (/^\/(?!\/)/.test(url) || url.startsWith("#")) return url;
  return null;
}

function renderInline(text: string): string {
  const codes: string[] = [];
  // Code spans first: their content is shown verbatim.
  let s = text.replace(/`([^`\n]+)`/g, (_, code: string) => {
    codes.push(`<code>${escapeHtml(code)}</code>`);
    return `\u0000${codes.length - 1}\u0000`;
  });
  const links: string[] = [];
  s = s.replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (whole, label: string, href: string) => {
    const safe = safeHref(href);
    const inner = formatEmphasis(escapeHtml(label));
    links.push(
      safe
        ? `<a href="${escapeHtml(safe)}" rel="nofollow noopener noreferrer">${inner}</a>`
        : inner,
    );
    return `\u0001${links.length - 1}\u0001`;
  });
  s = formatEmphasis(escapeHtml(s));
  s = s.replace(/\u0001(\d+)\u0001/g, (_, i: string) => links[Number(i)] ?? "");
  s = s.replace(/\u0000(\d+)\u0000/g, (_, i: string) => codes[Number(i)] ?? "");
  return s;
}

function formatEmphasis(escaped: string) {
  return escaped
    .replace(/\*\*(?=\S)([^*]*?\S)\*\*/g, "<strong>$1</strong>")
    .replace(/__(?=\S)([^_]*?\S)__/g, "<strong>$1</strong>")
    .replace(/(^|[^*\w])\*(?=\S)([^*\n]*?\S)\*(?!\*)/g, "$1<em>$2</em>")
    .replace(/(^|[^_\w])_(?=\S)([^_\n]*?\S)_(?![_\w])/g, "$1<em>$2</em>");
}

function paragraph(lines: string[]) {
  return `<p>${lines.map((l) => renderInline(l.trim())).join("<br>")}</p>`;
}

export function renderMarkdown(source: string): string {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (line.trim() === "") {
      i++;
      continue;
    }
    if (/^\s*```/.test(line)) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !/^\s*```/.test(lines[i] ?? "")) body.push(lines[i++] ?? "");
      i++; // closing fence
      out.push(`<pre><code>${escapeHtml(body.join("\n"))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    if (heading) {
      // Descriptions sit under the page's h1, so # becomes h2.
      const level = (heading[1]?.length ?? 1) + 1;
      out.push(
        `<h${level}>${renderInline((heading[2] ?? "").replace(/\s#+\s*$/, ""))}</h${level}>`,
      );
      i++;
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push("<hr>");
      i++;
      continue;
    }
    if (/^\s*>/.test(line)) {
      const body: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i] ?? "")) {
        body.push((lines[i] ?? "").replace(/^\s*>\s?/, ""));
        i++;
      }
      out.push(`<blockquote>${renderMarkdown(body.join("\n"))}</blockquote>`);
      continue;
    }
    const listKind = /^\s*[-*+]\s+/.test(line)
      ? "ul"
      : /^\s*\d{1,9}[.)]\s+/.test(line)
        ? "ol"
        : null;
    if (listKind) {
      const marker = listKind === "ul" ? /^\s*[-*+]\s+/ : /^\s*\d{1,9}[.)]\s+/;
      const items: string[] = [];
      while (i < lines.length && marker.test(lines[i] ?? "")) {
        items.push(`<li>${renderInline((lines[i] ?? "").replace(marker, "").trim())}</li>`);
        i++;
      }
      out.push(`<${listKind}>${items.join("")}</${listKind}>`);
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length &&
      (lines[i] ?? "").trim() !== "" &&
      !/^(#{1,3}\s|\s*```|\s*>|\s*[-*+]\s+|\s*\d{1,9}[.)]\s+)/.test(lines[i] ?? "")
    ) {
      para.push(lines[i] ?? "");
      i++;
    }
    if (para.length === 0) {
      para.push(line);
      i++;
    }
    out.push(paragraph(para));
  }
  return out.join("\n");
}

/** Plain text of a Markdown source (meta descriptions, cards), trimmed to `max` characters. */
export function markdownToPlainText(source: string, max = 160) {
  const text = source
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, "")
    .replace(/[*_`]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
