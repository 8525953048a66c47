import Link from "next/link";
import type { ReactNode } from "react";
import { signOut } from "../login/actions";
import { requireRole } from "../_auth/require-role";
import { NavLinks } from "./nav-links";

export const dynamic = "force-dynamic";

/** The signed-in shell: navigation, who is signed in, sign-out. Each page checks its own role too. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const operator = await requireRole("viewer");
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">Skip to content</a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-8 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-bold tracking-tight text-indigo-800">Recourse</Link>
          <NavLinks />
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span>
              <span className="font-medium">{operator.name}</span> <span className="text-slate-600">· {operator.role}</span>
            </span>
            <form action={signOut}>
              <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-indigo-300">Sign out</button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">{children}</main>
    </div>
  );
}
