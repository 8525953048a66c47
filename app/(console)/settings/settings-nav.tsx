import Link from "next/link";

/** Tabs between the settings pages; the current one is marked for screen readers. */
export function SettingsNav({ current }: { current: "general" | "webhooks" }) {
  const tab = (href: string, label: string, active: boolean) => (
    <Link href={href} aria-current={active ? "page" : undefined} className={`rounded-md px-3 py-1.5 text-sm ${active ? "bg-indigo-50 font-medium text-indigo-900" : "text-slate-700 hover:bg-slate-100"}`}>{label}</Link>
  );
  return (
    <nav aria-label="Settings" className="mb-6 flex gap-1">
      {tab("/settings", "API keys, calling hours, integrations", current === "general")}
      {tab("/settings/webhooks", "Webhooks and delivery log", current === "webhooks")}
    </nav>
  );
}
