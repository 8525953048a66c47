import type { ActionResult } from "../_auth/action-result";

/** A server action's answer, announced politely to screen readers; red when it failed. */
export function ActionStatus({ state, as: Tag = "p" }: { state: ActionResult; as?: "p" | "span" }) {
  return <Tag role="status" className={`text-sm ${state?.ok === false ? "text-red-800" : "text-emerald-800"}`}>{state?.message ?? ""}</Tag>;
}
