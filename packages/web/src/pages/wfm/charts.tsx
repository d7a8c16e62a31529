/**
 * Small SVG charts for the WFM pages (no chart library): a time chart of aligned series (lines,
 * areas, steps or bars on one y axis, hover read-out, legend) and a 24-hour bar of one shift.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Empty, Flex, Typography, theme } from 'antd';
import { clock } from './model.ts';
import type { ScheduledBreak } from './api.ts';

export const COLORS = {
  blue: '#1668dc',
  orange: '#fa8c16',
  green: '#389e0d',
  purple: '#722ed1',
  grey: '#8c8c8c',
  red: '#cf1322',
  cyan: '#08979c',
} as const;

export interface ChartSeries {
  key: string;
  label: string;
  values: readonly (number | null)[];
  color: string;
  /** `area` is a line with its area filled; `fill` fills under a line or step too. */
  kind?: 'line' | 'area' | 'step' | 'bar';
  fill?: boolean;
  dashed?: boolean;
}

const MARGIN = { left: 52, right: 16, top: 12, bottom: 30 };

/** Round y ticks: a step of 1, 2, 2.5 or 5 × 10^k (whole numbers for counts), about four of them. */
export function niceTicks(max: number, wholeNumbers: boolean): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  let step = power * ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough) ?? 10);
  if (wholeNumbers) step = Math.max(1, Math.ceil(step));
  const top = step * Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function useWidth<T extends HTMLElement>(fallback: number): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const next = Math.floor(entries[0]?.contentRect.width ?? fallback);
      if (next > 0) setWidth(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [fallback]);
  return [ref, width];
}

const defaultFormat = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/**
 * Series aligned on `labels` (one x position per label). `testId` lands on the wrapper, with the
 * point count and series keys as data attributes for tests.
 */
