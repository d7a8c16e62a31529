/** The widget's own strings: Chinese first, English second. Error texts come from the server. */
import type { Language } from './protocol.ts';

const zh = {
  launcher: '在线客服',
  title: '在线客服',
  switchLanguage: 'EN',
  switchLanguageLabel: 'Switch to English',
  minimize: '收起',
  intro: '您好！欢迎咨询。留下称呼和手机号（均可不填），客服可以更快为您查询。',
  name: '称呼（选填）',
  namePlaceholder: '例如：张先生',
  phone: '手机号（选填）',
  phonePlaceholder: '例如：138 1234 5678',
  start: '开始咨询',
  connecting: '正在连接…',
  queued: (position: number) => (position <= 1 ? '排队中：下一位就是您' : `排队中：您前面还有 ${position - 1} 位`),
  wait: (seconds: number | null) => (seconds === null ? '' : seconds < 60 ? '，预计等待不到 1 分钟' : `，预计等待约 ${Math.round(seconds / 60)} 分钟`),
  transferring: '正在为您转接其他客服，请稍候…',
  agentJoined: (name: string) => `客服 ${name} 为您服务`,
  agentJoinedNoName: '客服已接入',
  you: '我',
  agent: '客服',
  inputPlaceholder: '请输入消息，Enter 发送，Shift+Enter 换行',
  send: '发送',
  leave: '结束会话',
  leaveConfirm: '确定结束本次会话吗？',
  ended: {
    customer: '您已结束会话，感谢您的咨询。',
    agent: '客服已结束会话，感谢您的咨询。',
    system: '会话已结束。',
    supervisor: '会话已结束。',
  },
  restart: '重新咨询',
  disconnected: '连接已断开。',
  failed: '发送失败',
  tooLong: (max: number) => `单条消息最多 ${max} 字`,
  counter: (n: number, max: number) => `${n}/${max}`,
};

export type Strings = typeof zh;

const en: Strings = {
  launcher: 'Chat with us',
  title: 'Customer service',
  switchLanguage: '中文',
  switchLanguageLabel: '切换到中文',
  minimize: 'Minimise',
  intro: 'Hello! Leave your name and mobile number (both optional) so an agent can look you up faster.',
  name: 'Name (optional)',
  namePlaceholder: 'e.g. Alex',
  phone: 'Mobile (optional)',
  phonePlaceholder: 'e.g. 138 1234 5678',
  start: 'Start chat',
  connecting: 'Connecting…',
  queued: (position: number) => (position <= 1 ? 'Waiting: you are next' : `Waiting: ${position - 1} ahead of you`),
  wait: (seconds: number | null) => (seconds === null ? '' : seconds < 60 ? ', less than a minute' : `, about ${Math.round(seconds / 60)} min`),
  transferring: 'Transferring you to another agent…',
  agentJoined: (name: string) => `${name} is helping you`,
  agentJoinedNoName: 'An agent has joined',
  you: 'You',
  agent: 'Agent',
  inputPlaceholder: 'Type a message; Enter sends, Shift+Enter adds a line',
  send: 'Send',
  leave: 'End chat',
  leaveConfirm: 'End this chat?',
  ended: {
    customer: 'You ended the chat. Thank you!',
    agent: 'The agent ended the chat. Thank you!',
    system: 'The chat has ended.',
    supervisor: 'The chat has ended.',
  },
  restart: 'New chat',
  disconnected: 'The connection was lost.',
  failed: 'Not sent',
  tooLong: (max: number) => `At most ${max} characters per message`,
  counter: (n: number, max: number) => `${n}/${max}`,
};

export const STRINGS: Record<Language, Strings> = { 'zh-CN': zh, en };

export function pickLanguage(requested: string | null | undefined): Language {
  return requested && /^en\b/i.test(requested) ? 'en' : 'zh-CN';
}
