import type { ShippingAddress } from "@/db/schema";

/** An address as lines: name, street, "City, ST 12345", country. */
export function addressLines(a: ShippingAddress): string[] {
  const cityLine = [[a.city, a.state].filter(Boolean).join(", "), a.postalCode]
    .filter(Boolean)
    .join(" ");
  return [a.name, a.line1, a.line2, cityLine, a.country].filter((line): line is string =>
    Boolean(line),
  );
}
