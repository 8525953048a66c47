import { notFound } from "next/navigation";
import { hasRole } from "@/lib/auth/roles";
import { canMoveCampaign } from "@/lib/campaigns/status";
import { db } from "@/lib/db";
import { campaignProgress } from "@/lib/reporting/campaign-progress";
import { requireRole } from "../../../_auth/require-role";
import { dateTime, words } from "../../../_components/format";
import { Badge, PageHeader, statusTone } from "../../../_components/ui";
import { LiveProgress } from "./live-progress";
import { CampaignControls } from "./campaign-controls";

export const dynamic = "force-dynamic";

/** Campaign progress (the funnel refreshes live over server-sent events) and, for supervisors, its controls. */
export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const operator = await requireRole("viewer");
  const { id } = await params;
  const progress = await campaignProgress(db(), id);
  if (!progress) notFound();
  return (
    <>
      <PageHeader title={progress.name} description={`Launched ${dateTime(progress.launchedAt)}`} actions={<Badge tone={statusTone(progress.status)}>{words(progress.status)}</Badge>} />
      {hasRole(operator.role, "supervisor") ? (
        <div className="mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <CampaignControls
            campaignId={progress.id}
            status={progress.status.toLowerCase()}
            allowed={{
              launch: progress.status === "DRAFT",
              pause: canMoveCampaign(progress.status, "PAUSED"),
              resume: progress.status === "PAUSED",
              cancel: canMoveCampaign(progress.status, "CANCELLED"),
            }}
          />
        </div>
      ) : null}
      <LiveProgress initial={progress} />
    </>
  );
}
