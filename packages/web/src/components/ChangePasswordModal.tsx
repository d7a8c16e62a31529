import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { errorText, testIdProps } from '../lib/format.ts';
import { passwordPolicy, required, validate } from '../lib/validation.ts';
import { useState } from 'react';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await validate(form);
    if (!values) return;
    setSaving(true);
    try {
      await api.changePassword(values.currentPassword, values.newPassword);
      message.success(t('password.changed'));
      form.resetFields();
      onClose();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      okButtonProps={testIdProps('change-password-save')}
      open={open}
      title={t('password.title')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={form} name="changePassword" layout="vertical" requiredMark={false} data-testid="change-password-form">
        <Form.Item name="currentPassword" label={t('password.current')} rules={[required(t('password.current'))]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          tooltip={t('validation.password')}
          rules={[required(t('password.new')), passwordPolicy(() => me.username)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            required(t('password.confirm')),
            ({ getFieldValue }) => ({
              validator: async (_rule, value) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
