"use client";

/** Last resort when even the root layout fails: plain HTML, no internals. */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui", padding: "2rem" }}>
        <h1>Recourse is unavailable</h1>
        <p>Something went wrong on our side. Reload the page in a moment.</p>
        {error.digest ? <p style={{ fontFamily: "monospace", fontSize: "0.8rem" }}>reference {error.digest}</p> : null}
      </body>
    </html>
  );
}
