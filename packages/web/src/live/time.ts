import { useCallback, useSyncExternalStore } from 'react';

/** One interval per period, shared by every timer on screen, so a floor of many agents ticks in step. */
const tickers = new Map<number, { now: number; listeners: Set<() => void>; timer: ReturnType<typeof setInterval> | null }>();

function ticker(everyMs: number) {
  let entry = tickers.get(everyMs);
  if (!entry) {
    entry = { now: Date.now(), listeners: new Set(), timer: null };
    tickers.set(everyMs, entry);
  }
  return entry;
}

/** The current time in ms, re-rendering the caller every `everyMs` (for timers that tick on screen). */
export function useNow(everyMs = 1_000): number {
  const subscribe = useCallback(
    (listener: () => void) => {
      const entry = ticker(everyMs);
      entry.listeners.add(listener);
      if (!entry.timer) {
        entry.now = Date.now();
        entry.timer = setInterval(() => {
          entry.now = Date.now();
          for (const l of entry.listeners) l();
        }, everyMs);
      }
      return () => {
        entry.listeners.delete(listener);
        if (entry.listeners.size === 0 && entry.timer) {
          clearInterval(entry.timer);
          entry.timer = null;
        }
      };
    },
    [everyMs],
  );
  return useSyncExternalStore(subscribe, () => ticker(everyMs).now);
}

/** 65_000 → "01:05", 3_725_000 → "1:02:05"; negative spans (clock skew) count as zero. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/** A time of day for timelines and chat bubbles: 14:03:27. */
export function formatClock(at: string | number): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleTimeString('en-GB', { hour12: false });
}

/** ISO string or ms epoch → ms epoch. */
export function toMs(at: string | number): number {
  return typeof at === 'number' ? at : new Date(at).getTime();
}
