import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { localStorage } from "./local";
import { s3Storage } from "./s3";
import { isValidStorageKey } from "./types";

const dir = mkdtempSync(path.join(tmpdir(), "bazaar-storage-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("storage keys", () => {
  it("accepts plain relative paths and refuses traversal and odd characters", () => {
    expect(isValidStorageKey("shops/1/products/2/abc.png")).toBe(true);
    for (const bad of [
      "../x.png",
      "shops/../../etc/passwd",
      "/abs.png",
      "a//b.png",
      "a/b c.png",
      "a\\b.png",
      "",
    ]) {
      expect(isValidStorageKey(bad), bad).toBe(false);
    }
  });
});

describe("local disk storage", () => {
  it("puts, gets and deletes files, and serves them through the image route", async () => {
    const s = localStorage(dir);
    const bytes = new Uint8Array([1, 2, 3]);
    await s.put("shops/a/p/x.png", bytes, "image/png");
    expect(await s.get("shops/a/p/x.png")).toEqual({ bytes, contentType: "image/png" });
    expect(s.url("shops/a/p/x.png")).toBe("/api/images/shops/a/p/x.png");
    await s.delete("shops/a/p/x.png");
    expect(await s.get("shops/a/p/x.png")).toBeNull();
    await expect(s.put("../escape.png", bytes, "image/png")).rejects.toThrow();
  });
});

describe("S3 storage", () => {
  it("sends SigV4-signed path-style requests with the payload hash", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fake = (async (url: URL | string, init?: RequestInit) => {
      calls.push({ url: String(url), init: init ?? {} });
      if (init?.method === "GET")
        return new Response(new Uint8Array([9]), { headers: { "content-type": "image/gif" } });
      return new Response(null, { status: 200 });
    }) as typeof fetch;
    const s = s3Storage(
      {
        endpoint: "http://127.0.0.1:9000/",
        bucket: "media",
        region: "eu-west-1",
        accessKeyId: "AKID",
        secretAccessKey: "secret",
        publicUrl: "https://cdn.example.com",
      },
      fake,
    );
    await s.put("shops/a/b c.gif".replace(" ", "-"), new Uint8Array([9]), "image/gif");
    const put = calls[0]!;
    expect(put.url).toBe("http://127.0.0.1:9000/media/shops/a/b-c.gif");
    const headers = put.init.headers as Record<string, string>;
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/eu-west-1\/s3\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(headers["x-amz-content-sha256"]).toMatch(/^[0-9a-f]{64}$/);
    expect(await s.get("shops/a/b-c.gif")).toEqual({
      bytes: new Uint8Array([9]),
      contentType: "image/gif",
    });
    await s.delete("shops/a/b-c.gif");
    expect(calls.map((c) => c.init.method)).toEqual(["PUT", "GET", "DELETE"]);
    expect(s.url("shops/a/b-c.gif")).toBe("https://cdn.example.com/shops/a/b-c.gif");
  });
});
