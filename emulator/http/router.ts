// A minimal method + path router: `/v1/accounts/:id` style patterns, nothing more.

export interface Route<H> {
  method: string;
  pattern: string;
  regex: RegExp;
  keys: string[];
  handler: H;
  /** The SDK operation this route implements (API routes only). */
  operation?: string;
}

export class Router<H> {
  private routes: Route<H>[] = [];

  add(method: string, pattern: string, handler: H, operation?: string): void {
    const keys: string[] = [];
    const source = pattern
      .split("/")
      .map((part) => {
        if (part.startsWith(":")) {
          keys.push(part.slice(1));
          return "([^/]+)";
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("/");
    this.routes.push({
      method,
      pattern,
      regex: new RegExp(`^${source}/?$`),
      keys,
      handler,
      operation,
    });
  }

  match(method: string, path: string): { route: Route<H>; params: Record<string, string> } | null {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => {
        params[key] = safeDecode(m[i + 1] ?? "");
      });
      return { route, params };
    }
    return null;
  }
}

/** A malformed percent-escape in an id names no object; it must not become a 500. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
