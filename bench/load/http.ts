/**
 * A lean JSON client over node:http with keep-alive, so the benchmark's own overhead stays small
 * next to the server's. Timestamps are performance.now() milliseconds, the clock every part of the
 * benchmark uses.
 *
 * Each client is one desktop (or the telephony side): its own keep-alive connections, like a
 * browser's, opened once and reused. A shared pool would open bursts of new connections whenever
 * the server is slow, overflow its listen backlog, and add the kernel's SYN retry delays (1 s, 3 s,
 * 7 s …) to the numbers.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface ApiResult<T = unknown> {
  status: number;
  body: T;
  /** When the request was handed to the socket layer. */
  sentAt: number;
  /** When the whole response had arrived. */
  doneAt: number;
}

export class ApiClient {
  private readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(
    baseUrl: string,
    private readonly token: string,
    options: { connections?: number; timeoutMs?: number; scheduling?: 'fifo' | 'lifo' } = {},
  ) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.timeoutMs = options.timeoutMs ?? 120_000;
    const connections = options.connections ?? 1;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections, scheduling: options.scheduling ?? 'lifo' });
  }

  private readonly timeoutMs: number;

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    try {
      return await this.once<T>(method, path, body);
    } catch (error) {
      // The server closed an idle keep-alive connection just as we reused it: nothing reached it, send again.
      if ((error as { reusedSocket?: boolean }).reusedSocket && (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
        return this.once<T>(method, path, body);
      }
      throw error;
    }
  }

  private once<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${this.token}` };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    return new Promise((resolve, reject) => {
      const sentAt = performance.now();
      const req = http.request({ host: this.host, port: this.port, method, path, headers, agent: this.agent, timeout: this.timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          if (text && (res.headers['content-type'] ?? '').includes('json')) {
            try {
              parsed = JSON.parse(text);
            } catch {
              // keep the text
            }
          }
          resolve({ status: res.statusCode ?? 0, body: parsed as T, sentAt, doneAt: performance.now() });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out after ${this.timeoutMs} ms`)));
      req.on('error', (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
      req.end(payload);
    });
  }

  /** Opens `count` keep-alive connections at once (each carries a GET /api/health), ready for reuse. */
  async warm(count: number): Promise<void> {
    const results = await Promise.all(Array.from({ length: count }, () => this.once('GET', '/api/health')));
    const failed = results.find((r) => r.status !== 200);
    if (failed) throw new Error(`warming connections: GET /api/health answered ${failed.status}`);
  }

  close(): void {
    this.agent.destroy();
  }
}
