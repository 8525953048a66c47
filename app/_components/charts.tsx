/**
 * Small accessible SVG charts (no chart library): each has a text title and description for
 * screen readers, and values in <title> tooltips.
 */
export function BarChart({ title, points, format = String, color = "#4338ca" }: { title: string; points: { label: string; value: number }[]; format?: (n: number) => string; color?: string }) {
  const width = 600;
  const height = 160;
  const max = Math.max(1, ...points.map((p) => p.value));
  const step = width / Math.max(points.length, 1);
  const barWidth = Math.max(2, step * 0.7);
  const total = points.reduce((sum, p) => sum + p.value, 0);
  return (
    <figure>
      <svg viewBox={`-16 0 ${width + 32} ${height + 20}`} role="img" aria-label={`${title}: ${points.length} days, total ${format(total)}`} className="h-44 w-full">
        <line x1="0" x2={width} y1={height} y2={height} stroke="#cbd5e1" />
        {points.map((p, i) => {
          const h = (p.value / max) * (height - 10);
          return (
            <g key={p.label}>
              <rect x={i * step + (step - barWidth) / 2} y={height - h} width={barWidth} height={h} fill={color} rx="2">
                <title>{`${p.label}: ${format(p.value)}`}</title>
              </rect>
              {points.length <= 14 || i % Math.ceil(points.length / 10) === 0 ? (
                <text x={i * step + step / 2} y={height + 14} fontSize="10" textAnchor="middle" fill="#475569">{p.label.slice(5)}</text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="text-xs text-slate-600">{title} · max {format(max)} per day</figcaption>
    </figure>
  );
}

export function FunnelChart({ stages }: { stages: { label: string; value: number }[] }) {
  const max = Math.max(1, ...stages.map((s) => s.value));
  return (
    <ol className="space-y-2" aria-label="Campaign funnel">
      {stages.map((s) => (
        <li key={s.label} className="grid grid-cols-[8rem_1fr_4rem] items-center gap-3 text-sm">
          <span className="text-slate-700">{s.label}</span>
          <svg viewBox="0 0 100 8" preserveAspectRatio="none" className="h-4 w-full" aria-hidden="true">
            <rect x="0" y="0" width="100" height="8" fill="#e2e8f0" rx="1" />
            <rect x="0" y="0" width={(s.value / max) * 100} height="8" fill="#4338ca" rx="1" />
          </svg>
          <span className="text-right tabular-nums" data-testid={`funnel-${s.label.toLowerCase()}`}>{s.value.toLocaleString("en-US")}</span>
        </li>
      ))}
    </ol>
  );
}
