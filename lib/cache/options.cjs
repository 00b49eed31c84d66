// Options shared by Bazaar's Redis cache handlers (loaded by Next.js, and by the worker to expire
// tags from outside a request). One Redis database, one key prefix per deployment.
"use strict";

function redisCacheOptions() {
  return {
    redisUrl: process.env.REDIS_URL,
    database: 0,
    keyPrefix: process.env.REDIS_KEY_PREFIX || "bazaar:",
    // Redis answers are kept in memory this long; keyspace notifications clear them sooner.
    inMemoryCachingTime: Number(process.env.REDIS_CACHE_MEMORY_MS || 1000),
    // Storefront data is cached with tags and expired on write; the TTL only bounds garbage.
    defaultStaleAge: 60 * 60 * 24,
  };
}

module.exports = { redisCacheOptions };
