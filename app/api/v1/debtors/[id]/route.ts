import { serve } from "@/lib/api/serve";
import { getDebtorEndpoint } from "@/lib/api/endpoints/accounts";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `getDebtorEndpoint` in lib/api/endpoints/accounts.ts. */
export const GET = serve(getDebtorEndpoint);
