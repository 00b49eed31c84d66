// The shopper's cart item count for the storefront header (JSON, per shopper, never cached).
import { connection } from "next/server";
import { shopRef } from "@/lib/storefront/links";
import { countCartItems } from "@/db/queries/carts";
import { readCartTokenHash } from "@/lib/storefront/cart-cookie";
import { getStorefront } from "@/lib/storefront/data";

export async function GET(_request: Request, { params }: { params: Promise<{ shop: string }> }) {
  await connection();
  const { slug } = shopRef((await params).shop);
  const storefront = await getStorefront(slug);
  if (!storefront) return Response.json({ error: "not_found" }, { status: 404 });
  const tokenHash = await readCartTokenHash();
  const count = tokenHash ? await countCartItems(storefront.shop.id, tokenHash) : 0;
  return Response.json(
    { count },
    { headers: { "cache-control": "private, no-store", vary: "cookie" } },
  );
}
