// Next.js `cacheHandler` (the ISR / full-route cache) in Redis when REDIS_URL is set.
"use strict";
const CachedHandler = require("@trieb.work/nextjs-turbo-redis-cache").default;
const { redisCacheOptions } = require("./options.cjs");

module.exports = class BazaarIsrCacheHandler extends CachedHandler {
  constructor(options) {
    super({ ...options, ...redisCacheOptions() });
  }
};
