// A minimal method + path router: `/v1/accounts/:id` style patterns, nothing more.

import type { Spec } from "./params";

export interface Route<H> {
  method: string;
  pattern: string;
  regex: RegExp;
  keys: string[];
  handler: H;
  spec?: Record<string, Spec>;
}

export class Router<H> {
  private routes: Route<H>[] = [];

  add(method: string, pattern: string, handler: H, spec?: Record<string, Spec>): void {
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
    this.routes.push({ method, pattern, regex: new RegExp(`^${source}/?$`), keys, handler, spec });
  }

  match(method: string, path: string): { route: Route<H>; params: Record<string, string> } | null {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => {
        params[key] = decodeURIComponent(m[i + 1] ?? "");
      });
      return { route, params };
    }
    return null;
  }
}
