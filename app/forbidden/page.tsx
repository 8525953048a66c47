import Link from "next/link";

export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ need?: string }> }) {
  const { need } = await searchParams;
  const role = need && /^[a-z]+$/.test(need) ? need : undefined;
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-bold">Not allowed</h1>
      <p className="mt-2 text-slate-700">
        Your role does not allow this page{role ? ` (it needs ${role} or above)` : ""}. Ask an administrator if you need access.
      </p>
      <Link href="/" className="mt-4 inline-block text-indigo-800 underline">Back to the dashboard</Link>
    </main>
  );
}
