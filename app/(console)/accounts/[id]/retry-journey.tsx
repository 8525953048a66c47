"use client";

import { ActionForm } from "../../../_components/action-form";
import { retryJourneyAction } from "./actions";

/** Retry of a journey whose workflow run failed (supervisors); the server checks the run's state. */
export function RetryJourney({ enrollmentId, campaign }: { enrollmentId: string; campaign: string }) {
  return <ActionForm name={`Retry journey in ${campaign}`} action={retryJourneyAction} hidden={{ enrollmentId }} submitLabel="Retry journey" busyLabel="Retrying…" />;
}
