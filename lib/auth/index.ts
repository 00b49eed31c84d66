import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { UserRole } from "@/db/schema";
import { endUserSessions } from "@/db/queries/users";
import { checkCredentials } from "./credentials";
import { tokenSessionVersion } from "./session-version";
import { authSecret } from "./secret";

declare module "next-auth" {
  interface User {
    role?: UserRole;
    sessionVersion?: number;
  }
  interface Session {
    user: { id: string; email: string; name: string; role: UserRole; sessionVersion: number };
  }
}

export class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}
export class LockedSignIn extends CredentialsSignin {
  code = "locked";
}

export { authSecret };

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: {
        email: { label: "E-mail" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials) {
        const result = await checkCredentials(credentials);
        if (result.ok) {
          const { id, email, name, role, sessionVersion } = result.user;
          return { id, email, name, role, sessionVersion };
        }
        if (result.reason === "throttled") throw new ThrottledSignIn();
        if (result.reason === "locked") throw new LockedSignIn();
        return null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.sv = user.sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      if (token.role === "admin" || token.role === "merchant") session.user.role = token.role;
      session.user.sessionVersion = tokenSessionVersion(token);
      return session;
    },
  },
  events: {
    // Sign-out (the action or Auth.js's own route) ends the session on the server too: a copy
    // of the cookie taken before stops working.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (typeof token?.uid === "string") await endUserSessions(token.uid);
    },
  },
}));
