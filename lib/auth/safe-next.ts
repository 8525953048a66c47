/**
 * Where to go after signing in: only a path on this site. Anything else (another host,
 * `//host`, `/\host`, a scheme) is an open redirect and becomes the dashboard.
 */
export function safeNextPath(next: string | undefined | null): string {
  return next && /^\/(?![/\\])[\w\-/?=&%.]*$/.test(next) ? next : "/";
}
