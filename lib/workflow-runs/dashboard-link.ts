/**
 * The Hatchet dashboard page of a run, for real Hatchet only: the embedded engine has no
 * dashboard, so its runs are shown by the console itself (null).
 */
export function hatchetDashboardUrl(options: { mode: "embedded" | "external"; apiUrl: string | undefined; tenantId: string | undefined; runId: string }): string | null {
  if (options.mode !== "external" || !options.apiUrl || !options.tenantId) return null;
  const base = options.apiUrl.replace(/\/api\/?$/, "").replace(/\/+$/, "");
  return `${base}/tenants/${encodeURIComponent(options.tenantId)}/runs/${encodeURIComponent(options.runId)}`;
}
