import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { getStorage } from "@/lib/storage";
import { storeImage } from "@/lib/storage/process-image";
import type { Db } from "./client";
import {
  collectionProducts,
  collections,
  productImages,
  products,
  productVariants,
  type ProductOption,
} from "./schema";

/**
 * The demo shop's catalogue: coffees with size × grind, brewing gear, mugs in colours, merch,
 * an untracked gift card, a draft, an archived product, sold-out items and four collections.
 * Pictures come from db/seed-assets (drawn by scripts/generate-seed-images.ts) and are written
 * through the storage module like any upload.
 */

type SeedProduct = {
  slug: string;
  name: string;
  description: string;
  status?: "draft" | "active" | "archived";
  trackStock?: boolean;
  options?: ProductOption[];
  /** Price for each variant from its option values (minor units). */
  price: number | ((values: string[]) => number);
  compareAt?: number | ((values: string[]) => number | null);
  stock?: number | ((values: string[], i: number) => number);
  sku: string;
  images: { file: string; alt: string }[];
  ageDays: number;
};

const SIZE_GRIND: ProductOption[] = [
  { name: "Size", values: ["250 g", "1 kg"] },
  { name: "Grind", values: ["Whole bean", "Filter", "Espresso"] },
];

const coffee = (
  slug: string,
  name: string,
  origin: string,
  notes: string,
  small: number,
  large: number,
  file: string,
  ageDays: number,
  extra: Partial<SeedProduct> = {},
): SeedProduct => ({
  slug,
  name,
  description: `**Tasting notes:** ${notes}.\n\n${origin}\n\n- Roasted to order every Tuesday and Friday\n- Best between 7 and 30 days after roasting\n- Ships in a resealable, compostable bag with a one-way valve`,
  options: SIZE_GRIND,
  price: (v) => (v[0] === "1 kg" ? large : small),
  stock: (v, i) => (v[0] === "1 kg" ? 8 + i : 20 + 3 * i),
  sku: slug.toUpperCase().replace(/-/g, "").slice(0, 8),
  images: [{ file, alt: `${name} coffee bag` }],
  ageDays,
  ...extra,
});

