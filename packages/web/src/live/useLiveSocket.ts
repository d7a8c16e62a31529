import { useEffect, useRef, useState } from 'react';
import { liveSocketUrl, type LiveMessage } from '../api/client.ts';

export type SocketStatus = 'connecting' | 'open' | 'closed';

const PING_EVERY_MS = 25_000;
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000];

/**
 * The live socket (`/api/ws`) for as long as the calling page is mounted: reconnects with a short
 * backoff, pings to keep proxies from closing an idle connection, and hands every JSON message to
 * `onMessage` (always the latest callback, so the page need not memoize it).
 *
 * Opening it as a user with `desk.use` logs the agent onto the floor; closing it starts the
 * server's 30 s disconnect grace, so a reconnect within that time keeps the agent's state.
 * A new `generation` closes the socket and opens a fresh one (an agent signing in again).
 */
export function useLiveSocket(onMessage: (message: LiveMessage) => void, enabled = true, generation = 0): SocketStatus {
  const [status, setStatus] = useState<SocketStatus>('connecting');
  const handler = useRef(onMessage);
  useEffect(() => {
    handler.current = onMessage;
  });

  useEffect(() => {
    if (!enabled) return;
    let socket: WebSocket | null = null;
    let stopped = false;
    let attempt = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let ping: ReturnType<typeof setInterval> | undefined;

    const connect = () => {
      setStatus('connecting');
      const ws = new WebSocket(liveSocketUrl());
      socket = ws;
      ws.onopen = () => {
        attempt = 0;
        setStatus('open');
        ping = setInterval(() => {
          if (ws.readyState === WebSocket.OPEN) ws.send('ping');
        }, PING_EVERY_MS);
      };
      ws.onmessage = (event) => {
        if (typeof event.data !== 'string' || event.data === 'pong') return;
        let message: LiveMessage;
        try {
          message = JSON.parse(event.data) as LiveMessage;
        } catch {
          return;
        }
        handler.current(message);
      };
      ws.onclose = () => {
        clearInterval(ping);
        if (stopped) return;
        setStatus('closed');
        const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!;
        attempt += 1;
        retry = setTimeout(connect, delay);
      };
    };
    connect();

    return () => {
      stopped = true;
      clearTimeout(retry);
      clearInterval(ping);
      socket?.close(1000, 'page closed');
    };
  }, [enabled, generation]);

  return enabled ? status : 'closed';
}
