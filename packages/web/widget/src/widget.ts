/**
 * The chat widget: a launcher button and a panel in a shadow root. The customer optionally gives a
 * name and a phone number, then chats over one WebSocket (protocol in ./protocol.ts).
 *
 * Every text from the network is put in the page with `textContent`, never as HTML.
 */
import { type Strings, STRINGS } from './i18n.ts';
import { type ClientFrame, type EndedBy, type Language, MAX_MESSAGE_CHARS, MAX_NAME_CHARS, type ServerFrame } from './protocol.ts';
import { STYLES } from './styles.ts';

export interface WidgetOptions {
  /** The tenant's slug, e.g. `property`. */
  tenant: string;
  /** The Seatline server's origin, e.g. `https://cc.example.com`; defaults to the script's origin. */
  server: string;
  /** A chat queue's code; the tenant's default chat queue when absent. */
  queue?: string;
  language: Language;
  /** Opens the panel at once. */
  open?: boolean;
}

type Phase = 'form' | 'connecting' | 'queued' | 'chatting' | 'ended';

type Child = Node | string | null | undefined | false;

/** Creates an element; strings become text nodes, so nothing is ever parsed as HTML. */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false) continue;
    el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children) if (child) el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return el;
}

const CHAT_ICON = 'M12 3C6.5 3 2 6.6 2 11c0 2.4 1.3 4.6 3.4 6.1L4.6 21l4.3-2.3c1 .2 2 .3 3.1.3 5.5 0 10-3.6 10-8s-4.5-8-10-8zm-4 9.2a1.2 1.2 0 110-2.4 1.2 1.2 0 010 2.4zm4 0a1.2 1.2 0 110-2.4 1.2 1.2 0 010 2.4zm4 0a1.2 1.2 0 110-2.4 1.2 1.2 0 010 2.4z';

function chatIcon(): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', CHAT_ICON);
  svg.append(path);
  return svg;
}

function charCount(text: string): number {
  return Array.from(text).length;
}

