/**
 * Security headers for every page and route the proxy answers (pure: unit-tested).
 *
 * The Content-Security-Policy has no per-request nonce: nonces force dynamic rendering, and the
 * storefront pages are cached (Cache Components). Next's inline bootstrap scripts differ per
 * page, so hashes are not possible either; script-src is therefore 'self' 'unsafe-inline' plus
 * Stripe.js' origin. What the policy does guarantee: no script, frame or connection to any other
 * origin, no plugins, no <base> hijacking, forms post only to us and Stripe, and no site may
 * frame ours (frame-ancestors 'none': Bazaar has no embeddable pages).
 */
export type SecurityHeaderInput = {
  /** Stripe in real mode, or the local emulator's origin (shim, embedded frame, hosted pages). */
  stripe: { mode: "real" } | { mode: "emulator"; origin: string };
  /** Extra image origin (an S3 bucket's public URL), if any. */
  imageOrigin?: string | null;
  https: boolean;
  development: boolean;
};

// Stripe's documented sources for Stripe.js and (embedded) Checkout.
const STRIPE_REAL = {
  script: ["https://js.stripe.com", "https://*.js.stripe.com"],
  frame: [
    "https://js.stripe.com",
    "https://*.js.stripe.com",
    "https://hooks.stripe.com",
    "https://checkout.stripe.com",
  ],
  connect: ["https://api.stripe.com", "https://checkout.stripe.com"],
  img: ["https://*.stripe.com"],
  form: ["https://checkout.stripe.com", "https://connect.stripe.com"],
};

export function contentSecurityPolicy(input: SecurityHeaderInput) {
  const s =
    input.stripe.mode === "real"
      ? STRIPE_REAL
      : {
          script: [input.stripe.origin],
          frame: [input.stripe.origin],
          connect: [input.stripe.origin],
          img: [input.stripe.origin],
          form: [input.stripe.origin],
        };
  const directives: [string, string[]][] = [
    ["default-src", ["'self'"]],
    [
      "script-src",
      ["'self'", "'unsafe-inline'", ...(input.development ? ["'unsafe-eval'"] : []), ...s.script],
    ],
    ["style-src", ["'self'", "'unsafe-inline'"]],
    [
      "img-src",
      ["'self'", "data:", "blob:", ...s.img, ...(input.imageOrigin ? [input.imageOrigin] : [])],
    ],
    ["font-src", ["'self'", "data:"]],
    ["connect-src", ["'self'", ...s.connect]],
    ["frame-src", s.frame],
    ["form-action", ["'self'", ...s.form]],
    ["base-uri", ["'self'"]],
    ["object-src", ["'none'"]],
    ["frame-ancestors", ["'none'"]],
  ];
  const policy = directives.map(([k, v]) => `${k} ${v.join(" ")}`);
  if (input.https) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}

export function securityHeaders(input: SecurityHeaderInput): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(input),
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(self)",
    ...(input.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
