import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-bold">Not found</h1>
      <p className="mt-2 text-slate-700">There is nothing at this address. It may have been removed, or the link is wrong.</p>
      <Link href="/" className="mt-4 inline-block text-indigo-800 underline">Back to the dashboard</Link>
    </main>
  );
}
