import { Button, Card, Form, Input, Select, Space } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DISPOSITIONS, type Disposition } from '../../api/client.ts';

interface Values {
  disposition: Disposition;
  notes?: string;
}

interface Props {
  interactionId: string;
  initialDisposition?: Disposition;
  submitting: boolean;
  onSubmit(disposition: Disposition, notes: string | undefined): void;
}

/** After-call work: a disposition code and notes; submitting ends the wrap-up. */
export function WrapUpForm({ interactionId, initialDisposition, submitting, onSubmit }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();

  return (
    <Card
      size="small"
      title={
        <Space size={6}>
          <FormOutlined />
          {t('desk.wrapUp')}
        </Space>
      }
      style={{ borderColor: '#b37feb' }}
    >
      <Form<Values>
        key={interactionId}
        form={form}
        name={`wrapup-${interactionId}`}
        layout="vertical"
        requiredMark={false}
        initialValues={{ disposition: initialDisposition }}
        data-testid="wrapup-form"
        onFinish={(values) => onSubmit(values.disposition, values.notes?.trim() || undefined)}
      >
        <Form.Item name="disposition" label={t('desk.disposition')} rules={[{ required: true, message: t('validation.required', { field: t('desk.disposition') }) }]}>
          <Select
            data-testid="wrapup-disposition"
            placeholder={t('desk.disposition')}
            options={DISPOSITIONS.map((code) => ({ value: code, label: t(`disposition.${code}`) }))}
          />
        </Form.Item>
        <Form.Item name="notes" label={t('desk.notes')}>
          <Input.TextArea rows={3} maxLength={4000} showCount placeholder={t('desk.notesPlaceholder')} data-testid="wrapup-notes" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="wrapup-submit">
          {t('desk.submitWrapUp')}
        </Button>
      </Form>
    </Card>
  );
}
