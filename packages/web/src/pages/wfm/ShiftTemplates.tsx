/** Shift templates: a list with the rules in words, a create form and delete (wfm.plan). */
import { useState } from 'react';
import { App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Modal, Popconfirm, Select, Switch, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext.tsx';
import { errorText, testIdProps } from '../../lib/format.ts';
import { required, validate } from '../../lib/validation.ts';
import { wfmApi, type ShiftTemplate, type ShiftTemplateInput } from './api.ts';
import { ServerAlert, applyServerErrors } from './common.tsx';
import { clock, namePathOf, parseClock } from './model.ts';

interface TemplateValues {
  name: string;
  earliestStart: string;
  latestStart: string;
  startStepMinutes: number;
  paidHours: number[];
  weekdays: number[];
  restMinutes: number;
  restPaid: boolean;
  maxWorkStretchMinutes: number;
  minWorkStretchMinutes?: number | null;
  mealOn: boolean;
  meal: { minMinutes: number; maxMinutes: number; paid: boolean; earliestStartAfterMinutes: number; latestStartAfterMinutes: number };
}

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 0];
/** The example of docs/wfm-api.md: 日班 8 小时 starting 08:00–11:00 every 30 minutes, a 15-minute break every 2 h, a meal. */
export const TEMPLATE_DEFAULTS: TemplateValues = {
  name: '',
  earliestStart: '08:00',
  latestStart: '11:00',
  startStepMinutes: 30,
  paidHours: [8],
  weekdays: ALL_DAYS,
  restMinutes: 15,
  restPaid: true,
  maxWorkStretchMinutes: 150,
  minWorkStretchMinutes: 60,
  mealOn: true,
  meal: { minMinutes: 30, maxMinutes: 60, paid: false, earliestStartAfterMinutes: 180, latestStartAfterMinutes: 300 },
};

export function templateInputOf(values: TemplateValues): ShiftTemplateInput {
  const weekdays = [...new Set(values.weekdays)].sort();
  return {
    name: values.name.trim(),
    earliestStartMinute: parseClock(values.earliestStart) ?? 0,
    latestStartMinute: parseClock(values.latestStart) ?? 0,
    startStepMinutes: values.startStepMinutes,
    paidMinutes: [...new Set(values.paidHours.map((hours) => Math.round(hours * 60)))].sort((a, b) => a - b),
    ...(weekdays.length === 7 ? {} : { weekdays }),
    breaks: {
      restMinutes: values.restMinutes,
      restPaid: values.restPaid,
      maxWorkStretchMinutes: values.maxWorkStretchMinutes,
      ...(values.minWorkStretchMinutes ? { minWorkStretchMinutes: values.minWorkStretchMinutes } : {}),
      ...(values.mealOn ? { meal: { ...values.meal } } : {}),
    },
  };
}

/** A request field → the form field. */
function templateFieldName(field: string): (string | number)[] | null {
  const path = namePathOf(field);
  const [head, second, third] = path;
  if (head === 'name') return ['name'];
  if (head === 'earliestStartMinute') return ['earliestStart'];
  if (head === 'latestStartMinute') return ['latestStart'];
  if (head === 'startStepMinutes') return ['startStepMinutes'];
  if (head === 'paidMinutes') return ['paidHours'];
  if (head === 'weekdays') return ['weekdays'];
  if (head === 'breaks' && second === 'meal' && typeof third === 'string') return ['meal', third];
  if (head === 'breaks' && typeof second === 'string' && second !== 'meal') return [second];
  return null;
}

