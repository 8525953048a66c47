import type { Endpoint } from "../endpoint";
import * as accounts from "./accounts";
import * as campaigns from "./campaigns";
import * as payments from "./payments";
import * as consumer from "./consumer-requests";
import * as activity from "./activity";
import * as admin from "./admin";

/** Every /api/v1 operation: the OpenAPI document, the authorization matrix and the fuzz test walk this list. */
export const ENDPOINTS: readonly Endpoint[] = [
  ...Object.values(accounts),
  ...Object.values(campaigns),
  ...Object.values(payments),
  ...Object.values(consumer),
  ...Object.values(activity),
  ...Object.values(admin),
] as unknown as readonly Endpoint[];
