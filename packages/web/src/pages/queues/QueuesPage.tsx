import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Flex, Form, Input, InputNumber, Radio, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { MinusCircleOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type Skill } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { errorText } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { maxLength, required, validate } from '../../lib/validation.ts';
import {
  LIMIT_ACTIONS,
  QUEUE_CHANNELS,
  ROUTING_STRATEGIES,
  queuesApi,
  type BusinessLine,
  type LimitActionType,
  type QueueConfig,
  type QueueSettings,
} from './api.ts';
import { mapQueueIssues } from './issues.ts';

const MAX_SECONDS = 7 * 24 * 3600;
export const QUEUE_CODE_PATTERN = /^[a-z0-9_]{1,40}$/;

interface FormValues {
  code: string;
  name: string;
  businessLineId?: string;
  overflowOn: boolean;
  limitsOn: boolean;
  settings: {
    channel: QueueSettings['channel'];
    skills?: { skill?: string; minLevel?: number }[];
    priority: number;
    serviceLevel: { percent: number; seconds: number };
    strategy: QueueSettings['strategy'];
    widening?: { afterSeconds?: number; levelReduction?: number }[];
    overflow?: { afterSeconds?: number; queueId?: string };
    limits?: { maxLength?: number | null; maxWaitSeconds?: number | null; action?: { type?: LimitActionType; queueId?: string } };
    ringTimeoutSeconds: number;
    maxWrapUpSeconds: number;
    expectedHandleSeconds: number;
  };
}

const DEFAULTS: FormValues = {
  code: '',
  name: '',
  overflowOn: false,
  limitsOn: false,
  settings: {
    channel: 'voice',
    skills: [],
    priority: 0,
    serviceLevel: { percent: 80, seconds: 20 },
    strategy: 'longest_idle',
    widening: [],
    overflow: { afterSeconds: 30 },
    limits: { maxLength: null, maxWaitSeconds: 600, action: { type: 'callback' } },
    ringTimeoutSeconds: 20,
    maxWrapUpSeconds: 60,
    expectedHandleSeconds: 300,
  },
};

function valuesOf(queue: QueueConfig): FormValues {
  return {
    code: queue.code,
    name: queue.name,
    businessLineId: queue.businessLineId,
    overflowOn: queue.overflow !== null,
    limitsOn: queue.limits !== null,
    settings: {
      channel: queue.channel,
      skills: queue.skills.map((s) => ({ ...s })),
      priority: queue.priority,
      serviceLevel: { ...queue.serviceLevel },
      strategy: queue.strategy,
      widening: queue.widening.map((w) => ({ ...w })),
      overflow: queue.overflow ? { ...queue.overflow } : DEFAULTS.settings.overflow,
      limits: queue.limits
        ? { maxLength: queue.limits.maxLength, maxWaitSeconds: queue.limits.maxWaitSeconds, action: { ...queue.limits.action } }
        : DEFAULTS.settings.limits,
      ringTimeoutSeconds: queue.ringTimeoutSeconds,
      maxWrapUpSeconds: queue.maxWrapUpSeconds,
      expectedHandleSeconds: queue.expectedHandleSeconds,
    },
  };
}

/** The settings the server takes, from the form (channel only on creation). */
export function settingsOf(values: FormValues, creating: boolean): Partial<QueueSettings> {
  const s = values.settings;
  const limitsAction = s.limits?.action?.type ?? 'callback';
  const settings: Partial<QueueSettings> = {
    skills: (s.skills ?? []).map((r) => ({ skill: r.skill ?? '', minLevel: r.minLevel ?? 1 })),
    priority: s.priority,
    serviceLevel: { percent: s.serviceLevel.percent, seconds: s.serviceLevel.seconds },
    strategy: s.strategy,
    widening: (s.widening ?? []).map((w) => ({ afterSeconds: w.afterSeconds ?? 0, levelReduction: w.levelReduction ?? 1 })),
    overflow: values.overflowOn ? { afterSeconds: s.overflow?.afterSeconds ?? 0, queueId: s.overflow?.queueId ?? '' } : null,
    limits: values.limitsOn
      ? {
          maxLength: s.limits?.maxLength ?? null,
          maxWaitSeconds: s.limits?.maxWaitSeconds ?? null,
          action: limitsAction === 'queue' ? { type: 'queue', queueId: s.limits?.action?.queueId ?? '' } : { type: limitsAction },
        }
      : null,
    ringTimeoutSeconds: s.ringTimeoutSeconds,
    maxWrapUpSeconds: s.maxWrapUpSeconds,
    expectedHandleSeconds: s.expectedHandleSeconds,
  };
  if (creating) settings.channel = s.channel;
  return settings;
}

