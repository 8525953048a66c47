"use client";

/** Shown when a page fails: never the error's text (it may hold internals), only its reference. */
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-xl rounded-lg border border-red-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-red-900">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-slate-700">
        Something went wrong on our side. Try again; if it keeps happening, give your administrator the reference below (it is in the server log).
      </p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-slate-600">reference {error.digest}</p> : null}
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-800">Try again</button>
    </div>
  );
}
