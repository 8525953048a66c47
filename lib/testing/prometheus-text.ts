/**
 * Samples of a Prometheus text exposition keyed by `name{labels}` (as printed), for tests that
 * scrape /metrics and compare values before and after an action.
 */
export function parsePrometheusText(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    const match = line.match(/^([a-z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/i);
    if (match) samples.set(match[1]!, Number(match[2]));
  }
  return samples;
}
