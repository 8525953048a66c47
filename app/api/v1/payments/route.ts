import { serve } from "@/lib/api/serve";
import { listPaymentsEndpoint, recordPaymentEndpoint } from "@/lib/api/endpoints/payments";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `recordPaymentEndpoint` in lib/api/endpoints/payments.ts. */
export const POST = serve(recordPaymentEndpoint);
/** Contract and behaviour: `listPaymentsEndpoint` in lib/api/endpoints/payments.ts. */
export const GET = serve(listPaymentsEndpoint);
