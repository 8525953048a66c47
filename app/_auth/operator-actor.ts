import type { Actor } from "@/lib/audit/actor";
import type { SignedInOperator } from "./require-role";

/** The audit actor of a console action: the signed-in operator. */
export function operatorActor(operator: SignedInOperator): Actor {
  return { type: "OPERATOR", id: operator.id };
}
