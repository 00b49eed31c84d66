import { describe, expect, it } from "vitest";
import { awsUriEncode, EMPTY_PAYLOAD_HASH, sha256Hex, signRequest } from "./sigv4";

// The worked examples from AWS's S3 documentation, "Signature Calculations for the Authorization
// Header: Transferring Payload in a Single Chunk (AWS Signature Version 4)".
const creds = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
const date = new Date("2013-05-24T00:00:00Z");

describe("SigV4", () => {
  it("matches AWS's GET Object example", () => {
    const { signature, headers } = signRequest(
      {
        method: "GET",
        url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
        headers: { Range: "bytes=0-9" },
        region: "us-east-1",
        date,
      },
      creds,
    );
    expect(signature).toBe("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, " +
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
    expect(headers["x-amz-content-sha256"]).toBe(EMPTY_PAYLOAD_HASH);
  });

  it("matches AWS's PUT Object example (encoded key, payload hash, extra headers)", () => {
    const body = "Welcome to Amazon S3.";
    const payloadHash = sha256Hex(body);
    expect(payloadHash).toBe("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    const { signature } = signRequest(
      {
        method: "PUT",
        url: new URL(`https://examplebucket.s3.amazonaws.com/${awsUriEncode("test$file.text")}`),
        headers: {
          Date: "Fri, 24 May 2013 00:00:00 GMT",
          "x-amz-storage-class": "REDUCED_REDUNDANCY",
        },
        payloadHash,
        region: "us-east-1",
        date,
      },
      creds,
    );
    expect(signature).toBe("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  });

  it("encodes like AWS (slashes kept only in paths)", () => {
    expect(awsUriEncode("a b/c~d*", true)).toBe("a%20b/c~d%2A");
    expect(awsUriEncode("a/b")).toBe("a%2Fb");
  });
});
