// Pure availability rules shared by the storefront's pages and client components (no zod here:
// this module ships to the browser).

/**
 * Whether picking `value` for option `index`, with the other options as currently selected,
 * lands on a variant that cannot be bought (sold out, or no such combination): shown on the
 * option button before the shopper picks it.
 */
export function optionValueUnavailable(
  variants: { optionValues: string[]; stock: number | null }[],
  selected: string[],
  index: number,
  value: string,
) {
  const match = variants.find((v) =>
    v.optionValues.every((x, i) => (i === index ? x === value : x === selected[i])),
  );
  return !match || match.stock === 0;
}

/** What the cart summary counts: only lines that can be bought now. */
export function cartSummary(lines: { available: boolean; quantity: number; unitPrice: number }[]) {
  const buyable = lines.filter((l) => l.available);
  return {
    itemCount: buyable.reduce((n, l) => n + l.quantity, 0),
    subtotal: buyable.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0),
    leftOut: lines.length - buyable.length,
  };
}
