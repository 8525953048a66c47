import type { z } from "zod";
import type { Db } from "../db";
import type { Actor } from "../audit/actor";
import type { ApiScope } from "../contracts/api";

type AnyObject = z.ZodType<Record<string, unknown>>;

/**
 * One /api/v1 operation: its contract (scope, schemas) and the one lib/ call behind it. The
 * route file binds it with `serve()`, and the OpenAPI document is generated from the same object,
 * so the document cannot drift from what the handler accepts and returns.
 */
export interface Endpoint<P extends AnyObject = AnyObject, Q extends AnyObject = AnyObject, B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  operationId: string;
  method: "GET" | "POST";
  /** OpenAPI path, `{id}` for parameters; the route file lives at the same path with `[id]`. */
  path: string;
  scope: ApiScope;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Shown in the OpenAPI document instead of `body` when the handler checks items one by one. */
  documentedBody?: z.ZodType;
  response: R;
  successStatus?: 200 | 201;
  /** Bytes; 1 MiB unless raised (the bulk upsert takes 10,000 items). */
  maxBodyBytes?: number;
  run(input: { db: Db; actor: Actor; params: z.output<P>; query: z.output<Q>; body: z.output<B> }): Promise<z.input<R>>;
}

export function defineEndpoint<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, R extends z.ZodType>(endpoint: Endpoint<P, Q, B, R>): Endpoint<P, Q, B, R> {
  return endpoint;
}
