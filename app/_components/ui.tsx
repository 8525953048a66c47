import type { ReactNode } from "react";

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions}
    </header>
  );
}

export function Card({ title, children, className = "" }: { title?: string; children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-4 shadow-sm ${className}`} aria-label={title}>
      {title ? <h2 className="mb-3 text-base font-semibold">{title}</h2> : null}
      {children}
    </section>
  );
}

export function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="text-sm text-slate-600">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`kpi-${label.toLowerCase().replaceAll(/[^a-z]+/g, "-")}`}>{value}</div>
      {hint ? <div className="mt-1 text-xs text-slate-500">{hint}</div> : null}
    </div>
  );
}

const TONES = {
  green: "bg-emerald-100 text-emerald-900",
  red: "bg-red-100 text-red-900",
  amber: "bg-amber-100 text-amber-900",
  blue: "bg-sky-100 text-sky-900",
  gray: "bg-slate-100 text-slate-800",
} as const;
export type Tone = keyof typeof TONES;

export function Badge({ children, tone = "gray" }: { children: ReactNode; tone?: Tone }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}>{children}</span>;
}

/** Colour of a status word across the console: done is green, failed or blocked red, waiting amber. */
export function statusTone(status: string): Tone {
  if (/^(COMPLETED|PAID|KEPT|APPLIED|ALLOW|ACTIVE|RUNNING|SETTLED)$/.test(status)) return "green";
  if (/^(FAILED|DENY|BROKEN|DISPUTED|CEASED|REVERSED|CANCELLED|ESCALATED|OPEN)$/.test(status)) return "red";
  if (/^(QUEUED|PENDING|PAUSED|WAITING|PROMISE_PENDING|WAITING_RETRY|PARKED|DRAFT)/.test(status)) return "amber";
  return "gray";
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
      <p className="font-medium">{title}</p>
      {children ? <div className="mt-2 text-sm text-slate-600">{children}</div> : null}
    </div>
  );
}

export function Notice({ tone = "amber", children }: { tone?: "amber" | "red" | "blue"; children: ReactNode }) {
  const styles = { amber: "border-amber-300 bg-amber-50 text-amber-950", red: "border-red-300 bg-red-50 text-red-950", blue: "border-sky-300 bg-sky-50 text-sky-950" }[tone];
  return <div role="status" className={`rounded-md border px-4 py-3 text-sm ${styles}`}>{children}</div>;
}
