"use client";

import { useState } from "react";

/** A secret shown once, right after it was made: selectable, copyable, never rendered again. */
export function SecretReveal({ label, secret }: { label: string; secret: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <p className="font-medium">{label}: shown only now. Store it somewhere safe.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code data-testid="new-secret" className="select-all break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900">{secret}</code>
        <button
          type="button"
          onClick={() => void navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => setCopied(false))}
          className="rounded-md border border-amber-400 px-2 py-1 text-xs hover:bg-amber-100 focus:outline-none focus:ring-2 focus:ring-amber-400"
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}
