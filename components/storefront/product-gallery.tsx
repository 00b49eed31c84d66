"use client";

import { useState } from "react";
import { cn } from "@/components/ui/cn";

type Image = { url: string; alt: string };

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
        {/* eslint-disable-next-line @next/next/no-img-element -- served by our own image route */}
        <img src={current.url} alt={current.alt || name} className="h-full w-full object-cover" />
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
                {/* eslint-disable-next-line @next/next/no-img-element -- served by our own image route */}
                <img src={image.url} alt="" className="h-full w-full object-cover" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
