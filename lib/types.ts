import type { ResponsiveImage } from "@/lib/storage/variants";
/**
 * Types the UI shares with the data layer. They live here, not in db/schema or db/queries:
 * components never import from db/ (an ESLint rule refuses it); db/ builds its enums and row
 * shapes from these.
 */

/** Derived from the connected Stripe account (see lib/stripe); checkout needs `active`. */
export const CONNECT_STATUSES = [
  "not_connected",
  "onboarding",
  "under_review",
  "active",
  "restricted",
  "disconnected",
  "rejected",
] as const;
export type ConnectStatus = (typeof CONNECT_STATUSES)[number];

export const STRIPE_EVENT_OUTCOMES = [
  "processed",
  "ignored",
  "failed",
  // The event's work was already done another way (e.g. the return page finalised the order).
  "already_handled",
] as const;
export type StripeEventOutcome = (typeof STRIPE_EVENT_OUTCOMES)[number];

export type PublicImage = {
  /** The (metadata-free) original, for JSON-LD and sharing. */
  url: string;
  /** Resized AVIF/WebP/original-format variants for `<picture>`. */
  responsive: ResponsiveImage;
  alt: string;
  width: number | null;
  height: number | null;
};

/** A product as the storefront's grids show it. */
export type PublicProductCard = {
  id: string;
  slug: string;
  name: string;
  /** Lowest and highest variant price. */
  priceMin: number;
  priceMax: number;
  /** Compare-at price of the cheapest variant, when it has one above its price. */
  compareAtPrice: number | null;
  /** Untracked products are always in stock; tracked ones when any variant has stock. */
  inStock: boolean;
  image: PublicImage | null;
  createdAt: Date;
};
