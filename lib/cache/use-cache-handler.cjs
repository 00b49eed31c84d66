// Next.js `cacheHandlers.default` ('use cache') in Redis when REDIS_URL is set (next.config.ts):
// every instance reads and expires the same entries and tags.
"use strict";
const { getRedisCacheComponentsHandler } = require("@trieb.work/nextjs-turbo-redis-cache");
const { redisCacheOptions } = require("./options.cjs");

module.exports = getRedisCacheComponentsHandler(redisCacheOptions());
