import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Space, Switch, Typography } from 'antd';
import { EditOutlined, SoundOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText, testIdProps } from '../../lib/format.ts';
import { validate } from '../../lib/validation.ts';
import { ivrApi, type Hotline } from './api.ts';

interface Values {
  zh: string;
  en?: string;
}

/** The red banner shown while a hotline's incident announcement is on. */
export function EmergencyBanner({ hotline }: { hotline: Hotline }) {
  const { t } = useTranslation();
  const { emergency } = hotline.config;
  if (!emergency.enabled) return null;
  return (
    <Alert
      data-testid="ivr-emergency-banner"
      type="error"
      showIcon
      icon={<SoundOutlined />}
      style={{ marginBottom: 16 }}
      title={t('ivr.emergency.banner', { number: hotline.number })}
      description={
        <Flex vertical gap={2}>
          <Typography.Text>{emergency.prompt?.text['zh-CN'] ?? ''}</Typography.Text>
          {emergency.prompt?.text.en && <Typography.Text type="secondary">{emergency.prompt.text.en}</Typography.Text>}
        </Flex>
      }
    />
  );
}

/**
 * The per-hotline incident announcement switch (S10): turning it on asks for the text (Chinese
 * required, English optional) and a confirmation; turning it off keeps the text for next time.
 * Both are audited by the server.
 */
export function EmergencyControl({ hotline, allowed, onChanged }: { hotline: Hotline; allowed: boolean; onChanged: (hotline: Hotline) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<'on' | 'edit' | 'off' | null>(null);
  const [saving, setSaving] = useState(false);
  const { emergency } = hotline.config;

  const open = (next: 'on' | 'edit' | 'off') => {
    form.setFieldsValue({ zh: emergency.prompt?.text['zh-CN'] ?? '', en: emergency.prompt?.text.en ?? '' });
    setMode(next);
  };

  const confirm = async () => {
    let prompt: Parameters<typeof ivrApi.setEmergency>[2];
    if (mode !== 'off') {
      const values = await validate(form);
      if (!values) return;
      const en = values.en?.trim();
      prompt = { text: { 'zh-CN': values.zh.trim(), ...(en ? { en } : {}) }, audio: emergency.prompt?.audio ?? {} };
    }
    setSaving(true);
    try {
      const updated = await ivrApi.setEmergency(hotline.id, mode !== 'off', prompt);
      message.success(mode === 'off' ? t('ivr.emergency.turnedOff') : mode === 'on' ? t('ivr.emergency.turnedOn') : t('ivr.emergency.updated'));
      setMode(null);
      onChanged(updated);
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" data-testid="ivr-emergency" style={{ borderColor: emergency.enabled ? '#ff4d4f' : undefined }}>
      <Flex gap={12} align="center" wrap>
        <SoundOutlined style={{ color: emergency.enabled ? '#ff4d4f' : undefined }} />
        <Typography.Text strong>{t('ivr.emergency.title')}</Typography.Text>
        <Switch
          data-testid="ivr-emergency-switch"
          checked={emergency.enabled}
          disabled={!allowed}
          checkedChildren={t('ivr.emergency.on')}
          unCheckedChildren={t('ivr.emergency.off')}
          onChange={(checked) => open(checked ? 'on' : 'off')}
        />
        {emergency.enabled && allowed && (
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => open('edit')}>
            {t('ivr.emergency.edit')}
          </Button>
        )}
        {!allowed && <Typography.Text type="secondary">{t('ivr.emergency.noPermission')}</Typography.Text>}
        {allowed && !emergency.enabled && emergency.prompt?.text['zh-CN'] && (
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 420 }}>
            {t('ivr.emergency.prepared')}：{emergency.prompt.text['zh-CN']}
          </Typography.Text>
        )}
      </Flex>
      <Modal
        open={mode !== null}
        title={mode === 'off' ? t('ivr.emergency.switchOff') : mode === 'on' ? t('ivr.emergency.switchOn') : t('ivr.emergency.edit')}
        onOk={confirm}
        onCancel={() => setMode(null)}
        confirmLoading={saving}
        okText={mode === 'off' ? t('ivr.emergency.confirmOffButton') : mode === 'on' ? t('ivr.emergency.confirmOnButton') : t('common.save')}
        okButtonProps={{ ...testIdProps('ivr-emergency-confirm'), danger: mode === 'on' }}
        cancelText={t('common.cancel')}
        forceRender
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type={mode === 'on' ? 'warning' : 'info'}
            showIcon
            title={mode === 'off' ? t('ivr.emergency.confirmOff', { number: hotline.number }) : t('ivr.emergency.confirmOn', { number: hotline.number })}
          />
          <Form form={form} name="emergency" layout="vertical" hidden={mode === 'off'}>
            <Form.Item
              name="zh"
              label={t('ivr.emergency.textZh')}
              rules={mode === 'off' ? [] : [{ required: true, whitespace: true, message: t('ivr.emergency.textRequired') }, { max: 1000 }]}
            >
              <Input.TextArea data-testid="ivr-emergency-zh" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
            </Form.Item>
            <Form.Item name="en" label={t('ivr.emergency.textEn')}>
              <Input.TextArea data-testid="ivr-emergency-en" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
            </Form.Item>
          </Form>
        </Space>
      </Modal>
    </Card>
  );
}
