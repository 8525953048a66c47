"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Dashboard" },
  { href: "/accounts", label: "Accounts" },
  { href: "/campaigns", label: "Campaigns" },
  { href: "/import", label: "Import" },
  { href: "/workflows", label: "Workflows" },
  { href: "/queues", label: "Queues" },
  { href: "/settings", label: "Settings" },
  { href: "/api-reference", label: "API" },
];

export function NavLinks() {
  const path = usePathname();
  return (
    <nav aria-label="Main">
      <ul className="flex gap-1 text-sm">
        {LINKS.map((link) => {
          const active = link.href === "/" ? path === "/" : path.startsWith(link.href);
          return (
            <li key={link.href}>
              <Link href={link.href} aria-current={active ? "page" : undefined} className={`rounded-md px-3 py-1.5 ${active ? "bg-indigo-50 font-medium text-indigo-900" : "text-slate-700 hover:bg-slate-100"}`}>
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
