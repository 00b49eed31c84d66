import { renderMarkdown } from "@/lib/markdown";
import { cn } from "./cn";

/** Renders merchant-written Markdown safely (lib/markdown.ts escapes everything it does not produce). */
export function Markdown({ source, className }: { source: string; className?: string }) {
  if (!source.trim()) return null;
  return (
    <div
      className={cn("markdown", className)}
      // Safe: renderMarkdown escapes all input and emits only its own fixed set of tags.
      dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }}
    />
  );
}
