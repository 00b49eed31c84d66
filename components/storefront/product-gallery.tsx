"use client";

import { useState } from "react";
import { cn } from "@/components/ui/cn";
import type { ResponsiveImage } from "@/lib/storage/variants";
import { ResponsivePicture } from "./responsive-picture";

type Image = { url: string; alt: string; responsive: ResponsiveImage };

// Half of max-w-6xl from lg (two columns), the full width below; thumbnails are a fifth of that.
const MAIN_SIZES = "(min-width: 1152px) 520px, (min-width: 1024px) 46vw, 100vw";
const THUMB_SIZES = "(min-width: 1152px) 100px, (min-width: 1024px) 9vw, 18vw";

/** Main image with thumbnails; works without images (a calm placeholder). */
export function ProductGallery({ images, name }: { images: Image[]; name: string }) {
  const [index, setIndex] = useState(0);
  const current = images[index] ?? images[0];
  if (!current) {
    return (
      <div
        aria-hidden="true"
        className="flex aspect-square items-center justify-center rounded-[var(--sf-radius)] bg-gradient-to-br from-zinc-100 to-zinc-200 font-[family-name:var(--sf-font-heading)] text-7xl text-zinc-400"
      >
        {name.slice(0, 1)}
      </div>
    );
  }
  return (
    <div>
      <div className="aspect-square overflow-hidden rounded-[var(--sf-radius)] bg-zinc-100">
        <ResponsivePicture
          key={current.url}
          image={current.responsive}
          alt={current.alt || name}
          sizes={MAIN_SIZES}
          priority
          className="h-full w-full object-cover"
        />
      </div>
      {images.length > 1 ? (
        <ul className="mt-3 grid grid-cols-5 gap-2" aria-label="More images">
          {images.map((image, i) => (
            <li key={image.url}>
              <button
                type="button"
                onClick={() => setIndex(i)}
                aria-pressed={i === index}
                className={cn(
                  "block aspect-square w-full overflow-hidden rounded-[var(--sf-radius)] border-2",
                  i === index ? "border-[var(--sf-brand)]" : "border-transparent",
                )}
              >
                <span className="sr-only">Show image {i + 1}</span>
                <ResponsivePicture
                  image={image.responsive}
                  alt=""
                  sizes={THUMB_SIZES}
                  className="h-full w-full object-cover"
                />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
