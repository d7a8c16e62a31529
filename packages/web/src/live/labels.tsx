import { Tag } from 'antd';
import { MessageOutlined, PhoneOutlined } from '@ant-design/icons';
import i18n from '../i18n/index.ts';
import type { AgentStatus, Channel } from '../api/client.ts';
import type { SocketStatus } from './useLiveSocket.ts';

export const STATUS_COLORS: Record<AgentStatus, string> = {
  offline: 'default',
  ready: 'green',
  not_ready: 'orange',
  reserved: 'blue',
  busy: 'red',
  wrap_up: 'purple',
};

/** "就绪", or "未就绪 · 小休" when a reason is known. */
export function statusText(status: string, reason: string | null): string {
  const label = i18n.t(`agentStatus.${status}`, { defaultValue: status });
  return status === 'not_ready' && reason ? `${label} · ${reasonText(reason)}` : label;
}

export function reasonText(reason: string): string {
  return i18n.t(`notReadyReason.${reason}`, { defaultValue: reason });
}

export function channelText(channel: string): string {
  return i18n.t(`channel.${channel}`, { defaultValue: channel });
}

export function ChannelIcon({ channel }: { channel: Channel | string }) {
  return channel === 'voice' ? <PhoneOutlined /> : <MessageOutlined />;
}

export function SocketTag({ status, testId }: { status: SocketStatus; testId?: string }) {
  const color = status === 'open' ? 'success' : status === 'connecting' ? 'processing' : 'error';
  return (
    <Tag color={color} data-testid={testId} data-socket={status} style={{ marginInlineEnd: 0 }}>
      {i18n.t(`live.${status}`)}
    </Tag>
  );
}
