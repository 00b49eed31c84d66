import { awsUriEncode, sha256Hex, signRequest } from "./sigv4";
import { assertValidKey, IMAGE_ROUTE_PREFIX, type Storage } from "./types";

export type S3Config = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  publicUrl?: string;
};

/** An S3-compatible bucket, path-style addressing (`<endpoint>/<bucket>/<key>`), SigV4-signed. */
export function s3Storage(config: S3Config, fetchImpl: typeof fetch = fetch): Storage {
  const creds = { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey };
  const objectUrl = (key: string) => {
    assertValidKey(key);
    const base = config.endpoint.replace(/\/+$/, "");
    return new URL(`${base}/${awsUriEncode(config.bucket)}/${awsUriEncode(key, true)}`);
  };
  async function send(method: string, key: string, body?: Uint8Array, contentType?: string) {
    const url = objectUrl(key);
    const { headers } = signRequest(
      {
        method,
        url,
        headers: contentType ? { "content-type": contentType } : {},
        payloadHash: body ? sha256Hex(body) : undefined,
        region: config.region,
        date: new Date(),
      },
      creds,
    );
    delete headers.host; // fetch sets it from the URL
    return fetchImpl(url, { method, headers, body: body ? Buffer.from(body) : undefined });
  }
  return {
    async put(key, bytes, contentType) {
      const res = await send("PUT", key, bytes, contentType);
      if (!res.ok) throw new Error(`S3 PUT ${key} failed: ${res.status} ${await res.text()}`);
    },
    async get(key) {
      const res = await send("GET", key);
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
        ? `${config.publicUrl.replace(/\/+$/, "")}/${awsUriEncode(key, true)}`
        : IMAGE_ROUTE_PREFIX + key;
    },
  };
}
