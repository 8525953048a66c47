import { AppError } from "../errors";
import type { CampaignStatus } from "../contracts/campaign";

/** Every allowed campaign status change, in one place. CANCELLED and COMPLETED are final. */
const NEXT: Record<CampaignStatus, readonly CampaignStatus[]> = {
  DRAFT: ["RUNNING", "CANCELLED"],
  RUNNING: ["PAUSED", "CANCELLED", "COMPLETED"],
  PAUSED: ["RUNNING", "CANCELLED"],
  CANCELLED: [],
  COMPLETED: [],
};

export function canMoveCampaign(from: CampaignStatus, to: CampaignStatus): boolean {
  return NEXT[from].includes(to);
}

/** Throws CONFLICT (409) for a change the lifecycle does not allow, e.g. resuming a cancelled campaign. */
export function assertCampaignTransition(from: CampaignStatus, to: CampaignStatus): void {
  if (!canMoveCampaign(from, to)) throw new AppError("CONFLICT", `A ${from.toLowerCase()} campaign cannot become ${to.toLowerCase()}.`);
}
