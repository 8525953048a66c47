import type { Db } from "../db";

/** Active operators who can work the queues (agent and above), by name: the assign-to choices. */
export async function listAssignableOperators(db: Db): Promise<{ id: string; name: string; role: string }[]> {
  const rows = await db.operator.findMany({ where: { disabledAt: null, role: { in: ["AGENT", "SUPERVISOR", "ADMIN"] } }, select: { id: true, name: true, role: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return rows.map((r) => ({ ...r, role: r.role.toLowerCase() }));
}
