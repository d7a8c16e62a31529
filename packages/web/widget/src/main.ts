/**
 * Entry of the embeddable chat widget (built to dist/widget.js, one self-contained script):
 *
 *   <script src="https://cc.example.com/widget.js" data-tenant="property" async></script>
 *
 * Attributes: data-tenant (required), data-queue (a chat queue's code), data-lang (zh-CN | en;
 * Chinese by default), data-open (open the panel at once), data-server (when the script is served
 * from elsewhere than the Seatline server). `window.SeatlineChat` offers open(), close() and
 * init(options) for pages that load the script without data-tenant.
 */
import { pickLanguage } from './i18n.ts';
import { ChatWidget, type WidgetOptions } from './widget.ts';

declare global {
  interface Window {
    SeatlineChat?: { open(): void; close(): void; init(options: Partial<WidgetOptions> & { tenant: string }): ChatWidget };
  }
}

const script = document.currentScript as HTMLScriptElement | null;
let widget: ChatWidget | null = null;

function init(options: Partial<WidgetOptions> & { tenant: string }): ChatWidget {
  if (widget) return widget;
  const host = document.createElement('div');
  host.id = 'seatline-chat';
  document.body.append(host);
  widget = new ChatWidget(host, {
    tenant: options.tenant,
    server: options.server ?? (script?.src ? new URL(script.src).origin : window.location.origin),
    queue: options.queue,
    language: options.language ?? 'zh-CN',
    open: options.open,
  });
  return widget;
}

window.SeatlineChat = {
  open: () => widget?.open(),
  close: () => widget?.close(),
  init,
};

const tenant = script?.dataset.tenant;
if (script && tenant) {
  const options = {
    tenant,
    server: script.dataset.server,
    queue: script.dataset.queue,
    language: pickLanguage(script.dataset.lang),
    open: script.dataset.open === 'true',
  };
  if (document.body) init(options);
  else document.addEventListener('DOMContentLoaded', () => init(options), { once: true });
}
