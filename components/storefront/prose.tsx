import { renderMarkdown } from "@/lib/markdown";

/** Merchant Markdown, rendered by the safe renderer (raw HTML is escaped). */
export function Prose({ markdown }: { markdown: string }) {
  return (
    <div
      className="sf-prose max-w-prose text-base leading-relaxed text-zinc-800"
      dangerouslySetInnerHTML={{ __html: renderMarkdown(markdown) }}
    />
  );
}