export function useTemplateText() {
  const { t } = useTranslation();
  return {
    window: (template: Pick<ShiftTemplateInput, 'earliestStartMinute' | 'latestStartMinute' | 'startStepMinutes'>) =>
      t('wfm.template.windowText', { from: clock(template.earliestStartMinute), to: clock(template.latestStartMinute), step: template.startStepMinutes ?? 15 }),
    paid: (template: Pick<ShiftTemplateInput, 'paidMinutes'>) => template.paidMinutes.map((minutes) => t('wfm.hoursValue', { value: +(minutes / 60).toFixed(2) })).join(' / '),
    weekdays: (template: Pick<ShiftTemplateInput, 'weekdays'>) =>
      !template.weekdays || template.weekdays.length === 7 ? t('wfm.template.everyDay') : ALL_DAYS.filter((d) => template.weekdays!.includes(d)).map((d) => t(`wfm.weekdayShort.${d}`)).join(' '),
    breaks: (template: Pick<ShiftTemplateInput, 'breaks'>) => {
      const b = template.breaks;
      const parts = [
        t('wfm.template.restText', { minutes: b.restMinutes, stretch: b.maxWorkStretchMinutes, paid: b.restPaid === false ? t('wfm.template.unpaid') : t('wfm.template.paid') }),
      ];
      if (b.meal) {
        parts.push(
          t('wfm.template.mealText', {
            min: b.meal.minMinutes,
            max: b.meal.maxMinutes,
            from: b.meal.earliestStartAfterMinutes,
            to: b.meal.latestStartAfterMinutes,
            paid: b.meal.paid ? t('wfm.template.paid') : t('wfm.template.unpaid'),
          }),
        );
      }
      return parts.join('；');
    },
  };
}

