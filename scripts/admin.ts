import "dotenv/config";
import { parseArgs } from "node:util";
import { startEmbeddedPostgres, type EmbeddedHandle } from "./lib/embedded-postgres";
import { migrate } from "./lib/migrate";

/**
 * `npm run admin -- <command>`: newsroom chores that need no browser, above all creating the first admin.
 *
 * Uses DATABASE_URL when set; otherwise the embedded PostgreSQL that `npm start` uses (database "broadsheet"),
 * reusing a running cluster or starting one just for this command. Migrations are applied first either way, so
 * it also works on a brand-new database.
 */

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-user  --email E --name N --role admin|editor|author|contributor [--password P]
               Creates a newsroom user. Without --password a readable one is generated and printed once.
  reset-password --email E [--password P]
               Gives a user a new password (generated and printed once, unless given) and ends all their
               sessions. For a forgotten or leaked password; people change their own under Newsroom › Password.
  create-token --email E --name LABEL [--role R]  (a role at most the user's)
               Creates an API token acting as that user (for /api/admin/v1). The token is printed once;
               only its hash is stored.
  help         Shows this text.

Examples:
  npm run admin -- create-user --email ed@example.com --name "Ed Itor" --role admin
  npm run admin -- create-token --email ed@example.com --name "wire importer"`;

class UsageError extends Error {}

function required(values: Record<string, string | boolean | undefined>, names: string[]): void {
  const missing = names.filter((n) => typeof values[n] !== "string" || !(values[n] as string).trim());
  if (missing.length) throw new UsageError(`Missing ${missing.map((n) => `--${n}`).join(", ")}.`);
}

function parse(argv: string[]) {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") return { command: "help" as const };
  const options = {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    password: { type: "string" },
  } as const;
  let values;
  try {
    ({ values } = parseArgs({ args: rest, options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (command === "create-user") {
    required(values, ["email", "name", "role"]);
    if (!/^(admin|editor|author|contributor)$/i.test(values.role!))
      throw new UsageError(`--role must be admin, editor, author or contributor (got "${values.role}").`);
    return {
      command: "create-user" as const,
      email: values.email!,
      name: values.name!,
      role: values.role!,
      password: values.password,
    };
  }
  if (command === "reset-password") {
    if (values.role || values.name) throw new UsageError("reset-password takes only --email and --password.");
    required(values, ["email"]);
    return { command: "reset-password" as const, email: values.email!, password: values.password };
  }
  if (command === "create-token") {
    if (values.password) throw new UsageError("create-token takes only --email, --name and --role.");
    required(values, ["email", "name"]);
    return { command: "create-token" as const, email: values.email!, name: values.name!, role: values.role };
  }
  throw new UsageError(`Unknown command "${command}".`);
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parse(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (parsed.command === "help") {
    console.log(USAGE);
    return 0;
  }

  let embedded: EmbeddedHandle | undefined;
  const log = (line: string) => console.error(line);
  // Ctrl-C must not leave a PostgreSQL we started running.
  const interrupt = () => void (embedded?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  try {
    let url = process.env.DATABASE_URL;
    if (!url) {
      embedded = await startEmbeddedPostgres({ log });
      await embedded.ensureDatabase("broadsheet");
      url = embedded.urlFor("broadsheet");
      process.env.DATABASE_URL = url;
    }
    await migrate(url, log);

    // Imported after DATABASE_URL is settled: lib/ reads the environment once.
    const { DomainError } = await import("../lib/errors");
    const { disconnectDb } = await import("../lib/db");
    try {
      if (parsed.command === "create-user") {
        const { createUser } = await import("../lib/auth/users");
        const { user, password } = await createUser({
          email: parsed.email,
          name: parsed.name,
          role: parsed.role,
          password: parsed.password,
        });
        console.log(`Created ${user.role.toLowerCase()} ${user.name} <${user.email}> (id ${user.id}).`);
        if (!parsed.password) console.log(`Password (shown once, copy it now): ${password}`);
      } else if (parsed.command === "reset-password") {
        const { resetPasswordTrusted } = await import("../lib/auth/account");
        const { email, password } = await resetPasswordTrusted(parsed.email, parsed.password);
        console.log(`New password set for ${email}; their sessions have ended.`);
        if (!parsed.password) console.log(`Password (shown once, copy it now): ${password}`);
      } else {
        const { createApiToken } = await import("../lib/auth/tokens");
        const { token, prefix } = await createApiToken({
          email: parsed.email,
          name: parsed.name,
          ...(parsed.role ? { role: parsed.role } : {}),
        });
        console.log(`Created API token "${parsed.name}" (${prefix}…) for ${parsed.email.trim().toLowerCase()}.`);
        console.log(`Token (shown once, copy it now): ${token}`);
        console.log(`Use it as: Authorization: Bearer ${token}`);
      }
      return 0;
    } catch (error) {
      if (error instanceof DomainError) {
        const details = error.fields
          ? Object.entries(error.fields)
              .map(([k, v]) => `  ${k}: ${v}`)
              .join("\n")
          : "";
        console.error(`Error: ${error.message}${details ? `\n${details}` : ""}`);
        return 1;
      }
      throw error;
    } finally {
      await disconnectDb();
    }
  } finally {
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
