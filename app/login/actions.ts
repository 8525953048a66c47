"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { authenticate } from "@/lib/auth/authenticate";
import { safeNextPath } from "@/lib/auth/safe-next";
import { isSameOrigin } from "@/lib/auth/same-origin";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { currentSession } from "../_auth/session";

const SignInSchema = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(1024), next: z.string().optional() });

export type SignInState = { error: string } | null;

export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const requestHeaders = await headers();
  const config = env();
  if (!isSameOrigin(requestHeaders, config.APP_URL ? [config.APP_URL] : [])) return { error: "This request did not come from the console." };
  const input = SignInSchema.safeParse(Object.fromEntries(form));
  if (!input.success) return { error: "Enter your email address and password." };
  const clientKey = requestHeaders.get("x-forwarded-for")?.split(",")[0]?.trim() || requestHeaders.get("x-real-ip") || null;
  const result = await authenticate(db(), { email: input.data.email, password: input.data.password, clientKey });
  if (!result.ok) {
    if (result.reason === "rate-limited") return { error: `Too many failed attempts. Try again in ${Math.ceil(result.retryAfterMs / 60_000)} minute(s).` };
    return { error: "That email and password do not match an active operator." };
  }
  const session = await currentSession();
  session.operatorId = result.operator.id;
  session.signedInAt = new Date().toISOString();
  await session.save();
  redirect(safeNextPath(input.data.next));
}

export async function signOut(): Promise<void> {
  const config = env();
  // A cross-site sign-out is harmless but still refused: no mutation without a same-site Origin.
  if (!isSameOrigin(await headers(), config.APP_URL ? [config.APP_URL] : [])) return;
  const session = await currentSession();
  session.destroy();
  redirect("/login");
}
