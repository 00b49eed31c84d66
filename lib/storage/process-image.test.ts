import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { encodePng } from "@/lib/catalog/png";
import { startFakeS3 } from "@/lib/testing/fake-s3";
import { localStorage } from "./local";
import { memoryStorage } from "./memory";
import { s3Storage } from "./s3";
import { copyImage, deleteImage, storeImage } from "./process-image";
import {
  allVariantKeys,
  parseVariantKey,
  responsiveImage,
  variantKey,
  variantWidths,
} from "./variants";

// An 800×600 JPEG whose EXIF names a camera, a GPS position (Paris) and orientation 6 (taken
// with the phone turned: it must be shown rotated, 600×800).
const GPS_JPEG = new Uint8Array(
  readFileSync(path.join(import.meta.dirname, "fixtures/gps-exif.jpg")),
);

/** The TIFF tags in IFD0 of a raw EXIF block (enough to find the GPS pointer, 0x8825). */
function ifd0Tags(exif: Buffer): number[] {
  const tiff =
    exif.indexOf("II") >= 0 && exif.indexOf("II") < 8 ? exif.indexOf("II") : exif.indexOf("MM");
  const le = exif[tiff] === 0x49;
  const u16 = (o: number) => (le ? exif.readUInt16LE(tiff + o) : exif.readUInt16BE(tiff + o));
  const u32 = (o: number) => (le ? exif.readUInt32LE(tiff + o) : exif.readUInt32BE(tiff + o));
  const ifd = u32(4);
  return Array.from({ length: u16(ifd) }, (_, i) => u16(ifd + 2 + i * 12));
}

describe("storeImage (sharp)", () => {
  it("the fixture really carries GPS EXIF", async () => {
    const meta = await sharp(GPS_JPEG).metadata();
    expect(meta.exif).toBeDefined();
    expect(ifd0Tags(meta.exif!)).toContain(0x8825);
    expect(meta.orientation).toBe(6);
  });

  it("strips EXIF/GPS from the original and every variant, turns the image upright, and writes each width × format", async () => {
    const storage = memoryStorage();
    const key = "shops/s/products/p/photo.jpg";
    const size = await storeImage(storage, key, GPS_JPEG, "image/jpeg");
    expect(size).toEqual({ width: 600, height: 800 });

    const widths = variantWidths(600);
    expect(widths).toEqual([320, 600]);
    const expected = [
      key,
      ...widths.flatMap((w) => ["avif", "webp", "jpg"].map((f) => `${key}.w${w}.${f}`)),
    ];
    expect([...storage.files.keys()].sort()).toEqual(expected.sort());

    for (const [k, file] of storage.files) {
      const meta = await sharp(file.bytes).metadata();
      expect(meta.exif, k).toBeUndefined();
      expect(meta.xmp, k).toBeUndefined();
      expect(meta.orientation ?? 1, k).toBe(1);
      expect(Buffer.from(file.bytes).includes("BazaarTestCam"), k).toBe(false);
      const variant = parseVariantKey(k);
      const format = variant?.format ?? "jpg";
      expect(meta.format, k).toBe({ jpg: "jpeg", avif: "heif" }[format as string] ?? format);
      expect(file.contentType, k).toBe(
        { jpg: "image/jpeg", avif: "image/avif", webp: "image/webp" }[format as string],
      );
      // Portrait after rotation: each variant is as wide as its name says, never enlarged.
      expect(meta.width, k).toBe(variant ? variant.width : 600);
      expect(meta.height! > meta.width!, k).toBe(true);
    }
    // Smaller widths are smaller files.
    const bytes = (w: number) => storage.files.get(variantKey(key, w, "webp"))!.bytes.byteLength;
    expect(bytes(320)).toBeLessThan(bytes(600));
  });

  it("keeps PNGs as PNG and refuses a decompression bomb", async () => {
    const storage = memoryStorage();
    const png = await sharp({
      create: { width: 1500, height: 100, channels: 3, background: "#336699" },
    })
      .png()
      .toBuffer();
    await storeImage(storage, "a/b.png", new Uint8Array(png), "image/png");
    expect(storage.files.has("a/b.png.w1280.png")).toBe(true);
    expect(storage.files.has("a/b.png.w1280.jpg")).toBe(false);
    // A small PNG whose header claims 10000×6000 pixels: refused before anything is decoded.
    const bomb = Buffer.from(encodePng(1, 1, () => [0, 0, 0]));
    bomb.writeUInt32BE(10000, 16);
    bomb.writeUInt32BE(6000, 20);
    bomb.writeUInt32BE(zlib.crc32(bomb.subarray(12, 29)), 29);
    await expect(
      storeImage(storage, "a/bomb.png", new Uint8Array(bomb), "image/png"),
    ).rejects.toThrow(/pixel limit/i);
  });

  it("copies and deletes an image with its variants", async () => {
    const storage = memoryStorage();
    await storeImage(storage, "a/one.jpg", GPS_JPEG, "image/jpeg");
    const count = storage.files.size;
    expect(await copyImage(storage, "a/one.jpg", "b/two.jpg", 600)).toBe(true);
    expect(storage.files.size).toBe(count * 2);
    await deleteImage(storage, "a/one.jpg", 600);
    expect([...storage.files.keys()].every((k) => k.startsWith("b/two.jpg"))).toBe(true);
    expect(allVariantKeys("b/two.jpg", 600)).toEqual(
      expect.arrayContaining([...storage.files.keys()].filter((k) => k !== "b/two.jpg")),
    );
  });
});

