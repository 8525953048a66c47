import { requireRole } from "../../../_auth/require-role";
import { PageHeader } from "../../../_components/ui";
import { NewCampaignForm } from "./new-campaign-form";

export const dynamic = "force-dynamic";

/** Create a campaign (supervisor+): it starts as a draft; launching it is a separate, deliberate step. */
export default async function NewCampaignPage() {
  await requireRole("supervisor");
  return (
    <>
      <PageHeader title="New campaign" description="Which accounts to work and how. The compliance gate still checks every call against Regulation F and the TCPA." />
      <NewCampaignForm />
    </>
  );
}