export function QueuesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const manage = can('queues.manage');
  const readSkills = can('skills.read');
  const { data, loading, reload } = useLoad(async () => {
    const [queues, lines, skills] = await Promise.all([
      queuesApi.queues(),
      queuesApi.businessLines(),
      readSkills ? api.skills().then((list) => list.items) : Promise.resolve([] as Skill[]),
    ]);
    return { queues: queues.items, lines: lines.items, skills };
  });
  const [editing, setEditing] = useState<QueueConfig | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const [form] = Form.useForm<FormValues>();
  const channel = Form.useWatch(['settings', 'channel'], form);
  const overflowOn = Form.useWatch('overflowOn', form);
  const limitsOn = Form.useWatch('limitsOn', form);
  const limitAction = Form.useWatch(['settings', 'limits', 'action', 'type'], form);

  const queues = useMemo(() => data?.queues ?? [], [data]);
  const lineById = useMemo(() => new Map((data?.lines ?? []).map((line: BusinessLine) => [line.id, line])), [data]);
  const skillById = useMemo(() => new Map((data?.skills ?? []).map((skill) => [skill.id, skill])), [data]);
  const queueById = useMemo(() => new Map(queues.map((q) => [q.id, q])), [queues]);
  const queueName = (id: string) => {
    const queue = queueById.get(id);
    return queue ? `${queue.name} (${queue.code})` : id.slice(0, 8);
  };
  const channelText = (value: string) => t(`queues.channelName.${value}`, { defaultValue: value });
  const secondsText = (value: number) => <span style={{ whiteSpace: 'nowrap' }}>{t('queues.secondsValue', { value })}</span>;

  const open = (queue: QueueConfig | 'new') => {
    setEditing(queue);
    setGeneral([]);
    form.resetFields();
    form.setFieldsValue(queue === 'new' ? { ...DEFAULTS, businessLineId: data?.lines[0]?.id } : valuesOf(queue));
  };

  const save = async () => {
    const values = await validate(form);
    if (!values || !editing) return;
    const creating = editing === 'new';
    setSaving(true);
    setGeneral([]);
    try {
      if (creating) {
        await queuesApi.create({ code: values.code.trim(), name: values.name.trim(), businessLineId: values.businessLineId ?? '', settings: settingsOf(values, true) });
      } else {
        await queuesApi.update(editing.id, { name: values.name.trim(), businessLineId: values.businessLineId, settings: settingsOf(values, false) });
      }
      message.success(creating ? t('common.created') : t('common.saved'));
      setEditing(null);
      await reload();
    } catch (error) {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.details) {
        const known = form.getFieldsError().map((field) => field.name);
        const candidateIndex = queues.filter((q) => creating || q.id !== editing.id).length;
        const mapped = mapQueueIssues(error.details, known, candidateIndex);
        // The server names queues by id in its messages: show their codes.
        const readable = (text: string) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (id) => queueById.get(id)?.code ?? id);
        const serverSays = (text: string) => (text ? t('queues.serverIssue', { message: readable(text) }) : t('queues.serverRejected'));
        form.setFields(mapped.fields.map((issue) => ({ name: issue.name as never, errors: [issue.message === 'channel_fixed' ? t('queues.channelFixed') : serverSays(issue.message)] })));
        setGeneral(mapped.general.map(readable));
      }
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  const positive = (field: string, max = MAX_SECONDS): Rule[] => [
    { required: true, message: t('validation.required', { field }) },
    { type: 'number', min: Number.MIN_VALUE, max, message: t('queues.validation.range', { field, min: '> 0', max }) },
  ];
  const intRange = (field: string, min: number, max: number): Rule[] => [
    { required: true, message: t('validation.required', { field }) },
    { type: 'integer', min, max, message: t('queues.validation.range', { field, min, max }) },
  ];

  const otherQueues = queues.filter((q) => (editing === 'new' || q.id !== editing?.id) && q.channel === (channel ?? 'voice'));
  const queueOptions = otherQueues.map((q) => ({ value: q.id, label: `${q.name} (${q.code})` }));
  const skillOptions = (data?.skills ?? []).map((skill) => ({ value: skill.id, label: `${skill.name} (${skill.code})` }));

  const limitsText = (queue: QueueConfig) => {
    const limits = queue.limits;
    if (!limits) return <Typography.Text type="secondary">{t('queues.none')}</Typography.Text>;
    const parts = [
      limits.maxLength !== null ? t('queues.maxLengthValue', { value: limits.maxLength }) : null,
      limits.maxWaitSeconds !== null ? t('queues.maxWaitValue', { value: limits.maxWaitSeconds }) : null,
    ].filter(Boolean);
    const action =
      limits.action.type === 'queue' ? `${t('queues.limitAction.queue')} ${queueName(limits.action.queueId)}` : t(`queues.limitAction.${limits.action.type}`);
    return `${parts.join(' · ')} → ${action}`;
  };

  return (
    <PageCard
      testId="page-queues"
      title={t('queues.title')}
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={() => void reload()}>
            {t('common.refresh')}
          </Button>
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="queue-create">
              {t('queues.create')}
            </Button>
          )}
        </>
      }
    >
      <Table<QueueConfig>
        data-testid="queues-table"
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={queues}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        columns={[
          { title: t('queues.code'), dataIndex: 'code', fixed: 'left', render: (code: string) => <code style={{ whiteSpace: 'nowrap' }}>{code}</code> },
          { title: t('queues.name'), dataIndex: 'name', render: (name: string) => <span style={{ whiteSpace: 'nowrap' }}>{name}</span> },
          { title: t('queues.channel'), dataIndex: 'channel', render: (value: string) => <Tag color={value === 'voice' ? 'blue' : 'cyan'}>{channelText(value)}</Tag> },
          { title: t('queues.businessLine'), dataIndex: 'businessLineId', render: (id: string) => lineById.get(id)?.name ?? id.slice(0, 8) },
          {
            title: t('queues.skills'),
            dataIndex: 'skills',
            width: 220,
            render: (skills: QueueConfig['skills']) =>
              skills.length === 0 ? (
                <Typography.Text type="secondary">{t('queues.anySkill')}</Typography.Text>
              ) : (
                <Space size={[4, 4]} wrap>
                  {skills.map((s) => {
                    const text = `${skillById.get(s.skill)?.name ?? s.skill.slice(0, 8)} ≥ ${s.minLevel}`;
                    return (
                      <Tooltip key={s.skill} title={text}>
                        <Tag style={{ maxWidth: 200, overflow: 'hidden', textOverflow: 'ellipsis', verticalAlign: 'top' }}>{text}</Tag>
                      </Tooltip>
                    );
                  })}
                </Space>
              ),
          },
          { title: t('queues.priority'), dataIndex: 'priority', width: 80 },
          {
            title: t('queues.serviceLevel'),
            key: 'serviceLevel',
            render: (_: unknown, q) => (
              <span style={{ whiteSpace: 'nowrap' }}>{t('queues.serviceLevelValue', { percent: q.serviceLevel.percent, seconds: q.serviceLevel.seconds })}</span>
            ),
          },
          {
            title: t('queues.strategy'),
            dataIndex: 'strategy',
            render: (value: string) => <span style={{ whiteSpace: 'nowrap' }}>{t(`queues.strategyName.${value}`, { defaultValue: value })}</span>,
          },
          { title: t('queues.ringTimeout'), dataIndex: 'ringTimeoutSeconds', render: secondsText },
          { title: t('queues.maxWrapUp'), dataIndex: 'maxWrapUpSeconds', render: secondsText },
          {
            title: t('queues.overflow'),
            dataIndex: 'overflow',
            render: (overflow: QueueConfig['overflow']) =>
              overflow ? (
                <span style={{ whiteSpace: 'nowrap' }}>{t('queues.overflowValue', { seconds: overflow.afterSeconds, queue: queueName(overflow.queueId) })}</span>
              ) : (
                <Typography.Text type="secondary">{t('queues.none')}</Typography.Text>
              ),
          },
          { title: t('queues.limits'), key: 'limits', render: (_: unknown, q) => <span style={{ whiteSpace: 'nowrap' }}>{limitsText(q)}</span> },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            width: 90,
            render: (_: unknown, queue) => (
              <Button type="link" onClick={() => open(queue)} data-testid={`queue-edit-${queue.code}`}>
                {manage ? t('common.edit') : t('common.details')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        size={600}
        title={editing === 'new' ? t('queues.create') : `${manage ? t('queues.edit') : t('common.details')} · ${editing?.name ?? ''}`}
        forceRender
        extra={
          manage && (
            <Space>
              <Button onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
              <Button type="primary" loading={saving} onClick={() => void save()} data-testid="queue-save">
                {t('common.save')}
              </Button>
            </Space>
          )
        }
      >
        {general.length > 0 && (
          <Alert
            data-testid="queue-issues"
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('queues.serverRejected')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {general.map((text, index) => (
                  <li key={index}>{text}</li>
                ))}
              </ul>
            }
          />
        )}
        <Form form={form} name="queue" layout="vertical" requiredMark="optional" disabled={!manage} initialValues={DEFAULTS}>
          <Flex gap={12}>
            <Form.Item
              name="code"
              label={t('queues.code')}
              style={{ flex: 1 }}
              tooltip={t('queues.validation.code')}
              rules={editing === 'new' ? [required(t('queues.code')), { pattern: QUEUE_CODE_PATTERN, message: t('queues.validation.code') }] : []}
            >
              <Input disabled={editing !== 'new'} placeholder="water_repair" />
            </Form.Item>
            <Form.Item name="name" label={t('queues.name')} style={{ flex: 1 }} rules={[required(t('queues.name')), maxLength(t('queues.name'), 100)]}>
              <Input />
            </Form.Item>
          </Flex>
          <Flex gap={12}>
            <Form.Item
              name="businessLineId"
              label={t('queues.businessLine')}
              style={{ flex: 1 }}
              rules={[{ required: true, message: t('validation.required', { field: t('queues.businessLine') }) }]}
            >
              <Select options={(data?.lines ?? []).map((line) => ({ value: line.id, label: line.name }))} />
            </Form.Item>
            <Form.Item
              name={['settings', 'channel']}
              label={t('queues.channel')}
              required
              tooltip={t('queues.channelFixed')}
            >
              <Radio.Group
                optionType="button"
                disabled={editing !== 'new'}
                options={QUEUE_CHANNELS.map((value) => ({ value, label: channelText(value) }))}
              />
            </Form.Item>
          </Flex>

          <Card size="small" title={t('queues.routing')} style={{ marginBottom: 16 }}>
            <Form.Item label={t('queues.skills')} tooltip={t('queues.skillsHint')}>
              <Form.List
                name={['settings', 'skills']}
                rules={[
                  {
                    validator: async (_rule, value: { skill?: string }[] | undefined) => {
                      const ids = (value ?? []).map((s) => s.skill).filter(Boolean);
                      if (new Set(ids).size !== ids.length) throw new Error(t('validation.duplicateSkill'));
                    },
                  },
                ]}
              >
                {(fields, { add, remove }, { errors }) => (
                  <Flex vertical gap={0}>
                    {fields.map((field) => (
                      <Flex key={field.key} gap={8} align="start">
                        <Form.Item
                          name={[field.name, 'skill']}
                          style={{ flex: 1, marginBottom: 8 }}
                          rules={[{ required: true, message: t('validation.required', { field: t('queues.skill') }) }]}
                        >
                          <Select showSearch={{ optionFilterProp: 'label' }} options={skillOptions} placeholder={t('queues.skill')} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'minLevel']} style={{ marginBottom: 8 }} rules={intRange(t('queues.minLevel'), 1, 10)}>
                          <InputNumber min={1} max={10} precision={0} prefix={t('queues.minLevel')} style={{ width: 150 }} />
                        </Form.Item>
                        {manage && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('ivr.form.remove')} />}
                      </Flex>
                    ))}
                    {manage && (
                      <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ minLevel: 1 })} disabled={!readSkills}>
                        {t('queues.addSkill')}
                      </Button>
                    )}
                    <Form.ErrorList errors={errors} />
                  </Flex>
                )}
              </Form.List>
            </Form.Item>
            <Flex gap={12} wrap>
              <Form.Item name={['settings', 'priority']} label={t('queues.priority')} tooltip={t('queues.priorityHint')} rules={intRange(t('queues.priority'), 0, 100)}>
                <InputNumber min={0} max={100} precision={0} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name={['settings', 'strategy']} label={t('queues.strategy')} required style={{ flex: 1, minWidth: 200 }}>
                <Select options={ROUTING_STRATEGIES.map((value) => ({ value, label: t(`queues.strategyName.${value}`) }))} />
              </Form.Item>
            </Flex>
            <Form.Item label={t('queues.serviceLevel')} required style={{ marginBottom: 0 }}>
              <Flex gap={8} align="start" wrap>
                <Form.Item
                  name={['settings', 'serviceLevel', 'percent']}
                  rules={[
                    { required: true, message: t('validation.required', { field: t('queues.slPercent') }) },
                    { type: 'number', min: Number.MIN_VALUE, max: 100, message: t('queues.validation.percent') },
                  ]}
                >
                  <InputNumber min={0} max={100} suffix="%" style={{ width: 120 }} />
                </Form.Item>
                <Typography.Text style={{ lineHeight: '32px' }}>{t('queues.slWithin')}</Typography.Text>
                <Form.Item name={['settings', 'serviceLevel', 'seconds']} rules={positive(t('queues.slSeconds'))}>
                  <InputNumber min={1} suffix={t('queues.secondsUnit')} style={{ width: 130 }} />
                </Form.Item>
              </Flex>
            </Form.Item>
            <Form.Item label={t('queues.widening')} tooltip={t('queues.wideningHint')} style={{ marginBottom: 0 }}>
              <Form.List
                name={['settings', 'widening']}
                rules={[
                  {
                    validator: async (_rule, value: { afterSeconds?: number; levelReduction?: number }[] | undefined) => {
                      const steps = value ?? [];
                      for (let i = 1; i < steps.length; i++) {
                        const a = steps[i - 1]!;
                        const b = steps[i]!;
                        if ((b.afterSeconds ?? 0) <= (a.afterSeconds ?? 0) || (b.levelReduction ?? 0) <= (a.levelReduction ?? 0)) {
                          throw new Error(t('queues.validation.wideningOrder'));
                        }
                      }
                    },
                  },
                ]}
              >
                {(fields, { add, remove }, { errors }) => (
                  <Flex vertical gap={0} style={{ marginBottom: 16 }}>
                    {fields.map((field) => (
                      <Flex key={field.key} gap={8} align="start" wrap>
                        <Form.Item name={[field.name, 'afterSeconds']} style={{ marginBottom: 8 }} rules={positive(t('queues.wideningAfter'))}>
                          <InputNumber min={1} prefix={t('queues.wideningAfter')} suffix={t('queues.secondsUnit')} style={{ width: 220 }} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'levelReduction']} style={{ marginBottom: 8 }} rules={intRange(t('queues.levelReduction'), 1, 9)}>
                          <InputNumber min={1} max={9} precision={0} prefix={t('queues.levelReduction')} style={{ width: 170 }} />
                        </Form.Item>
                        {manage && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('ivr.form.remove')} />}
                      </Flex>
                    ))}
                    {manage && (
                      <Button
                        type="dashed"
                        icon={<PlusOutlined />}
                        disabled={fields.length >= 9}
                        onClick={() => {
                          const steps = (form.getFieldValue(['settings', 'widening']) ?? []) as { afterSeconds?: number; levelReduction?: number }[];
                          const last = steps.at(-1);
                          add({ afterSeconds: (last?.afterSeconds ?? 0) + 60, levelReduction: Math.min(9, (last?.levelReduction ?? 0) + 1) });
                        }}
                      >
                        {t('queues.addWidening')}
                      </Button>
                    )}
                    <Form.ErrorList errors={errors} />
                  </Flex>
                )}
              </Form.List>
            </Form.Item>
          </Card>

          <Card
            size="small"
            style={{ marginBottom: 16 }}
            title={
              <Space>
                {t('queues.overflow')}
                <Form.Item name="overflowOn" valuePropName="checked" noStyle>
                  <Switch size="small" data-testid="queue-overflow-on" />
                </Form.Item>
              </Space>
            }
          >
            {overflowOn ? (
              <Flex gap={12} wrap>
                <Form.Item name={['settings', 'overflow', 'afterSeconds']} label={t('queues.overflowAfter')} rules={positive(t('queues.overflowAfter'))}>
                  <InputNumber min={1} suffix={t('queues.secondsUnit')} style={{ width: 140 }} />
                </Form.Item>
                <Form.Item
                  name={['settings', 'overflow', 'queueId']}
                  label={t('queues.overflowTarget')}
                  style={{ flex: 1, minWidth: 200 }}
                  tooltip={t('queues.sameChannel')}
                  rules={[{ required: true, message: t('validation.required', { field: t('queues.overflowTarget') }) }]}
                >
                  <Select options={queueOptions} showSearch={{ optionFilterProp: 'label' }} />
                </Form.Item>
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('queues.overflowOff')}</Typography.Text>
            )}
          </Card>

          <Card
            size="small"
            style={{ marginBottom: 16 }}
            title={
              <Space>
                {t('queues.limits')}
                <Form.Item name="limitsOn" valuePropName="checked" noStyle>
                  <Switch size="small" data-testid="queue-limits-on" />
                </Form.Item>
              </Space>
            }
          >
            {limitsOn ? (
              <>
                <Flex gap={12} wrap>
                  <Form.Item
                    name={['settings', 'limits', 'maxLength']}
                    label={t('queues.maxLength')}
                    dependencies={[['settings', 'limits', 'maxWaitSeconds']]}
                    rules={[
                      { type: 'integer', min: 0, max: 100_000, message: t('queues.validation.range', { field: t('queues.maxLength'), min: 0, max: 100_000 }) },
                      ({ getFieldValue }) => ({
                        validator: async (_rule, value: unknown) => {
                          const wait = getFieldValue(['settings', 'limits', 'maxWaitSeconds']) as unknown;
                          if ((value === null || value === undefined) && (wait === null || wait === undefined)) throw new Error(t('queues.validation.limitsNeedOne'));
                        },
                      }),
                    ]}
                  >
                    <InputNumber min={0} max={100_000} precision={0} style={{ width: 150 }} placeholder={t('queues.unlimited')} />
                  </Form.Item>
                  <Form.Item
                    name={['settings', 'limits', 'maxWaitSeconds']}
                    label={t('queues.maxWait')}
                    rules={[{ type: 'number', min: Number.MIN_VALUE, max: MAX_SECONDS, message: t('queues.validation.range', { field: t('queues.maxWait'), min: '> 0', max: MAX_SECONDS }) }]}
                  >
                    <InputNumber min={1} suffix={t('queues.secondsUnit')} style={{ width: 150 }} placeholder={t('queues.unlimited')} />
                  </Form.Item>
                </Flex>
                <Flex gap={12} wrap>
                  <Form.Item name={['settings', 'limits', 'action', 'type']} label={t('queues.limitActionLabel')} required>
                    <Radio.Group optionType="button" options={LIMIT_ACTIONS.map((value) => ({ value, label: t(`queues.limitAction.${value}`) }))} />
                  </Form.Item>
                  {limitAction === 'queue' && (
                    <Form.Item
                      name={['settings', 'limits', 'action', 'queueId']}
                      label={t('queues.limitTarget')}
                      style={{ flex: 1, minWidth: 200 }}
                      tooltip={t('queues.sameChannel')}
                      rules={[{ required: true, message: t('validation.required', { field: t('queues.limitTarget') }) }]}
                    >
                      <Select options={queueOptions} showSearch={{ optionFilterProp: 'label' }} />
                    </Form.Item>
                  )}
                </Flex>
              </>
            ) : (
              <Typography.Text type="secondary">{t('queues.limitsOff')}</Typography.Text>
            )}
          </Card>

          <Card size="small" title={t('queues.handling')}>
            <Flex gap={12} wrap>
              <Form.Item name={['settings', 'ringTimeoutSeconds']} label={t('queues.ringTimeout')} rules={positive(t('queues.ringTimeout'))}>
                <InputNumber min={1} suffix={t('queues.secondsUnit')} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item
                name={['settings', 'maxWrapUpSeconds']}
                label={t('queues.maxWrapUp')}
                rules={[
                  { required: true, message: t('validation.required', { field: t('queues.maxWrapUp') }) },
                  { type: 'number', min: 0, max: 86_400, message: t('queues.validation.range', { field: t('queues.maxWrapUp'), min: 0, max: 86_400 }) },
                ]}
              >
                <InputNumber min={0} suffix={t('queues.secondsUnit')} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item
                name={['settings', 'expectedHandleSeconds']}
                label={
                  <Tooltip title={t('queues.expectedHandleHint')}>
                    <span>{t('queues.expectedHandle')}</span>
                  </Tooltip>
                }
                rules={positive(t('queues.expectedHandle'))}
              >
                <InputNumber min={1} suffix={t('queues.secondsUnit')} style={{ width: 140 }} />
              </Form.Item>
            </Flex>
          </Card>
        </Form>
      </Drawer>
    </PageCard>
  );
}
