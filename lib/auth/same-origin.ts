/**
 * CSRF defence in depth for mutations (server actions and POST routes): the browser's Origin must
 * name this host. Next.js already compares Origin and Host for server actions; this check also
 * refuses a request with no Origin at all, which a browser always sends on a cross-site POST.
 */
export function isSameOrigin(headers: { get(name: string): string | null }, allowedOrigins: readonly string[] = []): boolean {
  const origin = headers.get("origin");
  if (!origin) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (host && originHost === host) return true;
  return allowedOrigins.some((allowed) => {
    try {
      return new URL(allowed).host === originHost;
    } catch {
      return false;
    }
  });
}
