import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  typedRoutes: false,
  cacheComponents: true,
  partialPrefetching: true,
  poweredByHeader: false,
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
