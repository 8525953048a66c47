import type { Db } from "../../db";
import { AppError } from "../../errors";
import { problemResponse } from "../../http/problem-response";
import { TranscriptReceiptSchema } from "../../contracts/transcript";
import { receiveTranscript } from "../receive-transcript";
import { TRANSCRIPT_SIGNATURE_HEADER } from "../transcript-signature";

/** POST /api/calls/transcripts as a fetch handler: size first, then the signature over the raw body. */
export async function handleTranscriptPost(request: Request, deps: { db: Db; secret: string; maxBytes: number; now?: () => Date; businessNow?: () => Date }): Promise<Response> {
  try {
    // Refuse a declared oversize body before reading it; receiveTranscript re-checks the real size.
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > deps.maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", `A transcript may be at most ${deps.maxBytes} bytes.`);
    const body = await request.text();
    const receipt = await receiveTranscript(deps.db, body, request.headers.get(TRANSCRIPT_SIGNATURE_HEADER), {
      secret: deps.secret,
      maxBytes: deps.maxBytes,
      now: deps.now?.() ?? new Date(),
      ...(deps.businessNow ? { recordedAt: deps.businessNow() } : {}),
    });
    return Response.json(TranscriptReceiptSchema.parse(receipt), { status: receipt.created ? 201 : 200 });
  } catch (error) {
    return problemResponse(error, "/api/calls/transcripts");
  }
}
