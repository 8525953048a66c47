/** Display formatting shared by the console pages (all times in UTC, labelled as such). */
export const number = (n: number) => n.toLocaleString("en-US");
export const percent = (rate: number | null, digits = 1) => (rate === null ? "—" : `${(rate * 100).toFixed(digits)}%`);
export const dateTime = (iso: string | Date | null | undefined) =>
  iso ? new Date(iso).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "—";
export const date = (iso: string | Date | null | undefined) => (iso ? new Date(iso).toISOString().slice(0, 10) : "—");
export const duration = (ms: number | null | undefined) => {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
};
export const words = (value: string) => value.toLowerCase().replaceAll("_", " ");
