/**
 * A task's error as an operator should read it: the SDK reports errors as JSON
 * (`{"message": …, "stack": …}`) or as text with stack frames; both become the message alone,
 * so the console shows what failed, not where in the worker's code.
 */
export function readableError(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let text = raw;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === "object" && "message" in parsed && typeof parsed.message === "string") text = parsed.message;
  } catch {
    // plain text
  }
  const lines = text.split("\n").filter((line) => !/^\s+at\s/.test(line));
  return lines.join("\n").trim().slice(0, 600) || null;
}
