import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentOperator } from "../_auth/require-role";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in · Recourse" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await currentOperator()) redirect("/");
  const { next } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-bold tracking-tight">Recourse</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">Sign in to the operator console.</p>
        <SignInForm next={next} />
        <p className="mt-6 text-xs text-slate-500">
          First run? The admin password was printed by <code className="font-mono">npm start</code> and kept in <code className="font-mono">.data/first-admin.txt</code>.
        </p>
      </div>
    </main>
  );
}
