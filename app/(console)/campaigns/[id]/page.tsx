import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { campaignProgress } from "@/lib/reporting/campaign-progress";
import { requireRole } from "../../../_auth/require-role";
import { dateTime, words } from "../../../_components/format";
import { Badge, PageHeader, statusTone } from "../../../_components/ui";
import { LiveProgress } from "./live-progress";

export const dynamic = "force-dynamic";

/** Read-only campaign progress; the funnel refreshes live over server-sent events. */
export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("viewer");
  const { id } = await params;
  const progress = await campaignProgress(db(), id);
  if (!progress) notFound();
  return (
    <>
      <PageHeader title={progress.name} description={`Launched ${dateTime(progress.launchedAt)}`} actions={<Badge tone={statusTone(progress.status)}>{words(progress.status)}</Badge>} />
      <LiveProgress initial={progress} />
    </>
  );
}
