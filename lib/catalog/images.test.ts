import { describe, expect, it } from "vitest";
import { checkImage, imageDimensions, MAX_IMAGE_BYTES, sniffImageType } from "./images";
import { encodePng } from "./png";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));

export const tinyJpeg = bytes(
  [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10],
  "JFIF\0",
  [1, 1, 0, 0, 1, 0, 1, 0, 0],
  // SOF2 (progressive): length 17, precision 8, height 480, width 640
  [0xff, 0xc2, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1],
  [0xff, 0xd9],
);

describe("image sniffing", () => {
  it("recognises each format by its magic bytes", () => {
    const png = encodePng(3, 2, () => [10, 20, 30]);
    expect(sniffImageType(png)).toBe("image/png");
    expect(sniffImageType(tinyJpeg)).toBe("image/jpeg");
    expect(sniffImageType(bytes("GIF89a", [5, 0, 7, 0]))).toBe("image/gif");
    expect(sniffImageType(bytes("RIFF", [0, 0, 0, 0], "WEBPVP8X"))).toBe("image/webp");
  });

  it("rejects other files whatever they claim to be", () => {
    expect(sniffImageType(bytes("<svg xmlns='http://www.w3.org/2000/svg'></svg>"))).toBeNull();
    expect(sniffImageType(bytes("%PDF-1.7"))).toBeNull();
    expect(sniffImageType(bytes("RIFF", [0, 0, 0, 0], "WAVEfmt "))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });

  it("reads dimensions from PNG, JPEG, GIF and all three WebP flavours", () => {
    expect(
      imageDimensions(
        encodePng(300, 200, () => [0, 0, 0]),
        "image/png",
      ),
    ).toEqual({
      width: 300,
      height: 200,
    });
    expect(imageDimensions(tinyJpeg, "image/jpeg")).toEqual({ width: 640, height: 480 });
    expect(imageDimensions(bytes("GIF89a", [0x2c, 0x01, 0xc8, 0x00]), "image/gif")).toEqual({
      width: 300,
      height: 200,
    });
    const vp8x = bytes(
      "RIFF",
      [0, 0, 0, 0],
      "WEBPVP8X",
      [10, 0, 0, 0, 0, 0, 0, 0],
      [0x1f, 0x03, 0],
      [0x57, 0x02, 0],
    );
    expect(imageDimensions(vp8x, "image/webp")).toEqual({ width: 800, height: 600 });
    // VP8L: width-1 and height-1 packed in 14 bits each after the 0x2f signature.
    const w = 99;
    const h = 49;
    const bits = w | (h << 14);
    const vp8l = bytes(
      "RIFF",
      [0, 0, 0, 0],
      "WEBPVP8L",
      [0, 0, 0, 0, 0x2f],
      [bits & 255, (bits >> 8) & 255, (bits >> 16) & 255, (bits >>> 24) & 255],
      [0, 0, 0, 0, 0],
    );
    expect(imageDimensions(vp8l, "image/webp")).toEqual({ width: 100, height: 50 });
    const vp8 = bytes(
      "RIFF",
      [0, 0, 0, 0],
      "WEBPVP8 ",
      [0, 0, 0, 0],
      [0, 0, 0, 0x9d, 0x01, 0x2a],
      [0x40, 0x01, 0xf0, 0x00],
      [0, 0],
    );
    expect(imageDimensions(vp8, "image/webp")).toEqual({ width: 320, height: 240 });
  });

  it("checks size and type for uploads", () => {
    expect(checkImage(new Uint8Array())).toMatchObject({ ok: false });
    expect(checkImage(bytes("hello"))).toEqual({
      ok: false,
      error: "Upload a JPEG, PNG, WebP or GIF image.",
    });
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
    big.set(tinyJpeg);
    expect(checkImage(big)).toEqual({ ok: false, error: "Images must be 5 MB or smaller." });
    expect(checkImage(tinyJpeg)).toEqual({ ok: true, type: "image/jpeg", width: 640, height: 480 });
  });

  it("refuses images that claim more than 40 megapixels (a decompression bomb)", () => {
    const huge = Buffer.from(encodePng(1, 1, () => [0, 0, 0]));
    huge.writeUInt32BE(10000, 16);
    huge.writeUInt32BE(6000, 20);
    expect(checkImage(new Uint8Array(huge))).toEqual({
      ok: false,
      error: "Images can be at most 40 megapixels.",
    });
  });
});
