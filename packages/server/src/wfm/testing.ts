/** Test fixtures for the WFM context: synthetic interval history as CSV rows. */

/** Expected calls per half hour on a weekday at slot s (0..47): open 08:00–20:00 with two peaks. */
export function expectedCalls(weekday: number, slot: number): number {
  if (slot < 16 || slot >= 40) return 0;
  const hour = slot / 2;
  const shape = 10 + 14 * Math.exp(-((hour - 10) ** 2) / 2) + 10 * Math.exp(-((hour - 15) ** 2) / 3);
  const day = weekday === 0 ? 0.6 : weekday === 6 ? 0.75 : weekday === 1 ? 1.15 : 1;
  return Math.round(shape * day);
}

/** `days` days of half-hourly history from `startDate` (local, Asia/Shanghai) as CSV text. */
export function historyCsv(options: { startDate: string; days: number; queue: string; aht?: number; scale?: number }): string {
  const lines = ['interval_start,queue,channel,offered,aht_seconds'];
  const start = Date.parse(`${options.startDate}T00:00:00Z`);
  for (let day = 0; day < options.days; day++) {
    const date = new Date(start + day * 86_400_000);
    const weekday = date.getUTCDay();
    const iso = date.toISOString().slice(0, 10);
    for (let slot = 0; slot < 48; slot++) {
      const time = `${String(Math.floor(slot / 2)).padStart(2, '0')}:${slot % 2 ? '30' : '00'}`;
      const calls = Math.round(expectedCalls(weekday, slot) * (options.scale ?? 1));
      lines.push(`${iso} ${time},${options.queue},voice,${calls},${calls > 0 ? (options.aht ?? 240) : ''}`);
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