export function ShiftTemplatesCard({ templates, loading, onChanged }: { templates: ShiftTemplate[]; loading: boolean; onChanged: () => Promise<void> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const plan = can('wfm.plan');
  const text = useTemplateText();
  const [form] = Form.useForm<TemplateValues>();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; lines: string[] } | null>(null);
  const mealOn = Form.useWatch('mealOn', form);

  const openForm = () => {
    form.resetFields();
    form.setFieldsValue({ ...TEMPLATE_DEFAULTS, name: templates.length === 0 ? t('wfm.template.defaultName') : '' });
    setFailure(null);
    setOpen(true);
  };

  const save = async () => {
    const values = await validate(form);
    if (!values) return;
    setSaving(true);
    setFailure(null);
    try {
      await wfmApi.createShiftTemplate(templateInputOf(values));
      message.success(t('common.created'));
      setOpen(false);
      await onChanged();
    } catch (error) {
      setFailure({ error, lines: applyServerErrors(form, error, templateFieldName) });
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (template: ShiftTemplate) => {
    try {
      await wfmApi.deleteShiftTemplate(template.id);
      message.success(t('wfm.template.deleted', { name: template.name }));
      await onChanged();
    } catch (error) {
      message.error(errorText(error));
    }
  };

  const clockRule = (field: string) => ({
    validator: async (_rule: unknown, value: unknown) => {
      if (value === undefined || value === null || value === '') throw new Error(t('validation.required', { field }));
      if (parseClock(String(value)) === null) throw new Error(t('wfm.clockFormat', { field }));
    },
  });
  const minutes = (name: (string | number)[] | string, label: string, testId?: string, optional = false) => (
    <Form.Item name={name} label={label} rules={optional ? [] : [{ required: true, message: t('validation.required', { field: label }) }]}>
      <InputNumber min={0} precision={0} suffix={t('wfm.minutesUnit')} style={{ width: 130 }} data-testid={testId} />
    </Form.Item>
  );

  return (
    <Card
      size="small"
      title={t('wfm.template.title')}
      style={{ marginBottom: 16 }}
      extra={
        plan && (
          <Button size="small" type="primary" ghost icon={<PlusOutlined />} onClick={openForm} data-testid="wfm-template-create">
            {t('wfm.template.create')}
          </Button>
        )
      }
    >
      <Table<ShiftTemplate>
        data-testid="wfm-templates-table"
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={templates}
        pagination={false}
        locale={{ emptyText: t('wfm.template.empty') }}
        columns={[
          { title: t('common.name'), dataIndex: 'name', render: (name: string) => <strong>{name}</strong> },
          { title: t('wfm.template.window'), key: 'window', render: (_: unknown, row) => text.window(row) },
          { title: t('wfm.template.paidLength'), key: 'paid', render: (_: unknown, row) => text.paid(row) },
          { title: t('wfm.template.weekdays'), key: 'weekdays', render: (_: unknown, row) => text.weekdays(row) },
          { title: t('wfm.template.breaks'), key: 'breaks', render: (_: unknown, row) => <Typography.Text style={{ fontSize: 12 }}>{text.breaks(row)}</Typography.Text> },
          ...(plan
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 80,
                  render: (_: unknown, row: ShiftTemplate) => (
                    <Popconfirm title={t('wfm.template.deleteConfirm', { name: row.name })} onConfirm={() => void remove(row)}>
                      <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('wfm.remove')} data-testid={`wfm-template-delete-${row.name}`} />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={open}
        title={t('wfm.template.create')}
        onOk={() => void save()}
        onCancel={() => setOpen(false)}
        confirmLoading={saving}
        okButtonProps={testIdProps('wfm-template-save')}
        width={720}
        forceRender
      >
        {failure && <ServerAlert error={failure.error} lines={failure.lines} testId="wfm-template-error" />}
        <Form<TemplateValues> form={form} layout="vertical" initialValues={TEMPLATE_DEFAULTS}>
          <Form.Item name="name" label={t('common.name')} rules={[required(t('common.name'))]}>
            <Input maxLength={100} data-testid="wfm-template-name" />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item name="earliestStart" label={t('wfm.template.earliestStart')} rules={[clockRule(t('wfm.template.earliestStart'))]}>
              <Input placeholder="08:00" style={{ width: 110 }} data-testid="wfm-template-earliest" />
            </Form.Item>
            <Form.Item name="latestStart" label={t('wfm.template.latestStart')} rules={[clockRule(t('wfm.template.latestStart'))]}>
              <Input placeholder="11:00" style={{ width: 110 }} data-testid="wfm-template-latest" />
            </Form.Item>
            {minutes('startStepMinutes', t('wfm.template.step'))}
            <Form.Item name="paidHours" label={t('wfm.template.paidLength')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.required', { field: t('wfm.template.paidLength') }) }]}>
              <Select mode="multiple" style={{ minWidth: 180 }} options={[4, 5, 6, 7, 7.5, 8, 9, 10].map((hours) => ({ value: hours, label: t('wfm.hoursValue', { value: hours }) }))} data-testid="wfm-template-paid" />
            </Form.Item>
          </Flex>
          <Form.Item name="weekdays" label={t('wfm.template.weekdays')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.required', { field: t('wfm.template.weekdays') }) }]}>
            <Checkbox.Group options={ALL_DAYS.map((d) => ({ value: d, label: t(`wfm.weekdayShort.${d}`) }))} />
          </Form.Item>
          <Typography.Title level={5}>{t('wfm.template.breaks')}</Typography.Title>
          <Flex gap={12} wrap align="end">
            {minutes('restMinutes', t('wfm.template.restMinutes'))}
            {minutes('maxWorkStretchMinutes', t('wfm.template.maxStretch'))}
            {minutes('minWorkStretchMinutes', t('wfm.template.minStretch'), undefined, true)}
            <Form.Item name="restPaid" label={t('wfm.template.restPaid')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Flex>
          <Flex gap={12} align="center" style={{ marginBottom: 8 }}>
            <Form.Item name="mealOn" valuePropName="checked" noStyle>
              <Switch size="small" />
            </Form.Item>
            <Typography.Text strong>{t('wfm.template.meal')}</Typography.Text>
          </Flex>
          {mealOn && (
            <Flex gap={12} wrap align="end">
              {minutes(['meal', 'minMinutes'], t('wfm.template.mealMin'))}
              {minutes(['meal', 'maxMinutes'], t('wfm.template.mealMax'))}
              {minutes(['meal', 'earliestStartAfterMinutes'], t('wfm.template.mealEarliest'))}
              {minutes(['meal', 'latestStartAfterMinutes'], t('wfm.template.mealLatest'))}
              <Form.Item name={['meal', 'paid']} label={t('wfm.template.mealPaid')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Flex>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
