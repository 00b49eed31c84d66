"use client";

import { useKeptChoices } from "@/components/ui/use-kept-choices";
import { useActionState, useState, type CSSProperties } from "react";
import { saveDesignAction } from "@/app/dashboard/[shop]/storefront/actions";
import { idleState } from "@/lib/actions";
import {
  contrastReport,
  CORNER_STYLES,
  CORNER_STYLE_KEYS,
  FONT_PAIRINGS,
  FONT_PAIRING_KEYS,
  HEX_COLOR,
  themeVariables,
} from "@/lib/storefront/theme";
import { MAX_FOOTER_LINKS } from "@/lib/storefront/design-rules";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SelectField, TextareaField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export type DesignFormValues = {
  brandColor: string;
  accentColor: string;
  fontPairing: string;
  cornerStyle: string;
  heroHeadline: string;
  heroText: string;
  heroCtaLabel: string;
  heroCtaHref: string;
  featuredCollectionId: string;
  announcement: string;
  footerLinks: { label: string; href: string }[];
};

function ColorField({
  name,
  label,
  value,
  onChange,
  error,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  const report = contrastReport(value);
  const warnings: string[] = [];
  if (report && !report.passesAA)
    warnings.push(
      `Text on this colour reaches only ${report.ratio}:1 contrast; WCAG AA needs 4.5:1. Pick a darker or lighter shade.`,
    );
  if (report && !report.onWhitePassesAA)
    warnings.push(
      `As text on white this colour reaches ${report.onWhiteRatio}:1 (AA needs 4.5:1), so the storefront shows links and prices in near-black instead.`,
    );
  const id = `design-${name}`;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      <div className="flex items-center gap-2">
        <input
          type="color"
          aria-label={`Pick ${label.toLowerCase()}`}
          value={HEX_COLOR.test(value) ? value.toLowerCase() : "#000000"}
          onChange={(e) => onChange(e.target.value)}
          className="h-10 w-12 cursor-pointer rounded-lg border border-zinc-300 bg-white p-1"
        />
        <input
          id={id}
          name={name}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : warnings.length ? `${id}-warning` : undefined}
          className={`block h-10 w-32 rounded-lg border bg-white px-3 font-mono text-sm shadow-sm ${error ? "border-red-600" : "border-zinc-300"}`}
        />
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : warnings.length ? (
        <div id={`${id}-warning`} className="space-y-1 text-sm text-amber-900">
          {warnings.map((w) => (
            <p key={w}>⚠ {w}</p>
          ))}
        </div>
      ) : report ? (
        <p className="text-sm text-emerald-800">Contrast {report.ratio}:1 — passes WCAG AA.</p>
      ) : null}
    </div>
  );
}

/** The form on the left, a live preview of the storefront on the right (stacked on phones). */
export function DesignEditor({
  shopSlug,
  shopName,
  initial,
  collections,
  logoUrl,
  heroImageUrl,
}: {
  shopSlug: string;
  shopName: string;
  initial: DesignFormValues;
  collections: { id: string; name: string }[];
  logoUrl: string | null;
  heroImageUrl: string | null;
}) {
  const [state, action] = useActionState(saveDesignAction, idleState);
  const keepChoices = useKeptChoices(state);
  const [v, setV] = useState(initial);
  const set = <K extends keyof DesignFormValues>(key: K, value: DesignFormValues[K]) =>
    setV((prev) => ({ ...prev, [key]: value }));
  const errors = state.fieldErrors ?? {};
  const links = [...v.footerLinks];
  while (links.length < MAX_FOOTER_LINKS) links.push({ label: "", href: "" });
  const setLink = (i: number, field: "label" | "href", value: string) =>
    set(
      "footerLinks",
      links.map((l, j) => (j === i ? { ...l, [field]: value } : l)),
    );

  const parts: EditorParts = {
    v,
    set,
    errors,
    links,
    setLink,
    logoUrl,
    heroImageUrl,
    collections,
    shopSlug,
  };
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <form
        action={action}
        onSubmit={keepChoices}
        className="space-y-6"
        aria-label="Storefront design"
      >
        <input type="hidden" name="shop" value={shopSlug} />
        {state.status !== "idle" && state.message ? (
          <Alert live tone={state.status === "success" ? "success" : "error"}>
            {state.message}
          </Alert>
        ) : null}

        <BrandCard {...parts} />

        <HomePageCard {...parts} />

        <FooterLinksCard {...parts} />

        <div className="flex justify-end">
          <SubmitButton pendingLabel="Saving…">Save design</SubmitButton>
        </div>
      </form>

      <section aria-label="Live preview" className="xl:sticky xl:top-6 xl:self-start">
        <p className="mb-2 text-sm font-medium text-zinc-700">Live preview</p>
        <DesignPreview
          values={v}
          shopName={shopName}
          logoUrl={logoUrl}
          heroImageUrl={heroImageUrl}
        />
      </section>
    </div>
  );
}

