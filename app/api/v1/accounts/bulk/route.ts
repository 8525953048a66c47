import { serve } from "@/lib/api/serve";
import { upsertAccountsEndpoint } from "@/lib/api/endpoints/accounts";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `upsertAccountsEndpoint` in lib/api/endpoints/accounts.ts. */
export const POST = serve(upsertAccountsEndpoint);
