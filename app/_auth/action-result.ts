import { toProblem } from "@/lib/errors";

/** What every server action returns to its form: never an exception, never internals. */
export type ActionResult = { ok: true; message: string } | { ok: false; message: string; status: number } | null;

/** Runs a server action body and turns any throw into a safe message (unknown errors: generic, logged). */
export async function runAction(name: string, body: () => Promise<string>): Promise<ActionResult> {
  try {
    return { ok: true, message: await body() };
  } catch (error) {
    const problem = toProblem(error);
    if (problem.status >= 500) console.error({ action: name, err: error }, "server action failed");
    // A form needs to say which field is wrong, not only that something is.
    const fields = problem.errors?.map((e) => `${e.path}: ${e.message}`).join("; ");
    return { ok: false, message: fields ? `${problem.detail} ${fields}.` : problem.detail, status: problem.status };
  }
}