/** What each section of the editor reads and writes (the editor owns the state). */
type EditorParts = {
  v: DesignFormValues;
  set: <K extends keyof DesignFormValues>(key: K, value: DesignFormValues[K]) => void;
  errors: Record<string, string>;
  links: { label: string; href: string }[];
  setLink: (i: number, field: "label" | "href", value: string) => void;
  logoUrl: string | null;
  heroImageUrl: string | null;
  collections: { id: string; name: string }[];
  shopSlug: string;
};

function BrandCard({ v, set, errors, logoUrl }: EditorParts) {
  return (
    <Card>
      <CardHeader title="Brand" description="Logo, colours, type and shape." />
      <CardBody className="space-y-5">
        <div className="space-y-1.5">
          <label htmlFor="design-logo" className="block text-sm font-medium text-zinc-800">
            Logo
          </label>
          {logoUrl ? (
            <div className="flex items-center gap-3">
              {/* eslint-disable-next-line @next/next/no-img-element -- our own image route */}
              <img
                src={logoUrl}
                alt="Current logo"
                className="h-10 w-auto rounded border border-zinc-200"
              />
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="removeLogo" value="1" /> Remove logo
              </label>
            </div>
          ) : null}
          <input
            id="design-logo"
            name="logo"
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            aria-describedby={errors.logo ? "design-logo-error" : "design-logo-hint"}
            className="block text-sm"
          />
          {errors.logo ? (
            <p id="design-logo-error" className="text-sm font-medium text-red-700">
              {errors.logo}
            </p>
          ) : (
            <p id="design-logo-hint" className="text-sm text-zinc-600">
              PNG, JPEG, WebP or GIF up to 5 MB. Without a logo the shop name is shown.
            </p>
          )}
        </div>
        <div className="grid gap-5 sm:grid-cols-2">
          <ColorField
            name="brandColor"
            label="Brand colour"
            value={v.brandColor}
            onChange={(c) => set("brandColor", c)}
            error={errors.brandColor}
          />
          <ColorField
            name="accentColor"
            label="Accent colour"
            value={v.accentColor}
            onChange={(c) => set("accentColor", c)}
            error={errors.accentColor}
          />
        </div>
        <SelectField
          label="Fonts"
          name="fontPairing"
          value={v.fontPairing}
          onChange={(e) => set("fontPairing", e.target.value)}
          error={errors.fontPairing}
        >
          {FONT_PAIRING_KEYS.map((k) => (
            <option key={k} value={k}>
              {FONT_PAIRINGS[k].label}
            </option>
          ))}
        </SelectField>
        <fieldset>
          <legend className="text-sm font-medium text-zinc-800">Corners</legend>
          <div className="mt-2 flex gap-4">
            {CORNER_STYLE_KEYS.map((k) => (
              <label key={k} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="cornerStyle"
                  value={k}
                  checked={v.cornerStyle === k}
                  onChange={() => set("cornerStyle", k)}
                />
                {CORNER_STYLES[k].label}
              </label>
            ))}
          </div>
          {errors.cornerStyle ? (
            <p className="mt-1 text-sm font-medium text-red-700">{errors.cornerStyle}</p>
          ) : null}
        </fieldset>
      </CardBody>
    </Card>
  );
}