describe("variants on both storage drivers", () => {
  it("writes the same objects to local disk and to S3, with their content types", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bazaar-variants-"));
    const creds = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
    const fake = await startFakeS3({ bucket: "media", region: "us-east-1", ...creds });
    try {
      const key = "shops/s/products/p/photo.jpg";
      const disk = localStorage(dir);
      const s3 = s3Storage({
        endpoint: fake.endpoint,
        bucket: "media",
        region: "us-east-1",
        ...creds,
      });
      expect(await storeImage(disk, key, GPS_JPEG, "image/jpeg")).toEqual({
        width: 600,
        height: 800,
      });
      expect(await storeImage(s3, key, GPS_JPEG, "image/jpeg")).toEqual({
        width: 600,
        height: 800,
      });
      const keys = [
        key,
        ...allVariantKeys(key, 600).filter((k) => !k.includes(".w640.") && !k.includes(".w1280.")),
      ];
      expect([...fake.objects.keys()].sort()).toEqual(keys.sort());
      for (const k of keys) {
        const fromDisk = await disk.get(k);
        const fromS3 = await s3.get(k);
        expect(fromDisk, k).not.toBeNull();
        expect(fromS3!.contentType, k).toBe(fromDisk!.contentType);
        expect((await sharp(fromS3!.bytes).metadata()).exif, k).toBeUndefined();
      }
      expect(fake.objects.get(`${key}.w320.avif`)!.contentType).toBe("image/avif");
    } finally {
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("variant names and srcset", () => {
  it("parses only well-formed variant keys", () => {
    expect(parseVariantKey("s/p/x.png.w640.webp")).toEqual({
      key: "s/p/x.png",
      width: 640,
      format: "webp",
    });
    for (const bad of [
      "s/p/x.png",
      "s/p/x.png.w0.webp",
      "s/p/x.png.w640.bmp",
      "s/p/x.w640.webp",
      "s/p/x.png.w640",
      "s/p/x.PNG.w640.webp",
      "s/p/x.png.w640.WEBP",
    ])
      expect(parseVariantKey(bad), bad).toBeNull();
  });

  it("widths never enlarge and stop at 1280", () => {
    expect(variantWidths(2400)).toEqual([320, 640, 1280]);
    expect(variantWidths(1280)).toEqual([320, 640, 1280]);
    expect(variantWidths(480)).toEqual([320, 480]);
    expect(variantWidths(200)).toEqual([200]);
    expect(variantWidths(null)).toEqual([320, 640, 1280]);
  });

  it("lists AVIF and WebP sources and the original format as the fallback", () => {
    const img = responsiveImage((k) => `/api/images/${k}`, "s/x.png", {
      width: 2000,
      height: 1000,
    });
    expect(img.sources).toEqual([
      {
        type: "image/avif",
        srcSet:
          "/api/images/s/x.png.w320.avif 320w, /api/images/s/x.png.w640.avif 640w, /api/images/s/x.png.w1280.avif 1280w",
      },
      {
        type: "image/webp",
        srcSet:
          "/api/images/s/x.png.w320.webp 320w, /api/images/s/x.png.w640.webp 640w, /api/images/s/x.png.w1280.webp 1280w",
      },
    ]);
    expect(img.srcSet).toBe(
      "/api/images/s/x.png.w320.png 320w, /api/images/s/x.png.w640.png 640w, /api/images/s/x.png.w1280.png 1280w",
    );
    expect(img.src).toBe("/api/images/s/x.png.w640.png");
  });
});
