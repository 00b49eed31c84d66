import { createRequire } from "node:module";
import type { NextConfig } from "next";

const require = createRequire(import.meta.url);

/**
 * With REDIS_URL, Next's caches live in Redis (@trieb.work/nextjs-turbo-redis-cache): a tag
 * expired on one instance is expired on all. Without it (the embedded default) each process
 * keeps its own in-memory cache.
 */
const redisCache: Partial<NextConfig> = process.env.REDIS_URL
  ? {
      cacheHandler: require.resolve("./lib/cache/isr-handler.cjs"),
      cacheHandlers: {
        default: require.resolve("./lib/cache/use-cache-handler.cjs"),
        remote: require.resolve("./lib/cache/use-cache-handler.cjs"),
      },
      // No per-process memory layer in front of Redis: every instance sees the same entries.
      cacheMaxMemorySize: 0,
    }
  : {};

const nextConfig: NextConfig = {
  ...redisCache,
  // One build id for every instance of a deployment (set NEXT_DEPLOYMENT_ID in production):
  // a client built by instance A may talk to instance B.
  ...(process.env.NEXT_DEPLOYMENT_ID ? { deploymentId: process.env.NEXT_DEPLOYMENT_ID } : {}),
  reactStrictMode: true,
  typedRoutes: false,
  cacheComponents: true,
  partialPrefetching: true,
  poweredByHeader: false,
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@node-rs/argon2",
    "postgres",
    "pg-boss",
    "pg",
    "rate-limiter-flexible",
    "redis",
  ],
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