export const DEMO_CATALOG: SeedProduct[] = [
  coffee(
    "ethiopia-yirgacheffe-kochere",
    "Ethiopia Yirgacheffe Kochere",
    "Washed heirloom varieties grown at 1,900–2,100 m by smallholders around Kochere, processed at the Chelelektu station.",
    "jasmine, bergamot, white peach",
    1800,
    5800,
    "bag-ethiopia",
    2,
  ),
  coffee(
    "colombia-huila-el-paraiso",
    "Colombia Huila Finca El Paraíso",
    "A caturra and castillo lot from the Huila highlands, fermented for 36 hours before washing.",
    "red apple, panela, milk chocolate",
    1700,
    5400,
    "bag-colombia",
    5,
    { compareAt: (v) => (v[0] === "250 g" ? 2000 : null) },
  ),
  coffee(
    "kenya-nyeri-aa",
    "Kenya Nyeri AA",
    "SL28 and SL34 from the Gatomboya cooperative in Nyeri, double-fermented Kenyan style.",
    "blackcurrant, grapefruit, cane sugar",
    2100,
    6800,
    "bag-kenya",
    9,
  ),
  coffee(
    "guatemala-huehuetenango",
    "Guatemala Huehuetenango",
    "Bourbon and caturra from family farms near La Libertad, dried on patios in the dry highland air.",
    "cocoa, toasted almond, orange",
    1600,
    5000,
    "bag-guatemala",
    14,
  ),
  coffee(
    "brazil-cerrado-natural",
    "Brazil Cerrado Natural",
    "A natural-process yellow catuaí from the Cerrado Mineiro plateau: sweet, low in acidity, forgiving to brew.",
    "hazelnut, milk chocolate, caramel",
    1400,
    4400,
    "bag-brazil",
    20,
  ),
  coffee(
    "sumatra-mandheling",
    "Sumatra Mandheling",
    "Wet-hulled coffee from the Lake Toba region, heavy-bodied and earthy.",
    "cedar, dark chocolate, pipe tobacco",
    1600,
    5000,
    "bag-sumatra",
    25,
    { stock: 0 },
  ),
  coffee(
    "night-shift-espresso",
    "Night Shift Espresso Blend",
    "Brazil and Guatemala roasted a little darker for espresso that cuts through milk.",
    "dark chocolate, molasses, cherry",
    1500,
    4600,
    "bag-espresso",
    30,
  ),
  coffee(
    "decaf-colombia-sugarcane",
    "Decaf Colombia Sugarcane",
    "Decaffeinated with ethyl acetate from local sugarcane: all the sweetness, none of the jitters.",
    "brown sugar, red grape, cocoa",
    1600,
    5000,
    "bag-decaf",
    35,
  ),
  coffee(
    "house-blend",
    "Kai's House Blend",
    "Our everyday coffee, a rotating blend of seasonal lots chosen to taste great in any brewer.",
    "toffee, stone fruit, cocoa",
    1300,
    4000,
    "bag-house",
    40,
  ),
  coffee(
    "ethiopia-guji-natural",
    "Ethiopia Guji Natural",
    "Coming soon: a natural-process lot from Hambela Wamena.",
    "strawberry, blueberry, dark chocolate",
    1900,
    6000,
    "bag-ethiopia",
    1,
    { status: "draft" },
  ),
  coffee(
    "holiday-blend-2025",
    "Holiday Blend 2025",
    "Last winter's seasonal blend. Retired until next December.",
    "spiced plum, cinnamon, dark chocolate",
    1700,
    5400,
    "bag-kenya",
    300,
    { status: "archived" },
  ),
  {
    slug: "gooseneck-kettle",
    name: "Gooseneck Pour-Over Kettle",
    description:
      "A 1-litre stainless steel kettle with a precise gooseneck spout for slow, even pours.\n\n- Works on gas, electric and induction hobs\n- Built-in thermometer in the lid\n- Heat-resistant handle",
    options: [{ name: "Colour", values: ["Brushed steel", "Matte black"] }],
    price: (v) => (v[0] === "Matte black" ? 7400 : 6900),
    stock: (v) => (v[0] === "Matte black" ? 4 : 11),
    sku: "KETTLE",
    images: [
      { file: "kettle", alt: "Brushed steel gooseneck kettle" },
      { file: "kettle-black", alt: "Matte black gooseneck kettle" },
    ],
    ageDays: 3,
  },
  {
    slug: "ceramic-dripper",
    name: "Ceramic Pour-Over Dripper",
    description:
      "A porcelain cone dripper that holds heat for an even extraction. Fits size 02 filters and most mugs.",
    price: 2800,
    compareAt: 3400,
    stock: 16,
    sku: "DRIP-CER",
    images: [{ file: "dripper", alt: "White ceramic pour-over dripper on a wooden stand" }],
    ageDays: 12,
  },
  {
    slug: "glass-dripper",
    name: "Glass Pour-Over Dripper",
    description: "Heat-resistant borosilicate glass with a cork collar. Watch your bloom.",
    price: 3200,
    stock: 7,
    sku: "DRIP-GLS",
    images: [{ file: "dripper-glass", alt: "Clear glass pour-over dripper" }],
    ageDays: 18,
  },
  {
    slug: "hand-grinder",
    name: "Walnut Hand Grinder",
    description:
      "Conical steel burrs in a walnut body, with 30 click-stops from espresso to French press. *Grinds 20 g in about 40 seconds.*",
    price: 8900,
    stock: 5,
    sku: "GRIND-WAL",
    images: [{ file: "grinder", alt: "Wooden hand coffee grinder with a crank" }],
    ageDays: 22,
  },
  {
    slug: "brew-scale",
    name: "Brew Scale with Timer",
    description:
      "Weighs to 0.1 g with a built-in timer and auto-tare. USB-C rechargeable. **Back in stock soon.**",
    price: 4500,
    stock: 0,
    sku: "SCALE-01",
    images: [{ file: "scale", alt: "Black digital coffee scale with timer display" }],
    ageDays: 26,
  },
  {
    slug: "paper-filters",
    name: "Paper Filters, 100 pack",
    description: "Unbleached size 02 cone filters. Rinse with hot water before brewing.",
    price: 800,
    stock: 120,
    sku: "FILT-100",
    images: [{ file: "filters", alt: "Box of unbleached paper coffee filters" }],
    ageDays: 45,
  },
  {
    slug: "coffee-storage-tin",
    name: "Airtight Coffee Tin",
    description: "Keeps 250 g of beans fresh with a silicone seal and CO₂ valve.",
    price: 2400,
    stock: 14,
    sku: "TIN-GRN",
    images: [{ file: "tin-storage", alt: "Green airtight coffee storage tin" }],
    ageDays: 50,
  },
  {
    slug: "stoneware-mug",
    name: "Stoneware Mug",
    description:
      "Hand-thrown in Portland from speckled stoneware. Holds 350 ml. Dishwasher and microwave safe.",
    options: [{ name: "Colour", values: ["White", "Black", "Terracotta", "Sage"] }],
    price: 2200,
    stock: (v) => ({ White: 12, Black: 9, Terracotta: 0, Sage: 6 })[v[0] ?? ""] ?? 5,
    sku: "MUG-STN",
    images: [
      { file: "mug-terracotta", alt: "Terracotta stoneware mug" },
      { file: "mug-white", alt: "White stoneware mug" },
      { file: "mug-black", alt: "Black stoneware mug" },
      { file: "mug-sage", alt: "Sage green stoneware mug" },
    ],
    ageDays: 8,
  },
  {
    slug: "diner-mug",
    name: "Classic Diner Mug",
    description: "A heavy, chip-resistant 300 ml mug, like the ones at your favourite diner.",
    price: 1600,
    compareAt: 2000,
    stock: 30,
    sku: "MUG-DIN",
    images: [{ file: "mug-white", alt: "White diner mug" }],
    ageDays: 60,
  },
  {
    slug: "espresso-cup-set",
    name: "Espresso Cup Set",
    description: "Two 80 ml double-walled cups. Keeps your shot hot and your fingers cool.",
    price: 3000,
    stock: 10,
    sku: "CUP-ESP2",
    images: [{ file: "mug-black", alt: "Black espresso cups" }],
    ageDays: 33,
  },
  {
    slug: "roasters-t-shirt",
    name: "Kai's Roasters T-shirt",
    description: "Heavyweight organic cotton with our bean logo, screen-printed by hand.",
    options: [
      { name: "Size", values: ["S", "M", "L", "XL"] },
      { name: "Colour", values: ["Black", "Cream"] },
    ],
    price: 2800,
    stock: (v, i) => (v[0] === "XL" && v[1] === "Cream" ? 0 : 4 + (i % 3)),
    sku: "TEE",
    images: [
      { file: "tshirt-black", alt: "Black T-shirt with a gold coffee bean logo" },
      { file: "tshirt-cream", alt: "Cream T-shirt with a brown coffee bean logo" },
    ],
    ageDays: 4,
  },
  {
    slug: "canvas-tote",
    name: "Canvas Tote Bag",
    description:
      "Sturdy natural canvas with a green print. Fits four bags of coffee and a baguette.",
    price: 2000,
    stock: 25,
    sku: "TOTE-01",
    images: [{ file: "tote", alt: "Natural canvas tote bag with a green print" }],
    ageDays: 15,
  },
  {
    slug: "gift-card",
    name: "Gift Card",
    description:
      "Let them choose. Delivered by e-mail with your message, and never expires.\n\nRedeemable on everything in the shop.",
    trackStock: false,
    options: [{ name: "Amount", values: ["$25", "$50", "$100"] }],
    price: (v) => Number((v[0] ?? "$25").slice(1)) * 100,
    sku: "GIFT",
    images: [{ file: "gift-card", alt: "Gift card with a gold ribbon" }],
    ageDays: 70,
  },
  {
    slug: "tasting-flight",
    name: "Single-Origin Tasting Flight",
    description:
      "Three 100 g bags of this month's single origins, with tasting cards. A perfect gift for the curious.",
    price: 4500,
    compareAt: 5100,
    stock: 12,
    sku: "FLIGHT-3",
    images: [
      { file: "bag-house", alt: "Coffee bag from the tasting flight" },
      { file: "bag-colombia", alt: "Second coffee bag from the tasting flight" },
    ],
    ageDays: 1,
  },
];

