import { deflateSync } from "node:zlib";

/** Minimal truecolour PNG encoder (for generated seed images and tests; no dependencies). */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer) {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** `pixel(x, y)` returns [r, g, b] in 0–255. */
export function encodePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number] | number[],
): Uint8Array {
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  const row = Buffer.alloc(stride);
  let o = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r = 0, g = 0, b = 0] = pixel(x, y);
      row[x * 3] = Math.max(0, Math.min(255, Math.round(r)));
      row[x * 3 + 1] = Math.max(0, Math.min(255, Math.round(g)));
      row[x * 3 + 2] = Math.max(0, Math.min(255, Math.round(b)));
    }
    // Filter "Sub" (difference to the pixel on the left): smooth gradients compress well.
    raw[o++] = 1;
    for (let i = 0; i < stride; i++) {
      raw[o++] = ((row[i] ?? 0) - (i >= 3 ? (row[i - 3] ?? 0) : 0)) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", ihdr),
      chunk("IDAT", deflateSync(raw, { level: 9 })),
      chunk("IEND", Buffer.alloc(0)),
    ]),
  );
}
