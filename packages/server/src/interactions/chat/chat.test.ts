/**
 * Web chat over real sockets: a listening server, the `ws` client for the customer's widget and for
 * the agent's desktop, and the agent's commands over HTTP.
 */
import websocket from '@fastify/websocket';
import Fastify from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { FloorHub } from '../floor-hub.ts';
import { FloorTap } from './floor-tap.ts';
import { chatRoutes } from './routes.ts';

interface Frame { type: string; [key: string]: unknown }

/** A socket whose frames are collected, with a way to wait for one. */
async function connect(url: string, headers: Record<string, string> = {}) {
  const frames: Frame[] = [];
  const socket = new WebSocket(url, { headers });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
  const next = (type: string, match: (f: Frame) => boolean = () => true, timeout = 5000) =>
    vi.waitFor(() => {
      const found = frames.find((f) => f.type === type && match(f));
      expect(found, `waiting for ${type} in ${JSON.stringify(frames)}`).toBeTruthy();
      return found!;
    }, { timeout });
  return { socket, frames, closed, next, send: (frame: unknown) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)) };
}
type Client = Awaited<ReturnType<typeof connect>>;

describe('web chat', () => {
  let t: TestApp;
  let baseUrl: string;
  let wsUrl: string;
  let agent: { cookie: string; me: { id: string } };
  let supervisor: string;
  let shopSupervisor: string;
  let webChatQueueId: string;

  beforeAll(async () => {
    t = await startTestApp();
    agent = await t.login('property.agent');
    supervisor = (await t.login('property.inbound_supervisor')).cookie;
    shopSupervisor = (await t.login('shop.inbound_supervisor')).cookie;
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    wsUrl = baseUrl.replace('http', 'ws');
    const queues = (await t.app.inject({ method: 'GET', url: '/api/queues', headers: { cookie: supervisor } })).json().items;
    webChatQueueId = queues.find((q: { code: string }) => q.code === 'web_chat').id;
  });
  afterAll(() => t.close());

  const act = (url: string, payload?: object, cookie = agent.cookie) => t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const detail = async (id: string, cookie = supervisor) => (await t.app.inject({ method: 'GET', url: `/api/interactions/${id}`, headers: { cookie } })).json();
  const customer = async (tenant: string, headers?: Record<string, string>) => {
    const c = await connect(`${wsUrl}/api/chat/ws?tenant=${tenant}`, headers);
    await c.next('hello');
    return c;
  };
  const started = async (c: Client, start: object = {}) => {
    c.send({ type: 'start', ...start });
    return (await c.next('queued')).interactionId as string;
  };

  async function openDesk(cookie = agent.cookie) {
    const desk = await connect(`${wsUrl}/api/ws`, { cookie });
    await desk.next('hello');
    const ready = await t.app.inject({ method: 'PUT', url: '/api/agent/state', headers: { cookie }, payload: { presence: 'ready' } });
    expect(ready.statusCode).toBe(200);
    return desk;
  }
  /** The agent stops taking work (so a chat stays queued) and leaves the floor. */
  async function closeDesk(desk: Client, cookie = agent.cookie) {
    await t.app.inject({ method: 'PUT', url: '/api/agent/state', headers: { cookie }, payload: { presence: 'not_ready', reason: 'break' } });
    desk.socket.close();
    await desk.closed;
  }

  it('connects a customer with an agent: offer, accept, messages both ways, stored, customer leaves', async () => {
    const desk = await openDesk();
    const c = await customer('property');
    expect(c.frames[0]).toMatchObject({ type: 'hello', tenant: '悦居物业 400 热线', language: 'zh-CN' });

    const id = await started(c, { name: '张三<b>', phone: '138 1234 5678' });
    const queued = c.frames.find((f) => f.type === 'queued')!;
    expect(queued).toMatchObject({ interactionId: id, position: 1 });
    await desk.next('offer', (f) => f.interactionId === id);
    expect((await act(`/api/interactions/${id}/accept`)).statusCode).toBe(204);
    expect(await c.next('agent_joined')).toMatchObject({ agentName: '座席代表（演示）' });

    c.send({ type: 'message', id: 'c1', text: '楼上<script>alert(1)</script>漏水了，<b>很急</b>' });
    expect(await c.next('ack', (f) => f.id === 'c1')).toMatchObject({ at: expect.stringMatching(/^\d{4}-/), text: '楼上漏水了，很急' });
    expect(await desk.next('chat', (f) => f.interactionId === id && f.sender === 'customer')).toMatchObject({ body: '楼上漏水了，很急' });

    expect((await act(`/api/interactions/${id}/messages`, { text: '您好，马上派师傅上门' })).statusCode).toBe(204);
    expect(await c.next('message')).toMatchObject({ from: 'agent', text: '您好，马上派师傅上门', at: expect.stringMatching(/^\d{4}-/) });

    // The transcript is stored; the screen pop matched the CRM customer by the number given, masked for the agent.
    const seen = await detail(id, agent.cookie);
    expect(seen).toMatchObject({ channel: 'chat', status: 'connected', address: '138****5678', customer: { name: '周建国' } });
    expect(seen.messages.map((m: { sender: string; body: string }) => [m.sender, m.body])).toEqual([
      ['system', '网页访客 · 称呼：张三 · 已留手机号'],
      ['customer', '楼上漏水了，很急'],
      ['agent', '您好，马上派师傅上门'],
    ]);

    c.send({ type: 'leave' });
    expect(await c.next('ended')).toMatchObject({ by: 'customer' });
    expect((await c.closed).code).toBe(1000);
    await desk.next('ended', (f) => f.interactionId === id);
    const after = await detail(id);
    expect(after).toMatchObject({ status: 'wrap_up', address: '+8613812345678' });
    expect(after.events.map((e: { type: string }) => e.type)).toEqual(['arrived', 'queued', 'offered', 'answered', 'ended']);
    expect(after.events.at(-1).data).toEqual({ by: 'customer' });
    expect((await act(`/api/interactions/${id}/wrap-up`, { disposition: 'resolved' })).statusCode).toBe(204);
    await closeDesk(desk);
  });

  it('puts the customer back in line on a transfer, introduces the next agent, and tells the customer when the agent ends it', async () => {
    const desk = await openDesk();
    const c = await customer('property');
    const id = await started(c, { language: 'en' });
    await desk.next('offer', (f) => f.interactionId === id);
    await act(`/api/interactions/${id}/accept`);
    await c.next('agent_joined');
    expect((await detail(id)).messages[0]).toMatchObject({ sender: 'system', body: '网页访客 · 语言：English' });

    // A blind transfer puts the customer back in line; the transferring agent, wrapping up, is not offered it again.
    const other = await t.login('property.agent02');
    const otherDesk = await openDesk(other.cookie);
    await closeDesk(desk);
    const queuedBefore = c.frames.filter((f) => f.type === 'queued').length;
    expect((await act(`/api/interactions/${id}/transfer`, { queueId: webChatQueueId })).statusCode).toBe(204);
    await otherDesk.next('offer', (f) => f.interactionId === id);
    expect(c.frames.filter((f) => f.type === 'queued').length).toBe(queuedBefore + 1);
    expect(c.frames.filter((f) => f.type === 'queued').at(-1)).toMatchObject({ interactionId: id, position: 1 });

    await act(`/api/interactions/${id}/accept`, undefined, other.cookie);
    await vi.waitFor(() => expect(c.frames.filter((f) => f.type === 'agent_joined').map((f) => f.agentName)).toEqual(['座席代表（演示）', '王芳']));
    expect((await act(`/api/interactions/${id}/hangup`, undefined, other.cookie)).statusCode).toBe(204);
    expect(await c.next('ended')).toMatchObject({ by: 'agent' });
    expect((await c.closed).code).toBe(1000);
    expect((await detail(id)).events.at(-1)).toMatchObject({ type: 'ended', data: { by: 'agent' } });
    await act(`/api/interactions/${id}/wrap-up`, { disposition: 'resolved' }, other.cookie);
    await closeDesk(otherDesk, other.cookie);
  });

  it('records an abandon when the customer closes the widget, or leaves, while waiting', async () => {
    // Nobody staffs the shop's chat queue: customers wait.
    const first = await customer('shop');
    const second = await customer('shop');
    const firstId = await started(first);
    const secondId = await started(second);
    expect(second.frames.find((f) => f.type === 'queued')).toMatchObject({ interactionId: secondId, position: 2, estimatedWaitSeconds: null });

    first.socket.close();
    // The second customer moves up.
    expect(await second.next('queued', (f) => f.position === 1)).toMatchObject({ interactionId: secondId });
    await vi.waitFor(async () => expect((await detail(firstId, shopSupervisor)).status).toBe('ended'));
    const abandoned = await detail(firstId, shopSupervisor);
    expect(abandoned.events.map((e: { type: string }) => e.type)).toEqual(['arrived', 'queued', 'abandoned']);
    expect(abandoned.address).toBeNull();

    second.send({ type: 'leave' });
    expect(await second.next('ended')).toMatchObject({ by: 'customer' });
    expect((await detail(secondId, shopSupervisor)).events.map((e: { type: string }) => e.type)).toEqual(['arrived', 'queued', 'abandoned']);

    const rows = (await t.app.inject({ method: 'GET', url: `/api/interactions/export?from=${new Date(Date.now() - 60_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`, headers: { cookie: shopSupervisor } })).json();
    const row = rows.find((r: { id: string }) => r.id === firstId);
    expect(row).toMatchObject({ channel: 'chat', queue: 'web_chat', endedBy: 'customer', abandonedIn: 'queue' });
    expect(row.abandonedAt).toMatch(/^\d{4}-/);
  });

  it('refuses oversized, empty, markup-only and malformed messages without storing them, with a stable code', async () => {
    const c = await customer('shop');
    c.send({ type: 'message', id: 'early', text: 'hello?' });
    expect(await c.next('error', (f) => f.id === 'early')).toMatchObject({ code: 'chat.not_started', message: '请先开始会话' });
    const id = await started(c);
    c.send({ type: 'start' });
    expect(await c.next('error', (f) => f.code === 'chat.already_started')).toBeTruthy();

    c.send({ type: 'message', id: 'big', text: '长'.repeat(2001) });
    expect(await c.next('error', (f) => f.id === 'big')).toMatchObject({ code: 'chat.message_too_long', message: '消息过长，单条最多 2000 字' });
    c.send({ type: 'message', id: 'max', text: '好'.repeat(2000) });
    await c.next('ack', (f) => f.id === 'max');
    c.send({ type: 'message', id: 'tags', text: '<img src=x onerror=alert(1)><script>steal()</script>' });
    expect(await c.next('error', (f) => f.id === 'tags')).toMatchObject({ code: 'chat.message_empty' });
    c.send('{not json');
    await c.next('error', (f) => f.code === 'chat.invalid_message' && !('id' in f));
    c.send({ type: 'message', id: 'x', text: 'hi', html: true });
    await c.next('error', (f) => f.code === 'chat.invalid_message' && f.id === 'x');
    c.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    await vi.waitFor(() => expect(c.frames.filter((f) => f.code === 'chat.invalid_message')).toHaveLength(3));

    // Error messages follow the customer's language.
    c.send({ type: 'language', language: 'en' });
    c.send({ type: 'message', id: 'big2', text: 'x'.repeat(2001) });
    expect(await c.next('error', (f) => f.id === 'big2')).toMatchObject({ message: 'The message is too long; at most 2,000 characters' });

    const stored = (await detail(id, shopSupervisor)).messages;
    expect(stored).toHaveLength(1);
    expect(stored[0].body).toBe('好'.repeat(2000));
    expect(c.socket.readyState).toBe(WebSocket.OPEN);
    c.socket.close();
  });

  it('rate-limits messages per connection and hangs up on a flood', async () => {
    const c = await customer('shop');
    const id = await started(c);
    for (let i = 0; i < 8; i += 1) c.send({ type: 'message', id: `m${i}`, text: `第 ${i} 条` });
    await vi.waitFor(() => expect(c.frames.filter((f) => f.type === 'ack' || f.type === 'error')).toHaveLength(8));
    expect(c.frames.filter((f) => f.type === 'ack').map((f) => f.id)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(c.frames.filter((f) => f.type === 'error').map((f) => [f.id, f.code])).toEqual([['m5', 'chat.rate_limited'], ['m6', 'chat.rate_limited'], ['m7', 'chat.rate_limited']]);
    expect((await detail(id, shopSupervisor)).messages).toHaveLength(5);

    // Any frames beyond 30 in 10 s: the socket is closed with a policy violation, which leaves the queue.
    for (let i = 0; i < 40; i += 1) c.send({ type: 'language', language: 'zh-CN' });
    expect((await c.closed).code).toBe(1008);
    await vi.waitFor(async () => expect((await detail(id, shopSupervisor)).events.map((e: { type: string }) => e.type)).toContain('abandoned'));
  });

  it('validates the pre-chat form and refuses unknown tenants', async () => {
    const c = await customer('shop', { 'accept-language': 'en-US,en;q=0.9' });
    expect(c.frames[0]).toMatchObject({ language: 'en' });
    c.send({ type: 'start', phone: '12345' });
    expect(await c.next('error')).toMatchObject({ code: 'chat.invalid_phone', message: 'The phone number is not valid' });
    c.send({ type: 'start', name: '名'.repeat(41) });
    await c.next('error', (f) => f.code === 'chat.invalid_name');
    // A refused form leaves the socket ready for a corrected one.
    const id = await started(c, { name: 'Alice', phone: '+44 20 7946 0958' });
    expect((await detail(id, shopSupervisor)).address).toBe('+442079460958');
    c.socket.close();

    const unknown = await connect(`${wsUrl}/api/chat/ws?tenant=no-such-tenant`);
    expect(await unknown.next('error')).toMatchObject({ code: 'chat.tenant_unknown', message: '未找到该在线客服，请检查接入地址' });
    expect((await unknown.closed).code).toBe(1008);
    // The operator tenant has no chat queue.
    const noQueue = await connect(`${wsUrl}/api/chat/ws?tenant=property&queue=repair`);
    expect(await noQueue.next('error')).toMatchObject({ code: 'chat.unavailable' });
    await expect(connect(`${wsUrl}/api/chat/ws`)).rejects.toThrow('HTTP 400');
  });

  it('limits new chats and open sockets per address, closes idle sockets, and leaves on shutdown', async () => {
    // A second app on the same runtime with small limits.
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    await app.register(websocket);
    await app.register(chatRoutes(t.ctx, t.services, { startsPerIp: 2, socketsPerIp: 3, startTimeoutMs: 300 }));
    const url = `${(await app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws')}/api/chat/ws?tenant=shop`;
    try {
      const sockets = [await connect(url), await connect(url), await connect(url)];
      await Promise.all(sockets.map((s) => s.next('hello')));
      const extra = await connect(url);
      expect(await extra.next('error')).toMatchObject({ code: 'chat.too_many_chats' });
      expect((await extra.closed).code).toBe(1008);

      const [a, b, c] = sockets as [Client, Client, Client];
      const idA = await started(a);
      await started(b);
      c.send({ type: 'start' });
      expect(await c.next('error')).toMatchObject({ code: 'chat.too_many_chats' });
      // Never started: closed after the start timeout.
      expect(await c.next('error', (f) => f.code === 'chat.idle_timeout', 3000)).toBeTruthy();
      expect((await c.closed).code).toBe(1008);

      // Shutting down leaves: the waiting customers' chats end as abandons instead of waiting forever.
      await app.close();
      expect((await detail(idA, shopSupervisor)).events.map((e: { type: string }) => e.type)).toEqual(['arrived', 'queued', 'abandoned']);
    } finally {
      await app.close();
    }
  });
});

describe('floor tap', () => {
  it('hears a tenant floor through the hub while subscribed, and only that tenant', () => {
    const hub = new FloorHub();
    let hubSubscriptions = 0;
    const counting = {
      subscribe: (fn: Parameters<FloorHub['subscribe']>[0]) => {
        hubSubscriptions += 1;
        const stop = hub.subscribe(fn);
        return () => {
          hubSubscriptions -= 1;
          stop();
        };
      },
    };
    const tap = new FloorTap(counting);
    const heard: string[] = [];
    const stop1 = tap.subscribe('t1', (m) => heard.push(`a:${m.type}`));
    const stop2 = tap.subscribe('t1', (m) => heard.push(`b:${m.type}`));
    hub.publish('t1', { type: 'queue_changed', queueId: 'q' });
    hub.publish('t2', { type: 'queue_changed', queueId: 'q' });
    expect(heard).toEqual(['a:queue_changed', 'b:queue_changed']);
    expect(hubSubscriptions).toBe(1);
    stop1();
    stop2();
    hub.publish('t1', { type: 'queue_changed', queueId: 'q' });
    expect(heard).toHaveLength(2);
    expect(hubSubscriptions).toBe(0);
    expect(tap.tenantCount).toBe(0);
  });
});
