import type { ResponsiveImage } from "@/lib/storage/variants";

/**
 * A stored image as `<picture>`: AVIF and WebP sources, the original format as the fallback,
 * each at 320/640/1280 px so the browser fetches the smallest file that fills `sizes`.
 */
export function ResponsivePicture({
  image,
  alt,
  sizes,
  className,
  priority = false,
}: {
  image: ResponsiveImage;
  alt: string;
  /** How wide the image is drawn, as in the `sizes` attribute. */
  sizes: string;
  className?: string;
  /** The page's main image: load it at once, not lazily. */
  priority?: boolean;
}) {
  return (
    // `contents`: the <img> sizes and positions itself as if it were the container's child.
    <picture className="contents">
      {image.sources.map((s) => (
        <source key={s.type} type={s.type} srcSet={s.srcSet} sizes={sizes} />
      ))}
      <img
        src={image.src}
        srcSet={image.srcSet}
        sizes={sizes}
        alt={alt}
        width={image.width ?? undefined}
        height={image.height ?? undefined}
        loading={priority ? "eager" : "lazy"}
        fetchPriority={priority ? "high" : undefined}
        decoding="async"
        className={className}
      />
    </picture>
  );
}