function timeOf(iso: string | undefined): string {
  const date = iso ? new Date(iso) : new Date();
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

export class ChatWidget {
  private language: Language;
  private phase: Phase = 'form';
  private socket: WebSocket | null = null;
  private helloReceived = false;
  private pendingStart: ClientFrame | null = null;
  private tenantName = '';
  private agentName = '';
  private hadAgent = false;
  private place: { position: number; wait: number | null } | null = null;
  private endedBy: EndedBy | null = null;
  private lostConnection = false;
  private nextId = 1;
  private readonly pending = new Map<string, HTMLElement>();

  private readonly root: HTMLDivElement;
  private readonly launcher: HTMLButtonElement;
  private readonly panel: HTMLDivElement;
  private readonly titleEl: HTMLSpanElement;
  private readonly langButton: HTMLButtonElement;
  private readonly minimizeButton: HTMLButtonElement;
  private readonly formView: HTMLDivElement;
  private readonly introEl: HTMLParagraphElement;
  private readonly nameLabel: HTMLSpanElement;
  private readonly nameInput: HTMLInputElement;
  private readonly phoneLabel: HTMLSpanElement;
  private readonly phoneInput: HTMLInputElement;
  private readonly startButton: HTMLButtonElement;
  private readonly formError: HTMLDivElement;
  private readonly chatView: HTMLDivElement;
  private readonly statusText: HTMLSpanElement;
  private readonly leaveButton: HTMLButtonElement;
  private readonly restartButton: HTMLButtonElement;
  private readonly messages: HTMLDivElement;
  private readonly input: HTMLTextAreaElement;
  private readonly counter: HTMLSpanElement;
  private readonly chatError: HTMLDivElement;
  private readonly sendButton: HTMLButtonElement;

  constructor(
    host: HTMLElement,
    private readonly options: WidgetOptions,
  ) {
    this.language = options.language;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append(h('style', {}, STYLES));

    this.launcher = h('button', { class: 'launcher', type: 'button', 'data-testid': 'widget-launcher' });
    this.titleEl = h('span', { class: 'title', 'data-testid': 'widget-title' });
    this.langButton = h('button', { type: 'button', 'data-testid': 'widget-language' });
    this.minimizeButton = h('button', { type: 'button', class: 'icon', 'data-testid': 'widget-minimize' }, '×');

    this.introEl = h('p');
    this.nameLabel = h('span');
    this.nameInput = h('input', { type: 'text', autocomplete: 'name', 'data-testid': 'widget-name' });
    this.phoneLabel = h('span');
    this.phoneInput = h('input', { type: 'tel', autocomplete: 'tel', inputmode: 'tel', maxlength: '30', 'data-testid': 'widget-phone' });
    this.startButton = h('button', { type: 'submit', class: 'primary', 'data-testid': 'widget-start' });
    this.formError = h('div', { class: 'error', role: 'alert', 'data-testid': 'widget-form-error' });
    const form = h('form', { class: 'form', novalidate: true },
      this.introEl,
      h('label', {}, this.nameLabel, this.nameInput),
      h('label', {}, this.phoneLabel, this.phoneInput),
      this.formError,
      this.startButton,
    );
    this.formView = h('div', { class: 'body' }, form);

    this.statusText = h('span', { 'data-testid': 'widget-status', role: 'status' });
    this.leaveButton = h('button', { type: 'button', class: 'secondary', 'data-testid': 'widget-leave' });
    this.restartButton = h('button', { type: 'button', class: 'secondary', 'data-testid': 'widget-restart', hidden: true });
    this.messages = h('div', { class: 'messages', 'data-testid': 'widget-messages', 'aria-live': 'polite' });
    this.input = h('textarea', { 'data-testid': 'widget-input', rows: '3' });
    this.counter = h('span', { class: 'counter' });
    this.chatError = h('div', { class: 'error', role: 'alert', 'data-testid': 'widget-error' });
    this.sendButton = h('button', { type: 'button', class: 'primary', 'data-testid': 'widget-send' });
    this.chatView = h('div', { class: 'body', hidden: true },
      h('div', { class: 'status' }, this.statusText, this.leaveButton, this.restartButton),
      this.messages,
      h('div', { class: 'composer' }, this.input, this.chatError, h('div', { class: 'row' }, this.counter, this.sendButton)),
    );

    this.panel = h('div', { class: 'panel', role: 'dialog', hidden: true, 'data-testid': 'widget-panel' },
      h('div', { class: 'header' }, this.titleEl, this.langButton, this.minimizeButton),
      this.formView,
      this.chatView,
    );
    this.root = h('div', { class: 'root' }, this.launcher, this.panel);
    shadow.append(this.root);

    this.launcher.addEventListener('click', () => this.open());
    this.minimizeButton.addEventListener('click', () => this.close());
    this.langButton.addEventListener('click', () => this.setLanguage(this.language === 'en' ? 'zh-CN' : 'en'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.start();
    });
    this.sendButton.addEventListener('click', () => this.sendMessage());
    this.input.addEventListener('keydown', (event) => {
      // Enter sends, but never while an input method is composing (pinyin candidates are chosen with Enter).
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        this.sendMessage();
      }
    });
    this.input.addEventListener('input', () => this.renderCounter());
    this.leaveButton.addEventListener('click', () => {
      if (window.confirm(this.t.leaveConfirm)) this.send({ type: 'leave' });
    });
    this.restartButton.addEventListener('click', () => this.restart());

    this.render();
    if (options.open) this.open();
  }

  private get t(): Strings {
    return STRINGS[this.language];
  }

  open(): void {
    this.root.classList.add('open');
    this.launcher.hidden = true;
    this.panel.hidden = false;
    (this.phase === 'form' ? this.nameInput : this.input).focus();
  }

  close(): void {
    this.root.classList.remove('open');
    this.panel.hidden = true;
    this.launcher.hidden = false;
  }

  setLanguage(language: Language): void {
    this.language = language;
    if (this.socket?.readyState === WebSocket.OPEN && this.helloReceived) this.send({ type: 'language', language });
    this.render();
  }

  // ---------------------------------------------------------------- connection

  private start(): void {
    const name = this.nameInput.value.trim();
    const phone = this.phoneInput.value.trim();
    if (charCount(name) > MAX_NAME_CHARS) {
      this.formError.textContent = this.language === 'en' ? `At most ${MAX_NAME_CHARS} characters` : `称呼最多 ${MAX_NAME_CHARS} 个字`;
      return;
    }
    this.formError.textContent = '';
    const frame: ClientFrame = { type: 'start', language: this.language, ...(name ? { name } : {}), ...(phone ? { phone } : {}) };
    this.phase = 'connecting';
    this.render();
    if (this.socket && this.socket.readyState === WebSocket.OPEN && this.helloReceived) {
      this.send(frame);
      return;
    }
    this.pendingStart = frame;
    this.connect();
  }

  private connect(): void {
    const url = new URL('/api/chat/ws', this.options.server);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('tenant', this.options.tenant);
    if (this.options.queue) url.searchParams.set('queue', this.options.queue);
    const socket = new WebSocket(url);
    this.socket = socket;
    this.helloReceived = false;
    socket.addEventListener('message', (event) => {
      if (this.socket !== socket || typeof event.data !== 'string') return;
      try {
        this.received(JSON.parse(event.data) as ServerFrame);
      } catch (error) {
        console.error('seatline chat: bad frame', error);
      }
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.helloReceived = false;
      if (this.phase === 'queued' || this.phase === 'chatting' || this.phase === 'connecting') {
        this.lostConnection = true;
        this.phase = this.phase === 'connecting' ? 'form' : 'ended';
        if (this.phase === 'form') this.formError.textContent ||= this.t.disconnected;
      }
      this.render();
    });
  }

  private received(frame: ServerFrame): void {
    switch (frame.type) {
      case 'hello':
        this.helloReceived = true;
        this.tenantName = frame.tenant;
        if (this.pendingStart) this.send(this.pendingStart);
        this.pendingStart = null;
        break;
      case 'queued':
        if (this.phase === 'chatting' || (this.phase === 'queued' && this.hadAgent)) this.notice(this.t.transferring);
        this.phase = 'queued';
        this.place = { position: frame.position, wait: frame.estimatedWaitSeconds };
        break;
      case 'agent_joined':
        this.phase = 'chatting';
        this.hadAgent = true;
        this.agentName = frame.agentName;
        this.notice(frame.agentName ? this.t.agentJoined(frame.agentName) : this.t.agentJoinedNoName);
        break;
      case 'ack': {
        const el = frame.id ? this.pending.get(frame.id) : undefined;
        if (el && frame.id) {
          el.classList.remove('pending');
          this.pending.delete(frame.id);
          const meta = el.querySelector('.meta');
          if (meta) meta.textContent = `${this.t.you} ${timeOf(frame.at)}`;
          // Show what was stored and what the agent reads (markup removed).
          const bubble = el.querySelector('.bubble');
          if (bubble) bubble.textContent = frame.text;
        }
        break;
      }
      case 'message':
        this.addMessage(frame.from === 'agent' ? 'agent' : 'system', frame.text, frame.at);
        break;
      case 'ended':
        this.phase = 'ended';
        this.endedBy = frame.by;
        this.notice(this.t.ended[frame.by] ?? this.t.ended.system);
        break;
      case 'error': {
        const el = frame.id ? this.pending.get(frame.id) : undefined;
        if (el && frame.id) {
          el.classList.remove('pending');
          el.classList.add('failed');
          this.pending.delete(frame.id);
          const meta = el.querySelector('.meta');
          if (meta) meta.textContent = `${this.t.failed}：${frame.message}`;
        }
        if (this.phase === 'form' || this.phase === 'connecting') {
          // An unused socket timing out is not the customer's problem: the next start opens a new one.
          if (frame.code === 'chat.idle_timeout' && this.phase === 'form') break;
          this.phase = 'form';
          this.formError.textContent = frame.message;
        } else {
          this.chatError.textContent = frame.message;
        }
        break;
      }
    }
    this.render();
  }

  private send(frame: ClientFrame): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private sendMessage(): void {
    if (this.phase !== 'queued' && this.phase !== 'chatting') return;
    const text = this.input.value.trim();
    if (!text) return;
    if (charCount(text) > MAX_MESSAGE_CHARS) {
      this.chatError.textContent = this.t.tooLong(MAX_MESSAGE_CHARS);
      return;
    }
    this.chatError.textContent = '';
    const id = `m${this.nextId++}`;
    const el = this.addMessage('customer', text, undefined, id);
    this.pending.set(id, el);
    this.send({ type: 'message', id, text });
    this.input.value = '';
    this.renderCounter();
    this.input.focus();
  }

  private restart(): void {
    this.socket?.close();
    this.socket = null;
    this.phase = 'form';
    this.place = null;
    this.agentName = '';
    this.hadAgent = false;
    this.endedBy = null;
    this.lostConnection = false;
    this.pending.clear();
    this.messages.replaceChildren();
    this.chatError.textContent = '';
    this.formError.textContent = '';
    this.render();
  }

  // ---------------------------------------------------------------- rendering

  private addMessage(from: 'customer' | 'agent' | 'system', text: string, at?: string, id?: string): HTMLElement {
    if (from === 'system') return this.notice(text);
    const who = from === 'customer' ? this.t.you : this.agentName || this.t.agent;
    const el = h('div', { class: `message ${from}${id ? ' pending' : ''}`, 'data-testid': 'widget-message', 'data-from': from },
      h('div', { class: 'bubble' }, text),
      h('div', { class: 'meta' }, `${who} ${timeOf(at)}`),
    );
    this.messages.append(el);
    this.messages.scrollTop = this.messages.scrollHeight;
    return el;
  }

  private notice(text: string): HTMLElement {
    const el = h('div', { class: 'notice', 'data-testid': 'widget-notice' }, text);
    this.messages.append(el);
    this.messages.scrollTop = this.messages.scrollHeight;
    return el;
  }

  private renderCounter(): void {
    const n = charCount(this.input.value);
    this.counter.textContent = n > MAX_MESSAGE_CHARS * 0.8 ? this.t.counter(n, MAX_MESSAGE_CHARS) : '';
    this.counter.classList.toggle('over', n > MAX_MESSAGE_CHARS);
  }

  private render(): void {
    const t = this.t;
    this.launcher.replaceChildren(chatIcon(), document.createTextNode(t.launcher));
    this.titleEl.textContent = this.tenantName ? `${this.tenantName} · ${t.title}` : t.title;
    this.langButton.textContent = t.switchLanguage;
    this.langButton.setAttribute('aria-label', t.switchLanguageLabel);
    this.minimizeButton.setAttribute('aria-label', t.minimize);
    this.introEl.textContent = t.intro;
    this.nameLabel.textContent = t.name;
    this.nameInput.placeholder = t.namePlaceholder;
    this.phoneLabel.textContent = t.phone;
    this.phoneInput.placeholder = t.phonePlaceholder;
    this.input.placeholder = t.inputPlaceholder;
    this.sendButton.textContent = t.send;
    this.leaveButton.textContent = t.leave;
    this.restartButton.textContent = t.restart;

    const inForm = this.phase === 'form' || this.phase === 'connecting';
    this.formView.hidden = !inForm;
    this.chatView.hidden = inForm;
    this.startButton.disabled = this.phase === 'connecting';
    this.startButton.textContent = this.phase === 'connecting' ? t.connecting : t.start;

    const live = this.phase === 'queued' || this.phase === 'chatting';
    this.input.disabled = !live;
    this.sendButton.disabled = !live;
    this.leaveButton.hidden = !live;
    this.restartButton.hidden = live;
    this.chatView.dataset.phase = this.phase;
    this.statusText.textContent = this.statusLine();
  }

  private statusLine(): string {
    const t = this.t;
    switch (this.phase) {
      case 'queued':
        return this.place ? t.queued(this.place.position) + t.wait(this.place.wait) : t.connecting;
      case 'chatting':
        return this.agentName ? t.agentJoined(this.agentName) : t.agentJoinedNoName;
      case 'ended':
        return this.lostConnection && !this.endedBy ? t.disconnected : t.ended[this.endedBy ?? 'system'];
      default:
        return '';
    }
  }
}
