import { serve } from "@/lib/api/serve";
import { listDebtorsEndpoint } from "@/lib/api/endpoints/accounts";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `listDebtorsEndpoint` in lib/api/endpoints/accounts.ts. */
export const GET = serve(listDebtorsEndpoint);
