import { serve } from "@/lib/api/serve";
import { listAccountsEndpoint } from "@/lib/api/endpoints/accounts";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `listAccountsEndpoint` in lib/api/endpoints/accounts.ts. */
export const GET = serve(listAccountsEndpoint);
