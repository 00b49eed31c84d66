import { createHash } from "node:crypto";
import { AwsClient } from "aws4fetch";
import { assertValidKey, IMAGE_ROUTE_PREFIX, type Storage } from "./types";

export type S3Config = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (STS, IAM roles, SSO) come with a session token. */
  sessionToken?: string;
  publicUrl?: string;
};

/** S3's object-key encoding: each path segment percent-encoded, slashes kept. */
function encodeKey(key: string) {
  return key.split("/").map(encodeURIComponent).join("/");
}

/**
 * An S3-compatible bucket (AWS S3, R2, MinIO …) with path-style addressing
 * (`<endpoint>/<bucket>/<key>`), signed with SigV4 by aws4fetch. Uploads sign their payload's
 * SHA-256, so a body changed in transit is refused by the store.
 */
export function s3Storage(config: S3Config, fetchImpl: typeof fetch = fetch): Storage {
  const client = new AwsClient({
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    sessionToken: config.sessionToken,
    service: "s3",
    region: config.region,
    // Retries are ours to decide (a failed upload is reported to the merchant at once).
    retries: 0,
  });
  const objectUrl = (key: string) => {
    assertValidKey(key);
    const base = config.endpoint.replace(/\/+$/, "");
    return `${base}/${encodeURIComponent(config.bucket)}/${encodeKey(key)}`;
  };
  async function send(method: string, key: string, body?: Uint8Array, contentType?: string) {
    const headers: Record<string, string> = {
      "x-amz-content-sha256": createHash("sha256")
        .update(body ?? new Uint8Array())
        .digest("hex"),
    };
    if (contentType) headers["content-type"] = contentType;
    const signed = await client.sign(objectUrl(key), {
      method,
      headers,
      body: body ? Buffer.from(body) : undefined,
    });
    return fetchImpl(signed);
  }
  return {
    async put(key, bytes, contentType) {
      const res = await send("PUT", key, bytes, contentType);
      if (!res.ok) throw new Error(`S3 PUT ${key} failed: ${res.status} ${await res.text()}`);
    },
    async get(key) {
      const res = await send("GET", key);
      // A bucket without s3:ListBucket answers 403 for a missing key.
      if (res.status === 404 || res.status === 403) return null;
      if (!res.ok) throw new Error(`S3 GET ${key} failed: ${res.status}`);
      return {
        bytes: new Uint8Array(await res.arrayBuffer()),
        contentType: res.headers.get("content-type") ?? "application/octet-stream",
      };
    },
    async delete(key) {
      const res = await send("DELETE", key);
      if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE ${key} failed: ${res.status}`);
    },
    url(key) {
      return config.publicUrl
        ? `${config.publicUrl.replace(/\/+$/, "")}/${encodeKey(key)}`
        : IMAGE_ROUTE_PREFIX + key;
    },
  };
}