export const DEMO_COLLECTIONS = [
  {
    slug: "single-origins",
    name: "Single origins",
    description: "Coffees from one farm, cooperative or region, roasted to show where they grew.",
    products: [
      "ethiopia-yirgacheffe-kochere",
      "kenya-nyeri-aa",
      "colombia-huila-el-paraiso",
      "guatemala-huehuetenango",
      "brazil-cerrado-natural",
      "sumatra-mandheling",
      "ethiopia-guji-natural",
    ],
  },
  {
    slug: "brewing-gear",
    name: "Brewing gear",
    description: "Everything you need for a better cup at home.",
    products: [
      "gooseneck-kettle",
      "ceramic-dripper",
      "glass-dripper",
      "hand-grinder",
      "brew-scale",
      "paper-filters",
      "coffee-storage-tin",
    ],
  },
  {
    slug: "gifts",
    name: "Gifts",
    description: "For the coffee lover in your life (or yourself).",
    products: [
      "gift-card",
      "tasting-flight",
      "stoneware-mug",
      "roasters-t-shirt",
      "canvas-tote",
      "hand-grinder",
    ],
  },
  {
    slug: "new-arrivals",
    name: "New arrivals",
    description: "Just landed at the roastery.",
    products: [
      "tasting-flight",
      "ethiopia-yirgacheffe-kochere",
      "gooseneck-kettle",
      "roasters-t-shirt",
    ],
  },
];

