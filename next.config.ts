import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  typedRoutes: false,
  cacheComponents: true,
  partialPrefetching: true,
  poweredByHeader: false,
  // The proxy's canonical-host redirect must keep its absolute Location (Next would otherwise
  // make it relative to its own idea of the host, and 127.0.0.1 would redirect to itself).
  skipProxyUrlNormalize: true,
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  experimental: {
    serverActions: {
      // No extra allowed origins: every form posts to the host that served it (the platform or
      // a shop's own host), which Next accepts as same-origin. Listing storefront origins here
      // would let a storefront page call dashboard actions with the merchant's cookie; the proxy
      // refuses cross-origin action posts with a 403 as well.
      allowedOrigins: [],
      // Product image uploads: up to 8 files of 5 MB each in one form post.
      bodySizeLimit: "45mb",
    },
  },
};

export default nextConfig;
