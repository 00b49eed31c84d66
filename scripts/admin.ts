// Create or promote a platform admin.
//   npm run admin -- create --email you@example.com --name "Your Name" --password "a long password"
//   npm run admin -- promote --email you@example.com
//   npm run admin -- demote --email you@example.com
import { parseArgs } from "node:util";
import { closeDatabase, getDatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { createUser, setUserPassword, setUserRole } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { emailSchema, newPasswordSchema } from "@/lib/auth/validation";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" } },
});

function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(2);
}

const command = positionals[0];
if (!command || !["create", "promote", "demote"].includes(command)) {
  fail("usage: npm run admin -- create|promote|demote --email E [--name N --password P]");
}
const email = emailSchema.safeParse(values.email ?? "");
if (!email.success) fail(`--email ${email.error.issues[0]?.message ?? "is invalid"}`);

const handle = getDatabaseHandle();
await migrateDatabase(handle);
try {
  if (command === "create") {
    const password = newPasswordSchema.safeParse(values.password ?? "");
    if (!password.success) fail(`--password: ${password.error.issues[0]?.message}`);
    const name = values.name?.trim() || "Platform admin";
    const passwordHash = await hashPassword(password.data);
    const created = await createUser({ email: email.data, name, passwordHash, role: "admin" });
    if (created) {
      console.log(`Created admin ${created.email}.`);
    } else {
      await setUserPassword(email.data, passwordHash);
      await setUserRole(email.data, "admin");
      console.log(`${email.data} already existed: promoted to admin and password updated.`);
    }
  } else {
    const updated = await setUserRole(email.data, command === "promote" ? "admin" : "merchant");
    if (!updated) fail(`no user with e-mail ${email.data}`);
    console.log(`${updated.email} is now ${updated.role}.`);
  }
} finally {
  await closeDatabase();
}
