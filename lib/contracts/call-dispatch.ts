import { z } from "zod";

/**
 * The job metadata the voice agent receives with its dispatch (AgentDispatch.metadata, JSON):
 * who it calls, about which debts, with which script and which disclosures it must make. The agent
 * may say nothing about a debt before it has verified the right party (1006.6(d)(1)).
 */
export const CallDispatchMetadataSchema = z.object({
  attemptId: z.string(),
  account: z.object({
    debtorId: z.string(),
    /** Only for verification: the agent asks the consumer to confirm these, never reads them out first. */
    firstName: z.string(),
    lastName: z.string(),
    postalCode: z.string().nullable(),
    accounts: z
      .array(
        z.object({
          accountId: z.string(),
          creditor: z.string(),
          balanceCents: z.number().int(),
          currency: z.string(),
          /** Past the statute of limitations: never threaten suit (1006.26(b)). */
          timeBarred: z.boolean(),
        }),
      )
      .min(1),
  }),
  script: z.object({
    id: z.string(),
    language: z.string(),
    /** True business name (1006.18(c)(4)) and the callback number (47 CFR 64.1200(b)). */
    businessName: z.string(),
    callbackNumber: z.string(),
  }),
  disclosures: z.object({
    /** The voice is artificial and says so (conservative reading of 1006.18(d); FCC 24-17). */
    aiVoice: z.literal(true),
    /** Announced before any substance (COMPLIANCE.md §8). */
    recordingNotice: z.literal(true),
    /** "initial": 1006.18(e)(1) full notice; "subsequent": "from a debt collector", (e)(2). */
    miniMiranda: z.enum(["initial", "subsequent"]),
  }),
});
export type CallDispatchMetadata = z.infer<typeof CallDispatchMetadataSchema>;
