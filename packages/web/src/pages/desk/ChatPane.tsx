import { useEffect, useRef, useState } from 'react';
import { Button, Card, Empty, Flex, Input, Popconfirm, Space, Typography, theme } from 'antd';
import { MessageOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Interaction, WorkPhase } from '../../api/client.ts';
import { formatClock } from '../../live/time.ts';

interface Props {
  detail: Interaction;
  phase: WorkPhase;
  pending: string | null;
  onSend(text: string): Promise<boolean>;
  onEnd(): void;
}

/** One chat: the transcript (customer left, agent right, system centred) and the send box. */
export function ChatPane({ detail, phase, pending, onSend, onEnd }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [text, setText] = useState('');
  const list = useRef<HTMLDivElement>(null);
  const live = phase === 'busy' && detail.status === 'connected';

  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [detail.messages.length]);

  const send = async () => {
    const body = text.trim();
    if (!body || pending) return;
    if (await onSend(body)) setText('');
  };

  return (
    <Card
      size="small"
      data-testid="chat-pane"
      title={
        <Space size={6}>
          <MessageOutlined />
          {detail.customer?.name ?? detail.address ?? t('desk.unknownVisitor')}
        </Space>
      }
      extra={
        live ? (
          <Popconfirm title={t('desk.endChat')} onConfirm={onEnd} okText={t('common.confirm')} cancelText={t('common.cancel')}>
            <Button size="small" danger icon={<StopOutlined />} data-testid="chat-end" disabled={Boolean(pending)}>
              {t('desk.endChat')}
            </Button>
          </Popconfirm>
        ) : (
          <Typography.Text type="secondary">{t('desk.chatEnded')}</Typography.Text>
        )
      }
    >
      <div
        ref={list}
        data-testid="chat-messages"
        style={{ height: 340, overflowY: 'auto', padding: 8, background: token.colorFillQuaternary, borderRadius: token.borderRadius }}
      >
        {detail.messages.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.chatEmpty')} />
        ) : (
          <Flex vertical gap={8}>
            {detail.messages.map((m, index) => {
              const mine = m.sender === 'agent';
              if (m.sender === 'system') {
                return (
                  <Typography.Text key={index} type="secondary" style={{ textAlign: 'center', fontSize: 12 }}>
                    {m.body}
                  </Typography.Text>
                );
              }
              return (
                <Flex key={index} vertical align={mine ? 'flex-end' : 'flex-start'} data-testid="chat-message" data-sender={m.sender}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`desk.sender.${m.sender}`)} · {formatClock(m.at)}
                  </Typography.Text>
                  <div
                    style={{
                      maxWidth: '80%',
                      padding: '6px 10px',
                      borderRadius: 8,
                      whiteSpace: 'pre-wrap',
                      wordBreak: 'break-word',
                      background: mine ? token.colorPrimary : token.colorBgContainer,
                      color: mine ? token.colorTextLightSolid : token.colorText,
                      border: mine ? undefined : `1px solid ${token.colorBorderSecondary}`,
                    }}
                  >
                    {m.body}
                  </div>
                </Flex>
              );
            })}
          </Flex>
        )}
      </div>
      <Flex gap={8} style={{ marginTop: 8 }} align="flex-end">
        <Input.TextArea
          value={text}
          onChange={(event) => setText(event.target.value)}
          onPressEnter={(event) => {
            if (!event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              void send();
            }
          }}
          disabled={!live}
          maxLength={2000}
          autoSize={{ minRows: 1, maxRows: 4 }}
          placeholder={t('desk.chatPlaceholder')}
          data-testid="chat-input"
        />
        <Button
          type="primary"
          icon={<SendOutlined />}
          disabled={!live || !text.trim()}
          loading={pending === 'send'}
          onClick={() => void send()}
          data-testid="chat-send"
        >
          {t('desk.send')}
        </Button>
      </Flex>
    </Card>
  );
}
