/** Styles live in the widget's shadow root: the host page's CSS cannot reach in, ours cannot leak out. */
export const STYLES = `
:host { all: initial; }
* { box-sizing: border-box; }
.root {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  font: 14px/1.5 -apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Segoe UI", Roboto, sans-serif;
  color: #1f1f1f;
}
button { font: inherit; cursor: pointer; }
button:disabled { cursor: not-allowed; opacity: .55; }
.launcher {
  display: flex; align-items: center; gap: 8px; border: 0; border-radius: 24px; padding: 12px 20px;
  background: #1677ff; color: #fff; box-shadow: 0 6px 16px rgba(0,0,0,.18); font-size: 15px;
}
.launcher:hover { background: #4096ff; }
.launcher svg { width: 20px; height: 20px; fill: currentColor; }
.panel {
  width: 360px; height: 540px; max-height: calc(100vh - 40px); display: flex; flex-direction: column;
  background: #fff; border-radius: 12px; overflow: hidden; box-shadow: 0 12px 32px rgba(0,0,0,.22);
}
.panel[hidden], .launcher[hidden], [hidden] { display: none !important; }
.header { display: flex; align-items: center; gap: 8px; padding: 12px 14px; background: #1677ff; color: #fff; }
.header .title { flex: 1; font-weight: 600; font-size: 15px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.header button { border: 1px solid rgba(255,255,255,.6); background: transparent; color: #fff; border-radius: 6px; padding: 2px 8px; font-size: 12px; }
.header button.icon { border: 0; font-size: 18px; line-height: 1; padding: 2px 6px; }
.body { flex: 1; display: flex; flex-direction: column; min-height: 0; }
.form { padding: 18px 16px; display: flex; flex-direction: column; gap: 12px; overflow-y: auto; }
.form p { margin: 0; color: #595959; }
.form label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: #434343; }
input, textarea {
  font: inherit; color: inherit; border: 1px solid #d9d9d9; border-radius: 6px; padding: 7px 10px; outline: none; background: #fff;
}
input:focus, textarea:focus { border-color: #1677ff; box-shadow: 0 0 0 2px rgba(22,119,255,.15); }
.primary { border: 0; border-radius: 6px; padding: 8px 14px; background: #1677ff; color: #fff; }
.primary:hover:not(:disabled) { background: #4096ff; }
.secondary { border: 1px solid #d9d9d9; border-radius: 6px; padding: 4px 10px; background: #fff; color: #434343; font-size: 12px; }
.error { color: #cf1322; font-size: 13px; min-height: 1em; }
.status { padding: 8px 14px; background: #f0f5ff; color: #1d39c4; font-size: 13px; border-bottom: 1px solid #d6e4ff; display: flex; align-items: center; gap: 8px; }
.status span { flex: 1; }
.messages { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; background: #fafafa; }
.message { max-width: 82%; display: flex; flex-direction: column; gap: 2px; }
.message .bubble { padding: 8px 11px; border-radius: 10px; white-space: pre-wrap; word-break: break-word; }
.message .meta { font-size: 11px; color: #8c8c8c; }
.message.customer { align-self: flex-end; align-items: flex-end; }
.message.customer .bubble { background: #1677ff; color: #fff; border-bottom-right-radius: 3px; }
.message.customer.pending .bubble { opacity: .7; }
.message.customer.failed .bubble { background: #fff1f0; color: #a8071a; border: 1px solid #ffa39e; }
.message.customer.failed .meta { color: #cf1322; }
.message.agent { align-self: flex-start; }
.message.agent .bubble { background: #fff; border: 1px solid #e8e8e8; border-bottom-left-radius: 3px; }
.notice { align-self: center; font-size: 12px; color: #8c8c8c; text-align: center; padding: 2px 8px; }
.composer { border-top: 1px solid #f0f0f0; padding: 8px; display: flex; flex-direction: column; gap: 6px; background: #fff; }
.composer textarea { resize: none; height: 64px; }
.composer .row { display: flex; align-items: center; gap: 8px; }
.composer .error:empty { display: none; }
.composer .row .counter { flex: 1; font-size: 11px; color: #8c8c8c; }
.composer .row .counter.over { color: #cf1322; }
@media (max-width: 480px) {
  .root.open { right: 0; bottom: 0; left: 0; top: 0; }
  .root.open .panel { width: 100vw; height: 100%; max-height: none; border-radius: 0; }
}
`;
