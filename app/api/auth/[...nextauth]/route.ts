// Auth.js endpoints (session, CSRF, credentials callback, sign-out).
import { handlers } from "@/lib/auth";

export const { GET, POST } = handlers;