function HomePageCard({ v, set, errors, heroImageUrl, collections, shopSlug }: EditorParts) {
  return (
    <Card>
      <CardHeader title="Home page" description="The hero and what the home page features." />
      <CardBody className="space-y-5">
        <TextField
          label="Announcement bar"
          name="announcement"
          value={v.announcement}
          onChange={(e) => set("announcement", e.target.value)}
          error={errors.announcement}
          hint="A short line above the header, e.g. Free shipping over $50. Leave empty to hide."
        />
        <TextField
          label="Hero headline"
          name="heroHeadline"
          value={v.heroHeadline}
          onChange={(e) => set("heroHeadline", e.target.value)}
          error={errors.heroHeadline}
        />
        <TextareaField
          label="Hero text"
          name="heroText"
          rows={3}
          value={v.heroText}
          onChange={(e) => set("heroText", e.target.value)}
          error={errors.heroText}
        />
        <div className="space-y-1.5">
          <label htmlFor="design-hero-image" className="block text-sm font-medium text-zinc-800">
            Hero image
          </label>
          {heroImageUrl ? (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="removeHeroImage" value="1" /> Remove the current image
            </label>
          ) : null}
          <input
            id="design-hero-image"
            name="heroImage"
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            aria-describedby={errors.heroImage ? "design-hero-image-error" : undefined}
            className="block text-sm"
          />
          {errors.heroImage ? (
            <p id="design-hero-image-error" className="text-sm font-medium text-red-700">
              {errors.heroImage}
            </p>
          ) : null}
        </div>
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            label="Button label"
            name="heroCtaLabel"
            value={v.heroCtaLabel}
            onChange={(e) => set("heroCtaLabel", e.target.value)}
            error={errors.heroCtaLabel}
            placeholder="Shop now"
          />
          <TextField
            label="Button link"
            name="heroCtaHref"
            value={v.heroCtaHref}
            onChange={(e) => set("heroCtaHref", e.target.value)}
            error={errors.heroCtaHref}
            placeholder={`/s/${shopSlug}/search`}
          />
        </div>
        <SelectField
          label="Featured collection"
          name="featuredCollectionId"
          value={v.featuredCollectionId}
          onChange={(e) => set("featuredCollectionId", e.target.value)}
          error={errors.featuredCollectionId}
          hint={collections.length === 0 ? "Create a collection to feature it here." : undefined}
        >
          <option value="">None</option>
          {collections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
      </CardBody>
    </Card>
  );
}

function FooterLinksCard({ errors, links, setLink }: EditorParts) {
  return (
    <Card>
      <CardHeader title="Footer links" description="Up to six links, e.g. your Instagram." />
      <CardBody className="space-y-3">
        {links.map((link, i) => (
          <div key={i} className="grid gap-3 sm:grid-cols-2">
            <TextField
              label={`Link ${i + 1} label`}
              name={`footerLabel${i}`}
              value={link.label}
              onChange={(e) => setLink(i, "label", e.target.value)}
              error={errors[`footerLabel${i}`]}
            />
            <TextField
              label={`Link ${i + 1} address`}
              name={`footerHref${i}`}
              value={link.href}
              onChange={(e) => setLink(i, "href", e.target.value)}
              error={errors[`footerHref${i}`]}
              placeholder="https://…"
            />
          </div>
        ))}
      </CardBody>
    </Card>
  );
}

function DesignPreview({
  values,
  shopName,
  logoUrl,
  heroImageUrl,
}: {
  values: DesignFormValues;
  shopName: string;
  logoUrl: string | null;
  heroImageUrl: string | null;
}) {
  const style = themeVariables(values) as CSSProperties;
  return (
    <div
      style={style}
      data-testid="design-preview"
      className="overflow-hidden rounded-xl border border-zinc-200 bg-white font-[family-name:var(--sf-font-body)] shadow-sm"
    >
      {values.announcement ? (
        <div className="bg-[var(--sf-brand)] px-3 py-1.5 text-center text-xs font-medium text-[var(--sf-on-brand)]">
          {values.announcement}
        </div>
      ) : null}
      <div className="flex items-center justify-between border-b border-zinc-200 px-4 py-3">
        {logoUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- our own image route
          <img src={logoUrl} alt={shopName} className="h-7 w-auto" />
        ) : (
          <span className="font-[family-name:var(--sf-font-heading)] text-base font-semibold">
            {shopName}
          </span>
        )}
        <span className="text-xs text-zinc-700">Cart</span>
      </div>
      <div className="relative isolate px-5 py-10">
        {heroImageUrl ? (
          <>
            {/* eslint-disable-next-line @next/next/no-img-element -- our own image route */}
            <img
              src={heroImageUrl}
              alt=""
              className="absolute inset-0 -z-10 h-full w-full object-cover"
            />
            <div className="absolute inset-0 -z-10 bg-black/45" />
          </>
        ) : (
          <div className="absolute inset-0 -z-10 bg-[radial-gradient(circle_at_20%_20%,color-mix(in_srgb,var(--sf-brand)_18%,white),white_60%)]" />
        )}
        <p
          className={`font-[family-name:var(--sf-font-heading)] text-2xl font-semibold tracking-tight ${heroImageUrl ? "text-white" : "text-zinc-900"}`}
          data-testid="preview-headline"
        >
          {values.heroHeadline || shopName}
        </p>
        {values.heroText ? (
          <p className={`mt-2 text-sm ${heroImageUrl ? "text-white/90" : "text-zinc-700"}`}>
            {values.heroText}
          </p>
        ) : null}
        <span className="mt-5 inline-flex h-9 items-center rounded-[var(--sf-radius-button)] bg-[var(--sf-brand)] px-4 text-sm font-semibold text-[var(--sf-on-brand)]">
          {values.heroCtaLabel || "Shop now"}
        </span>
      </div>
      <div className="grid grid-cols-3 gap-3 px-5 pb-6">
        {["Sample product", "On sale", "Sold out"].map((name, i) => (
          <div key={name}>
            <div className="relative aspect-square rounded-[var(--sf-radius)] bg-zinc-100">
              {i === 1 ? (
                <span className="absolute top-1.5 left-1.5 rounded-[var(--sf-radius-button)] bg-[var(--sf-accent)] px-1.5 text-[10px] font-semibold text-[var(--sf-on-accent)]">
                  Sale
                </span>
              ) : i === 2 ? (
                <span className="absolute top-1.5 left-1.5 rounded-[var(--sf-radius-button)] bg-zinc-900 px-1.5 text-[10px] font-semibold text-white">
                  Sold out
                </span>
              ) : null}
            </div>
            <p className="mt-1.5 text-xs font-medium">{name}</p>
            <p className={`text-xs ${i === 1 ? "text-[var(--sf-accent-text)]" : "text-zinc-700"}`}>
              $24.00
            </p>
          </div>
        ))}
      </div>
    </div>
  );
}
