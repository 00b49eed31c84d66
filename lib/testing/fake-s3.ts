import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AwsV4Signer } from "aws4fetch";

/**
 * A small S3 stand-in for tests: path-style PUT/GET/DELETE on one bucket, and it checks requests
 * the way S3 does — the SigV4 signature (recomputed from what arrived on the wire), the access
 * key, the session token when one is expected, and the payload hash — answering 403 otherwise.
 */
export type FakeS3 = {
  endpoint: string;
  objects: Map<string, { bytes: Uint8Array; contentType: string }>;
  requests: { method: string; path: string; headers: IncomingMessage["headers"]; status: number }[];
  close(): Promise<void>;
};

export async function startFakeS3(opts: {
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}): Promise<FakeS3> {
  const objects: FakeS3["objects"] = new Map();
  const requests: FakeS3["requests"] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const path = req.url ?? "/";
    const answer = (status: number, code?: string, extra: Record<string, string> = {}) => {
      requests.push({ method: req.method ?? "", path, headers: req.headers, status });
      res.writeHead(status, code ? { "content-type": "application/xml", ...extra } : extra);
      res.end(code ? `<?xml version="1.0"?><Error><Code>${code}</Code></Error>` : undefined);
    };
    const failure = await verify(req, body, opts);
    if (failure) return answer(403, failure);
    const prefix = `/${opts.bucket}/`;
    if (!path.startsWith(prefix)) return answer(404, "NoSuchBucket");
    const key = decodeURIComponent(path.slice(prefix.length));
    if (req.method === "PUT") {
      objects.set(key, {
        bytes: new Uint8Array(body),
        contentType: req.headers["content-type"] ?? "binary/octet-stream",
      });
      return answer(200);
    }
    if (req.method === "GET") {
      const obj = objects.get(key);
      if (!obj) return answer(404, "NoSuchKey");
      requests.push({ method: "GET", path, headers: req.headers, status: 200 });
      res.writeHead(200, { "content-type": obj.contentType });
      return res.end(Buffer.from(obj.bytes));
    }
    if (req.method === "DELETE") {
      objects.delete(key);
      return answer(204);
    }
    answer(405, "MethodNotAllowed");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

async function verify(
  req: IncomingMessage,
  body: Buffer,
  opts: Parameters<typeof startFakeS3>[0],
): Promise<string | null> {
  const match = AUTH.exec(req.headers.authorization ?? "");
  if (!match) return "AccessDenied";
  const [, accessKeyId, , region, signedHeaders, signature] = match;
  if (accessKeyId !== opts.accessKeyId) return "InvalidAccessKeyId";
  if (region !== opts.region) return "AuthorizationHeaderMalformed";
  const names = signedHeaders!.split(";");
  if (opts.sessionToken !== undefined) {
    if (req.headers["x-amz-security-token"] !== opts.sessionToken) return "InvalidToken";
    if (!names.includes("x-amz-security-token")) return "AccessDenied";
  }
  const declared = req.headers["x-amz-content-sha256"];
  if (typeof declared !== "string") return "InvalidRequest";
  if (
    declared !== "UNSIGNED-PAYLOAD" &&
    declared !== createHash("sha256").update(body).digest("hex")
  )
    return "XAmzContentSHA256Mismatch";
  const headers: Record<string, string> = {};
  for (const name of names) {
    if (name === "host") continue;
    const value = req.headers[name];
    if (typeof value !== "string") return "AccessDenied";
    headers[name] = value;
  }
  const expected = await new AwsV4Signer({
    method: req.method,
    url: `http://${req.headers.host}${req.url}`,
    headers,
    accessKeyId: opts.accessKeyId,
    secretAccessKey: opts.secretAccessKey,
    service: "s3",
    region: opts.region,
    datetime: String(req.headers["x-amz-date"]),
    allHeaders: true,
  }).signature();
  return expected === signature ? null : "SignatureDoesNotMatch";
}
