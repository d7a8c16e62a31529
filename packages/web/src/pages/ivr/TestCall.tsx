import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Descriptions, Empty, Form, Input, InputNumber, Modal, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText, formatDateTime, testIdProps } from '../../lib/format.ts';
import { validate } from '../../lib/validation.ts';
import { ivrApi, type Hotline, type InteractionTrace } from './api.ts';
import { parseDigits } from './flow.ts';

interface Values {
  caller?: string;
  digits?: string;
  patienceSeconds?: number | null;
}

/** How long after placing the call the page first reads the interaction, then how often, how many times. */
const FIRST_READ_MS = 2500;
const READ_EVERY_MS = 3000;
const MAX_READS = 6;

/**
 * Places a simulated call to the hotline (keys pressed in order), then shows the interaction: the
 * menu path the caller took through the IVR and its lifecycle events.
 */
export function TestCallButton({ hotline }: { hotline: Hotline }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [placing, setPlacing] = useState(false);
  const [interactionId, setInteractionId] = useState<string | null>(null);
  const [trace, setTrace] = useState<InteractionTrace | null>(null);
  const [reading, setReading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stop = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => stop, []);

  const read = async (id: string, remaining: number) => {
    setReading(true);
    try {
      const found = await ivrApi.interaction(id);
      setTrace(found);
      if (remaining > 1 && found.status !== 'ended' && found.ivrPath.length === 0) {
        timer.current = setTimeout(() => void read(id, remaining - 1), READ_EVERY_MS);
        return;
      }
    } catch (error) {
      // Not recorded yet: try again a little later.
      if (remaining > 1) {
        timer.current = setTimeout(() => void read(id, remaining - 1), READ_EVERY_MS);
        return;
      }
      message.error(errorText(error));
    }
    setReading(false);
  };

  const place = async () => {
    const values = await validate(form);
    if (!values) return;
    const digits = parseDigits(values.digits ?? '') ?? [];
    setPlacing(true);
    stop();
    setTrace(null);
    try {
      const caller = values.caller?.trim();
      const { interactionId: id } = await ivrApi.testCall({
        hotline: hotline.number,
        ...(caller ? { caller } : {}),
        digits,
        ...(values.patienceSeconds ? { patienceSeconds: values.patienceSeconds } : {}),
      });
      message.success(t('ivr.testCall.placed'));
      setInteractionId(id);
      setReading(true);
      timer.current = setTimeout(() => void read(id, MAX_READS), FIRST_READ_MS);
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setPlacing(false);
    }
  };

  return (
    <>
      <Button
        icon={<PhoneOutlined />}
        data-testid="ivr-test-call"
        onClick={() => {
          form.setFieldsValue({ caller: '', digits: '', patienceSeconds: 60 });
          setInteractionId(null);
          setTrace(null);
          setOpen(true);
        }}
      >
        {t('ivr.testCall.button')}
      </Button>
      <Modal
        open={open}
        width={640}
        title={t('ivr.testCall.title', { number: hotline.number })}
        onCancel={() => {
          stop();
          setOpen(false);
        }}
        onOk={place}
        okText={t('ivr.testCall.place')}
        okButtonProps={testIdProps('ivr-test-call-submit')}
        confirmLoading={placing}
        cancelText={t('common.cancel')}
        forceRender
      >
        <Form form={form} name="testCall" layout="vertical">
          <Form.Item
            name="caller"
            label={t('ivr.testCall.caller')}
            tooltip={t('ivr.testCall.callerHint')}
            rules={[{ pattern: /^\+?\d{3,20}$/, message: t('ivr.testCall.callerInvalid') }]}
          >
            <Input data-testid="ivr-test-call-caller" placeholder="+8613800000000" />
          </Form.Item>
          <Form.Item
            name="digits"
            label={t('ivr.testCall.digits')}
            extra={t('ivr.testCall.digitsHint')}
            rules={[
              {
                validator: async (_rule, value: unknown) => {
                  if (parseDigits(typeof value === 'string' ? value : '') === null) throw new Error(t('ivr.testCall.digitsInvalid'));
                },
              },
            ]}
          >
            <Input data-testid="ivr-test-call-digits" placeholder="1 4 20260042#" />
          </Form.Item>
          <Form.Item name="patienceSeconds" label={t('ivr.testCall.patience')} tooltip={t('ivr.testCall.patienceHint')}>
            <InputNumber min={1} max={3600} style={{ width: 160 }} />
          </Form.Item>
        </Form>
        {interactionId && (
          <div data-testid="ivr-test-call-result" data-interaction={interactionId}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              <Space>
                {t('ivr.testCall.result')}
                {reading && <Spin size="small" />}
                {!reading && (
                  <Button size="small" type="text" icon={<ReloadOutlined />} onClick={() => void read(interactionId, 1)}>
                    {t('common.refresh')}
                  </Button>
                )}
              </Space>
            </Typography.Title>
            {!trace ? (
              <Alert type="info" showIcon title={t('ivr.testCall.waiting')} />
            ) : (
              <>
                <Descriptions
                  size="small"
                  column={1}
                  bordered
                  items={[
                    { key: 'id', label: t('ivr.testCall.interaction'), children: <Typography.Text code copyable>{trace.id}</Typography.Text> },
                    { key: 'status', label: t('ivr.testCall.status'), children: <Tag>{t(`ivr.testCall.statusName.${trace.status}`, { defaultValue: trace.status })}</Tag> },
                    {
                      key: 'path',
                      label: t('ivr.testCall.path'),
                      children:
                        trace.ivrPath.length > 0 ? (
                          <span data-testid="ivr-test-call-path">{trace.ivrPath.join(' › ')}</span>
                        ) : (
                          <Typography.Text type="secondary">{t('ivr.testCall.emptyPath')}</Typography.Text>
                        ),
                    },
                  ]}
                />
                <Typography.Text strong style={{ display: 'block', margin: '12px 0 8px' }}>
                  {t('ivr.testCall.events')}
                </Typography.Text>
                {trace.events.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
                ) : (
                  <Timeline
                    data-testid="ivr-test-call-events"
                    items={[...trace.events]
                      .sort((a, b) => a.at.localeCompare(b.at))
                      .map((event, index) => ({
                        key: `${event.type}-${index}`,
                        content: (
                          <Space size={8} wrap>
                            <Typography.Text type="secondary">{formatDateTime(event.at)}</Typography.Text>
                            <span>{t(`interactionEvent.${event.type}`, { defaultValue: event.type })}</span>
                            <Typography.Text type="secondary" code>
                              {event.type}
                            </Typography.Text>
                          </Space>
                        ),
                      }))}
                  />
                )}
              </>
            )}
          </div>
        )}
      </Modal>
    </>
  );
}
