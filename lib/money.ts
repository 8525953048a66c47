/** Formats integer cents for people; money is never a float anywhere else. */
export function formatCents(cents: number, currency = "USD"): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);
}

const DOLLARS = /^\$?(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/;

/** "1,234.5" or "$12" → integer cents, parsed as text so no float touches money; null if not an amount. */
export function parseDollars(text: string): number | null {
  const trimmed = text.trim();
  if (!DOLLARS.test(trimmed)) return null;
  const [whole = "0", fraction = ""] = trimmed.replace(/[$,]/g, "").split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}