function combos(options: ProductOption[]) {
  return options.reduce<string[][]>(
    (acc, o) => acc.flatMap((c) => o.values.map((v) => [...c, v])),
    [[]],
  );
}

const ASSETS = path.resolve(process.cwd(), "db/seed-assets");

/** Seeds the catalogue once: a shop that already has products is left alone. */
export async function seedDemoCatalog(db: Db, shopId: string) {
  const [existing] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(products)
    .where(eq(products.shopId, shopId));
  if (Number(existing?.n ?? 0) > 0) return false;
  // One transaction: a failed seed leaves no half catalogue behind (and is retried next run).
  await db.transaction((tx) => insertCatalog(tx as unknown as Db, shopId));
  return true;
}

async function insertCatalog(db: Db, shopId: string) {
  const storage = getStorage();
  const ids = new Map<string, string>();
  const day = 24 * 60 * 60 * 1000;
  const now = Date.now();
  for (const p of DEMO_CATALOG) {
    const createdAt = new Date(now - p.ageDays * day);
    const [row] = await db
      .insert(products)
      .values({
        shopId,
        slug: p.slug,
        name: p.name,
        description: p.description,
        status: p.status ?? "active",
        options: p.options ?? [],
        trackStock: p.trackStock ?? true,
        createdAt,
        updatedAt: createdAt,
      })
      .returning({ id: products.id });
    if (!row) throw new Error(`seed: could not insert ${p.slug}`);
    ids.set(p.slug, row.id);
    const list = combos(p.options ?? []);
    await db.insert(productVariants).values(
      list.map((values, i) => {
        const price = typeof p.price === "function" ? p.price(values) : p.price;
        const compare = typeof p.compareAt === "function" ? p.compareAt(values) : p.compareAt;
        const stock = typeof p.stock === "function" ? p.stock(values, i) : (p.stock ?? 0);
        const suffix = values.map((v) =>
          v
            .replace(/[^A-Za-z0-9]/g, "")
            .slice(0, 3)
            .toUpperCase(),
        );
        return {
          shopId,
          productId: row.id,
          optionValues: values,
          price,
          compareAtPrice: compare ?? null,
          sku: [p.sku, ...suffix].join("-"),
          stock: p.trackStock === false ? 0 : stock,
          position: i,
        };
      }),
    );
    for (const [position, img] of p.images.entries()) {
      const bytes = new Uint8Array(await readFile(path.join(ASSETS, `${img.file}.png`)));
      const key = `shops/${shopId}/products/${row.id}/${img.file}.png`;
      // Like an upload: stored with its resized variants.
      const size = await storeImage(storage, key, bytes, "image/png");
      await db.insert(productImages).values({
        shopId,
        productId: row.id,
        storageKey: key,
        contentType: "image/png",
        width: size.width,
        height: size.height,
        alt: img.alt,
        position,
      });
    }
  }
  for (const c of DEMO_COLLECTIONS) {
    const [row] = await db
      .insert(collections)
      .values({ shopId, slug: c.slug, name: c.name, description: c.description })
      .onConflictDoNothing()
      .returning({ id: collections.id });
    if (!row) continue;
    await db.insert(collectionProducts).values(
      c.products.flatMap((slug, position) => {
        const productId = ids.get(slug);
        return productId ? [{ collectionId: row.id, productId, shopId, position }] : [];
      }),
    );
  }
}
