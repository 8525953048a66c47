import { buildOpenApiDocument } from "@/lib/api/openapi";
import { ENDPOINTS } from "@/lib/api/endpoints";

export const dynamic = "force-static";

/** The OpenAPI 3.1 document, generated from the same zod schemas the handlers use. Public. */
export function GET(): Response {
  return Response.json(buildOpenApiDocument(ENDPOINTS), { headers: { "cache-control": "public, max-age=300" } });
}