export function TimeChart({
  labels,
  series,
  height = 240,
  testId,
  format = defaultFormat,
  title,
  yLabel,
  tickEvery = 1,
  tickLabel,
}: {
  labels: readonly string[];
  series: readonly ChartSeries[];
  height?: number;
  testId?: string;
  format?: (value: number) => string;
  title?: ReactNode;
  yLabel?: string;
  /** X labels fall on multiples of this (e.g. the intervals of a day, so they mark midnights). */
  tickEvery?: number;
  /** The text of an x label (default the label itself). */
  tickLabel?: (index: number) => string;
}) {
  const { token } = theme.useToken();
  const [ref, width] = useWidth<HTMLDivElement>(800);
  const [hover, setHover] = useState<number | null>(null);
  const n = labels.length;
  const plotW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const plotH = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const band = n > 0 ? plotW / n : plotW;

  const yTicks = useMemo(() => {
    let max = 0;
    let whole = true;
    for (const s of series)
      for (const v of s.values) {
        if (v === null || !Number.isFinite(v)) continue;
        if (v > max) max = v;
        if (!Number.isInteger(v)) whole = false;
      }
    return niceTicks(max, whole);
  }, [series]);
  const yMax = yTicks.at(-1) ?? 1;

  const x = (i: number) => MARGIN.left + (i + 0.5) * band;
  const y = (v: number) => MARGIN.top + plotH - (v / yMax) * plotH;
  const baseline = MARGIN.top + plotH;

  const paths = series.map((s) => {
    const kind = s.kind ?? 'line';
    if (kind === 'bar') {
      const barW = Math.max(0.6, band * 0.72);
      return (
        <g key={s.key} fill={s.color} opacity={0.85}>
          {s.values.map((v, i) =>
            v === null || !(v > 0) ? null : <rect key={i} x={x(i) - barW / 2} y={y(v)} width={barW} height={baseline - y(v)} />,
          )}
        </g>
      );
    }
    const filled = kind === 'area' || s.fill === true;
    let d = '';
    let area = '';
    let runStart: number | null = null;
    let lastX = 0;
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        if (runStart !== null && filled) area += `L${lastX.toFixed(1)},${baseline}Z`;
        runStart = null;
        return;
      }
      const py = y(v).toFixed(1);
      // A step holds its value across the interval's band; a line joins the band centres.
      const points = kind === 'step' ? [MARGIN.left + i * band, MARGIN.left + (i + 1) * band] : [x(i)];
      points.forEach((px, k) => {
        const first = runStart === null && k === 0;
        d += `${first ? 'M' : 'L'}${px.toFixed(1)},${py}`;
        if (filled) area += first ? `M${px.toFixed(1)},${baseline}L${px.toFixed(1)},${py}` : `L${px.toFixed(1)},${py}`;
        lastX = px;
      });
      if (runStart === null) runStart = i;
    });
    if (runStart !== null && filled) area += `L${lastX.toFixed(1)},${baseline}Z`;
    return (
      <g key={s.key}>
        {filled && area && <path d={area} fill={s.color} opacity={0.14} stroke="none" />}
        <path d={d} fill="none" stroke={s.color} strokeWidth={1.6} strokeDasharray={s.dashed ? '5 4' : undefined} strokeLinejoin="round" />
      </g>
    );
  });

  const maxLabels = Math.max(2, Math.floor(plotW / 96));
  const every = Math.max(1, tickEvery) * Math.max(1, Math.ceil(n / Math.max(1, tickEvery) / maxLabels));
  const xTicks = labels.map((label, i) => ({ label: tickLabel ? tickLabel(i) : label, i })).filter(({ i }) => i % every === 0);

  const onMove = (event: React.MouseEvent<SVGSVGElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const px = event.clientX - rect.left - MARGIN.left;
    if (px < 0 || px > plotW || n === 0) return setHover(null);
    setHover(Math.min(n - 1, Math.max(0, Math.floor(px / band))));
  };

  return (
    <div data-testid={testId} data-points={n} data-series={series.map((s) => s.key).join(',')}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 4 }}>
        <Typography.Text strong>{title}</Typography.Text>
        <Flex gap={12} wrap>
          {series.map((s) => (
            <Flex key={s.key} gap={4} align="center">
              <svg width={18} height={10} aria-hidden>
                {s.kind === 'bar' ? (
                  <rect x={3} y={1} width={12} height={8} fill={s.color} />
                ) : (
                  <line x1={1} y1={5} x2={17} y2={5} stroke={s.color} strokeWidth={2} strokeDasharray={s.dashed ? '4 3' : undefined} />
                )}
              </svg>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {s.label}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      </Flex>
      <div ref={ref} style={{ position: 'relative', width: '100%' }}>
        {n === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <svg width={width} height={height} onMouseMove={onMove} onMouseLeave={() => setHover(null)} role="img" style={{ display: 'block' }}>
            {yTicks.map((v) => (
              <g key={v}>
                <line x1={MARGIN.left} x2={MARGIN.left + plotW} y1={y(v)} y2={y(v)} stroke={token.colorBorderSecondary} />
                <text x={MARGIN.left - 6} y={y(v) + 4} textAnchor="end" fontSize={11} fill={token.colorTextTertiary}>
                  {format(v)}
                </text>
              </g>
            ))}
            {yLabel && (
              <text x={12} y={MARGIN.top + plotH / 2} fontSize={11} fill={token.colorTextTertiary} transform={`rotate(-90 12 ${MARGIN.top + plotH / 2})`} textAnchor="middle">
                {yLabel}
              </text>
            )}
            {xTicks.map(({ label, i }) => (
              <g key={i}>
                <line x1={x(i)} x2={x(i)} y1={baseline} y2={baseline + 4} stroke={token.colorBorder} />
                <text x={x(i)} y={baseline + 17} textAnchor="middle" fontSize={11} fill={token.colorTextTertiary}>
                  {label}
                </text>
              </g>
            ))}
            {paths}
            {hover !== null && <line x1={x(hover)} x2={x(hover)} y1={MARGIN.top} y2={baseline} stroke={token.colorTextQuaternary} strokeDasharray="3 3" />}
          </svg>
        )}
        {hover !== null && n > 0 && (
          <div
            style={{
              position: 'absolute',
              top: 8,
              left: Math.min(Math.max(0, x(hover) + 12), Math.max(0, width - 200)),
              pointerEvents: 'none',
              background: token.colorBgElevated,
              boxShadow: token.boxShadowSecondary,
              borderRadius: 6,
              padding: '6px 10px',
              fontSize: 12,
              minWidth: 160,
            }}
          >
            <div style={{ fontWeight: 600, marginBottom: 2 }}>{labels[hover]}</div>
            {series.map((s) => {
              const v = s.values[hover];
              return (
                <Flex key={s.key} justify="space-between" gap={12}>
                  <span style={{ color: s.color }}>{s.label}</span>
                  <span>{v === null || v === undefined ? '–' : format(v)}</span>
                </Flex>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

/** One shift on a 24-hour (or longer, for night shifts) bar: work in blue, rest breaks orange, meals green. */
export function ShiftBar({
  startMinute,
  endMinute,
  breaks,
  width = 320,
  height = 14,
  spanMinutes,
}: {
  startMinute: number;
  endMinute: number;
  breaks: readonly ScheduledBreak[];
  width?: number;
  height?: number;
  spanMinutes?: number;
}) {
  const { token } = theme.useToken();
  const span = Math.max(spanMinutes ?? 1440, endMinute);
  const px = (minute: number) => (minute / span) * width;
  return (
    <svg width={width} height={height + 12} role="img" aria-label={`${clock(startMinute)}–${clock(endMinute)}`}>
      <rect x={0} y={0} width={width} height={height} fill={token.colorFillTertiary} rx={3} />
      <rect x={px(startMinute)} y={0} width={Math.max(1, px(endMinute) - px(startMinute))} height={height} fill={COLORS.blue} rx={2} />
      {breaks.map((pause, i) => (
        <rect
          key={i}
          x={px(pause.startMinute)}
          y={0}
          width={Math.max(1, px(pause.endMinute) - px(pause.startMinute))}
          height={height}
          fill={pause.kind === 'meal' ? COLORS.green : COLORS.orange}
        />
      ))}
      {[0, 6, 12, 18, 24].map((hour) => (
        <text key={hour} x={Math.min(width - 10, Math.max(0, px(hour * 60) - 6))} y={height + 11} fontSize={9} fill={token.colorTextTertiary}>
          {hour}
        </text>
      ))}
    </svg>
  );
}
