import type { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * Parses a submitted form with a zod schema. A bad field becomes a VALIDATION_FAILED AppError
 * whose message names the field in words the operator sees, since an action's answer is only text.
 */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData, labels: Record<string, string> = {}): z.infer<S> {
  return parseWith(schema, Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")), labels);
}

/** The same for values already gathered from a form (e.g. into a nested API body). */
export function parseWith<S extends z.ZodType>(schema: S, values: unknown, labels: Record<string, string> = {}): z.infer<S> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    return path ? `${labels[path] ?? path}: ${issue.message}` : issue.message;
  });
  throw new AppError("VALIDATION_FAILED", `Check the form. ${details.join("; ")}.`);
}
