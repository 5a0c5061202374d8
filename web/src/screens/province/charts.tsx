import { useId } from 'preact/hooks';
import { formatNumber } from '../../i18n';

export interface BarRow {
  label: string;
  value: number;
}

/** 0, a round step, …, at least `max`: 1, 2 or 5 times a power of ten, about four steps. */
export function niceTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const wholeStep = Math.max(1, step);
  const ticks: number[] = [];
  for (let v = 0; v < max + wholeStep; v += wholeStep) {
    ticks.push(v);
    if (v >= max) break;
  }
  return ticks;
}

/** How large the person's text is (their browser or phone setting): the chart's text follows it. */
function textScale(): number {
  const px = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(px) && px > 0 ? px / 16 : 1;
}

const WIDTH = 340;
const ROW = 30;
const FONT = 13;

/**
 * A horizontal bar chart on one scale: every category is named on the left, every value is written at the end
 * of its bar (nothing hides behind hovering), the value axis has its ticks and its title under it. Horizontal
 * so the labels and values stay readable on a 360-pixel phone, whatever the number of rows.
 */
export function BarChart({ title, rows, categoryTitle, valueTitle, caption }: { title: string; rows: BarRow[]; categoryTitle: string; valueTitle: string; caption?: string }) {
  const id = useId();
  // At 200 % text the drawing is narrower in its own units, so its text comes out twice as large.
  const width = Math.round(WIDTH / Math.min(2, Math.max(1, textScale())));
  const longest = Math.max(categoryTitle.length, ...rows.map((r) => r.label.length));
  const labelWidth = Math.min(width * 0.42, Math.max(44, longest * FONT * 0.56 + 8));
  const max = Math.max(0, ...rows.map((r) => r.value));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1];
  const valueRoom = String(formatNumber(max)).length * FONT * 0.6 + 8;
  const plotLeft = labelWidth;
  const plotWidth = width - plotLeft - valueRoom;
  const x = (v: number) => plotLeft + (top ? (v / top) * plotWidth : 0);
  const headerHeight = FONT + 10;
  const bodyTop = headerHeight;
  const bodyHeight = rows.length * ROW;
  const axisY = bodyTop + bodyHeight;
  const height = axisY + FONT * 2 + 22;
  const desc = rows.map((r) => `${r.label}: ${formatNumber(r.value)}`).join('; ');

  return (
    <figure class="chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {caption && <p class="hint">{caption}</p>}
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} font-size={FONT}>
        <desc id={`${id}-desc`}>{`${categoryTitle} — ${valueTitle}: ${desc}`}</desc>
        <text x={plotLeft - 6} y={FONT} text-anchor="end" font-weight="700" fill="#1a1a1a">
          {categoryTitle}
        </text>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={bodyTop} y2={axisY} stroke="#d0d0d0" />
            <line x1={x(tick)} x2={x(tick)} y1={axisY} y2={axisY + 5} stroke="#4a4a4a" />
            <text x={x(tick)} y={axisY + 5 + FONT} text-anchor="middle" fill="#1a1a1a">
              {formatNumber(tick)}
            </text>
          </g>
        ))}
        {rows.map((row, i) => {
          const y = bodyTop + i * ROW;
          const end = x(row.value);
          return (
            <g key={row.label}>
              <text x={plotLeft - 6} y={y + ROW / 2 + FONT / 3} text-anchor="end" fill="#1a1a1a">
                {row.label}
              </text>
              <rect x={plotLeft} y={y + 5} width={Math.max(0, end - plotLeft)} height={ROW - 10} fill="#2e7d32" />
              <text x={end + 4} y={y + ROW / 2 + FONT / 3} fill="#1a1a1a" font-weight="700">
                {formatNumber(row.value)}
              </text>
            </g>
          );
        })}
        <line x1={plotLeft} x2={plotLeft} y1={bodyTop} y2={axisY} stroke="#4a4a4a" />
        <line x1={plotLeft} x2={plotLeft + plotWidth} y1={axisY} y2={axisY} stroke="#4a4a4a" />
        <text x={plotLeft + plotWidth / 2} y={height - 6} text-anchor="middle" font-weight="700" fill="#1a1a1a">
          {valueTitle}
        </text>
      </svg>
    </figure>
  );
}
