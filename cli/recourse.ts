/**
 * The `recourse` command: `start` (the whole system), `migrate [--first-admin]` (apply migrations to
 * DATABASE_URL or the embedded database; optionally create the first admin), `seed --accounts N [--activity]` (a synthetic portfolio, optionally with call activity).
 */
import { EnvError } from "@/lib/env";
import { migrate } from "./migrate";
import { seed } from "./seed";
import { start } from "./start";

const [command = "start", ...rest] = process.argv.slice(2);
const flag = (name: string) => rest.includes(`--${name}`);
const option = (name: string) => {
  const index = rest.indexOf(`--${name}`);
  return index >= 0 ? rest[index + 1] : rest.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
};

try {
  switch (command) {
    case "start":
      await start({ rebuild: flag("rebuild") });
      break;
    case "migrate":
      await migrate({ firstAdmin: flag("first-admin") });
      break;
    case "seed":
      await seed({ accounts: Number(option("accounts") ?? 200), seed: Number(option("seed") ?? 1), activity: flag("activity") });
      break;
    default:
      console.error(`unknown command '${command}'. Commands: start [--rebuild], migrate [--first-admin], seed [--accounts N] [--seed S] [--activity]`);
      process.exit(2);
  }
} catch (error) {
  console.error(error instanceof EnvError || error instanceof Error ? error.message : String(error));
  process.exit(1);
}
