import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AwsV4Signer } from "aws4fetch";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeS3 } from "@/lib/testing/fake-s3";
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

// AWS's worked examples ("Signature Calculations for the Authorization Header: Transferring
// Payload in a Single Chunk", Amazon S3 API reference): the signer we use must give their numbers.
describe("SigV4 signing (aws4fetch) against AWS's published S3 examples", () => {
  const creds = {
    accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  };
  const common = { ...creds, service: "s3", region: "us-east-1", datetime: "20130524T000000Z" };

  it("GET Object", async () => {
    const signer = new AwsV4Signer({
      ...common,
      method: "GET",
      url: "https://examplebucket.s3.amazonaws.com/test.txt",
      headers: {
        Range: "bytes=0-9",
        "x-amz-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      },
      allHeaders: true,
    });
    expect(await signer.authHeader()).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, " +
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });

  it("PUT Object (encoded key, payload hash, extra headers)", async () => {
    const signer = new AwsV4Signer({
      ...common,
      method: "PUT",
      url: "https://examplebucket.s3.amazonaws.com/test%24file.text",
      headers: {
        Date: "Fri, 24 May 2013 00:00:00 GMT",
        "x-amz-storage-class": "REDUCED_REDUNDANCY",
        "x-amz-content-sha256": "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
      },
      body: "Welcome to Amazon S3.",
    });
    expect(await signer.signature()).toBe(
      "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
    );
  });
});

describe("S3 storage against a local S3 that checks signatures", () => {
  const bucket = "media";
  const region = "eu-west-1";
  const creds = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret/key+example" };

  it("puts, gets and deletes signed objects with the payload hash; a wrong secret is refused", async () => {
    const fake = await startFakeS3({ bucket, region, ...creds });
    try {
      const s = s3Storage({ endpoint: fake.endpoint + "/", bucket, region, ...creds });
      const bytes = new Uint8Array([9, 8, 7]);
      await s.put("shops/a/p/b-c.gif", bytes, "image/gif");
      expect(fake.objects.get("shops/a/p/b-c.gif")).toEqual({ bytes, contentType: "image/gif" });
      const put = fake.requests[0]!;
      expect(put).toMatchObject({ method: "PUT", path: "/media/shops/a/p/b-c.gif", status: 200 });
      // The payload is signed (not UNSIGNED-PAYLOAD), so a changed body is refused by S3.
      expect(put.headers["x-amz-content-sha256"]).toMatch(/^[0-9a-f]{64}$/);
      expect(await s.get("shops/a/p/b-c.gif")).toEqual({ bytes, contentType: "image/gif" });
      expect(await s.get("shops/a/p/missing.gif")).toBeNull();
      await s.delete("shops/a/p/b-c.gif");
      expect(fake.objects.size).toBe(0);
      expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 404, 204]);

      const wrong = s3Storage({
        endpoint: fake.endpoint,
        bucket,
        region,
        ...creds,
        secretAccessKey: "nope",
      });
      await expect(wrong.put("shops/a/x.png", bytes, "image/png")).rejects.toThrow(
        /403.*SignatureDoesNotMatch/s,
      );
    } finally {
      await fake.close();
    }
  });

  it("signs the session token of temporary credentials", async () => {
    const sessionToken = "FwoGZXIvYXdzEXAMPLE//token+with/odd=chars";
    const fake = await startFakeS3({ bucket, region, ...creds, sessionToken });
    try {
      const s = s3Storage({ endpoint: fake.endpoint, bucket, region, ...creds, sessionToken });
      await s.put("shops/a/t.png", new Uint8Array([1]), "image/png");
      expect(fake.requests[0]).toMatchObject({ status: 200 });
      expect(fake.requests[0]!.headers["x-amz-security-token"]).toBe(sessionToken);
      expect(fake.requests[0]!.headers.authorization).toContain("x-amz-security-token");
      const noToken = s3Storage({ endpoint: fake.endpoint, bucket, region, ...creds });
      await expect(noToken.put("shops/a/u.png", new Uint8Array([1]), "image/png")).rejects.toThrow(
        /InvalidToken/,
      );
    } finally {
      await fake.close();
    }
  });

  it("refuses malformed keys before any request, and links through a public base URL when set", async () => {
    const calls: string[] = [];
    const s = s3Storage(
      {
        endpoint: "http://127.0.0.1:1",
        bucket,
        region,
        ...creds,
        publicUrl: "https://cdn.example.com/",
      },
      (async (input: RequestInfo | URL) => {
        calls.push(String(input instanceof Request ? input.url : input));
        return new Response(null);
      }) as typeof fetch,
    );
    for (const bad of ["../x.png", "a//b.png", "/abs.png", "a/b c.png", "a/%2e%2e/b"]) {
      await expect(s.put(bad, new Uint8Array([1]), "image/png"), bad).rejects.toThrow(
        /invalid storage key/,
      );
      await expect(s.get(bad), bad).rejects.toThrow(/invalid storage key/);
    }
    expect(calls).toEqual([]);
    expect(s.url("shops/a/b-c.gif")).toBe("https://cdn.example.com/shops/a/b-c.gif");
  });
});
