/**
 * /wfm/forecasts: the forecast versions per queue and a form to create one (horizon, method,
 * adjustments); /wfm/forecasts?id=…: one forecast with its backtest (WAPE/MAPE per method), the
 * holdout and forecast-ahead charts, its staffing plan per interval and the manager's approval.
 */
import { useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Drawer, Flex, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, MinusCircleOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { errorText, formatDateTime, testIdProps } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { validate } from '../../lib/validation.ts';
import { DEFAULT_TIME_ZONE, FORECAST_METHODS, wfmApi, type BacktestRow, type ForecastAdjustment, type ForecastDetail, type ForecastMethodChoice, type ForecastSummary, type HistorySummary } from './api.ts';
import { COLORS, TimeChart } from './charts.tsx';
import { ForecastStatusTag, ServerAlert, applyServerErrors } from './common.tsx';
import { addDays, daily, localDateTime, namePathOf, parseClock, percentText, slotLabels } from './model.ts';
import { StaffingPlanCard } from './StaffingPlan.tsx';

export function ForecastsPage() {
  const [params, setParams] = useSearchParams();
  const id = params.get('id');
  if (id) return <ForecastView key={id} id={id} onBack={() => setParams({})} />;
  return <ForecastList onOpen={(forecastId) => setParams({ id: forecastId })} />;
}

function chosenBacktest(forecast: Pick<ForecastSummary, 'backtest' | 'method'>): BacktestRow | undefined {
  return forecast.backtest.find((row) => row.method === forecast.method);
}

function ForecastList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { data, loading, reload } = useLoad(async () => {
    const [forecasts, history] = await Promise.all([wfmApi.forecasts(), wfmApi.history()]);
    return { forecasts: forecasts.items, history: history.items };
  });
  const [creating, setCreating] = useState(false);
  const queueName = (queueId: string, code: string | null) => data?.history.find((row) => row.queueId === queueId)?.queueName ?? code ?? queueId.slice(0, 8);

  return (
    <PageCard
      testId="page-wfm-forecasts"
      title={t('wfm.forecast.title')}
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={() => void reload()}>
            {t('common.refresh')}
          </Button>
          {can('wfm.plan') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="wfm-forecast-create">
              {t('wfm.forecast.create')}
            </Button>
          )}
        </>
      }
    >
      <Typography.Paragraph type="secondary">{t('wfm.forecast.intro')}</Typography.Paragraph>
      <Table<ForecastSummary>
        data-testid="wfm-forecasts-table"
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.forecasts ?? []}
        locale={{ emptyText: t('wfm.forecast.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('wfm.queue'),
            key: 'queue',
            render: (_: unknown, row) => (
              <Typography.Link onClick={() => onOpen(row.id)} data-testid="wfm-forecast-open" data-queue={row.queueCode ?? ''} data-version={row.version}>
                {queueName(row.queueId, row.queueCode)} · v{row.version}
              </Typography.Link>
            ),
          },
          { title: t('common.status'), dataIndex: 'status', render: (status: ForecastSummary['status']) => <ForecastStatusTag status={status} /> },
          { title: t('wfm.forecast.method'), dataIndex: 'method', render: (method: string) => t(`wfm.method.${method}`, { defaultValue: method }) },
          { title: 'WAPE', key: 'wape', render: (_: unknown, row) => percentText(chosenBacktest(row)?.wape) },
          { title: t('wfm.forecast.window'), key: 'window', render: (_: unknown, row) => `${row.startDate} ~ ${addDays(row.startDate, row.horizonDays - 1)}` },
          { title: t('wfm.forecast.peakAgents'), dataIndex: 'peakAgents', render: (value: number | null) => value ?? <Typography.Text type="secondary">{t('wfm.forecast.noPlan')}</Typography.Text> },
          { title: t('wfm.createdAt'), dataIndex: 'createdAt', render: (value: string) => formatDateTime(value) },
          { title: t('wfm.forecast.approvedAt'), dataIndex: 'approvedAt', render: (value: string | null) => (value ? formatDateTime(value) : '–') },
        ]}
      />
      <CreateForecast open={creating} history={data?.history ?? []} onClose={() => setCreating(false)} onCreated={(forecast) => onOpen(forecast.id)} />
    </PageCard>
  );
}

// ------------------------------------------------------------------ create

interface AdjustmentValues {
  kind: ForecastAdjustment['kind'];
  dates?: [Dayjs, Dayjs];
  percent?: number;
  fromTime?: string;
  toTime?: string;
  date?: Dayjs;
  likeDate?: Dayjs;
  fromDate?: Dayjs;
  multiplier?: number;
}

interface CreateValues {
  queueId: string;
  horizonWeeks: number;
  method: ForecastMethodChoice;
  holdoutDays?: number | null;
  adjustments?: AdjustmentValues[];
}

const day = (value: Dayjs | undefined) => (value ? value.format('YYYY-MM-DD') : '');

function adjustmentOf(values: AdjustmentValues): ForecastAdjustment {
  if (values.kind === 'holiday') return { kind: 'holiday', date: day(values.date), ...(values.likeDate ? { likeDate: day(values.likeDate) } : {}) };
  if (values.kind === 'businessChange') return { kind: 'businessChange', fromDate: day(values.fromDate), multiplier: values.multiplier ?? 1 };
  const from = values.fromTime ? parseClock(values.fromTime) : null;
  const to = values.toTime ? parseClock(values.toTime) : null;
  return {
    kind: 'percent',
    fromDate: day(values.dates?.[0]),
    toDate: day(values.dates?.[1]),
    percent: values.percent ?? 0,
    ...(from !== null ? { fromMinute: from } : {}),
    ...(to !== null ? { toMinute: to === 0 ? 1440 : to } : {}),
  };
}

/** A request field → the form field that shows it. */
function createFieldName(field: string): (string | number)[] | null {
  const path = namePathOf(field);
  const [head, index, leaf] = path;
  if (head === 'adjustments' && typeof index === 'number') {
    const map: Record<string, string> = { fromDate: 'dates', toDate: 'dates', fromMinute: 'fromTime', toMinute: 'toTime' };
    const name = typeof leaf === 'string' ? (map[leaf] ?? leaf) : 'kind';
    return ['adjustments', index, name];
  }
  if (typeof head === 'string' && ['queueId', 'horizonWeeks', 'method', 'holdoutDays'].includes(head)) return [head];
  return null;
}

function CreateForecast({ open, history, onClose, onCreated }: { open: boolean; history: HistorySummary[]; onClose: () => void; onCreated: (forecast: ForecastDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; lines: string[] } | null>(null);
  const queueId = Form.useWatch('queueId', form);
  const horizonWeeks = Form.useWatch('horizonWeeks', form);
  const adjustments = Form.useWatch('adjustments', form);
  const queue = history.find((row) => row.queueId === queueId);
  const startsOn = queue?.to ? addDays(localDateTime(new Date(Date.parse(queue.to) - 1).toISOString(), DEFAULT_TIME_ZONE).date, 1) : null;

  const save = async () => {
    const values = await validate(form);
    if (!values) return;
    setSaving(true);
    setFailure(null);
    try {
      const forecast = await wfmApi.createForecast({
        queueId: values.queueId,
        horizonWeeks: values.horizonWeeks,
        method: values.method,
        ...(values.holdoutDays ? { holdoutDays: values.holdoutDays } : {}),
        adjustments: (values.adjustments ?? []).map(adjustmentOf),
      });
      message.success(t('wfm.forecast.created', { version: forecast.version }));
      form.resetFields();
      onClose();
      onCreated(forecast);
    } catch (error) {
      const lines = applyServerErrors(form, error, createFieldName);
      setFailure({ error, lines });
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  const inWindow = (value: Dayjs) => {
    if (!startsOn) return false;
    const date = value.format('YYYY-MM-DD');
    return date < startsOn || date > addDays(startsOn, (horizonWeeks ?? 2) * 7 - 1);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      title={t('wfm.forecast.create')}
      forceRender
      extra={
        <Button type="primary" onClick={() => void save()} loading={saving} data-testid="wfm-forecast-save">
          {t('wfm.forecast.run')}
        </Button>
      }
    >
      {failure && <ServerAlert error={failure.error} lines={failure.lines} testId="wfm-forecast-error" />}
      <Form<CreateValues> form={form} layout="vertical" initialValues={{ horizonWeeks: 2, method: 'auto', holdoutDays: 7, adjustments: [] }}>
        <Form.Item
          name="queueId"
          label={t('wfm.queue')}
          rules={[{ required: true, message: t('validation.required', { field: t('wfm.queue') }) }]}
          extra={history.length === 0 ? t('wfm.forecast.noHistory') : startsOn ? t('wfm.forecast.startsOn', { date: startsOn }) : undefined}
        >
          <Select
            data-testid="wfm-forecast-queue"
            options={history.map((row) => ({ value: row.queueId, label: `${row.queueName ?? row.queueCode} (${row.queueCode}) · ${t('wfm.forecast.historyIntervals', { count: row.intervals })}` }))}
          />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="horizonWeeks" label={t('wfm.forecast.horizonWeeks')} rules={[{ required: true, message: t('validation.required', { field: t('wfm.forecast.horizonWeeks') }) }]}>
            <InputNumber min={1} max={8} precision={0} suffix={t('wfm.weeksUnit')} style={{ width: 120 }} data-testid="wfm-forecast-horizon" />
          </Form.Item>
          <Form.Item name="holdoutDays" label={t('wfm.forecast.holdoutDays')} tooltip={t('wfm.forecast.holdoutHint')}>
            <InputNumber min={1} max={28} precision={0} suffix={t('wfm.daysUnit')} style={{ width: 120 }} />
          </Form.Item>
        </Flex>
        <Form.Item name="method" label={t('wfm.forecast.method')} tooltip={t('wfm.forecast.methodHint')}>
          <Radio.Group data-testid="wfm-forecast-method" options={(['auto', ...FORECAST_METHODS] as const).map((value) => ({ value, label: t(`wfm.method.${value}`) }))} />
        </Form.Item>
        <Typography.Title level={5}>{t('wfm.forecast.adjustments')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('wfm.forecast.adjustmentsHint')}
        </Typography.Paragraph>
        <Form.List name="adjustments">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field) => {
                const kind = adjustments?.[field.name]?.kind ?? 'percent';
                return (
                  <Card key={field.key} size="small" data-testid="wfm-forecast-adjustment" extra={<Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('wfm.remove')} />}
                    title={
                      <Form.Item name={[field.name, 'kind']} noStyle>
                        <Select
                          size="small"
                          style={{ width: 160 }}
                          options={(['percent', 'holiday', 'businessChange'] as const).map((value) => ({ value, label: t(`wfm.adjustment.kind.${value}`) }))}
                        />
                      </Form.Item>
                    }
                  >
                    {kind === 'percent' && (
                      <Flex gap={8} wrap>
                        <Form.Item name={[field.name, 'dates']} label={t('wfm.adjustment.dates')} rules={[{ required: true, message: t('validation.required', { field: t('wfm.adjustment.dates') }) }]}>
                          <DatePicker.RangePicker disabledDate={inWindow} data-testid="wfm-adjustment-dates" />
                        </Form.Item>
                        <Form.Item name={[field.name, 'percent']} label={t('wfm.adjustment.percent')} rules={[{ required: true, message: t('validation.required', { field: t('wfm.adjustment.percent') }) }]}>
                          <InputNumber min={-100} max={10000} suffix="%" style={{ width: 120 }} data-testid="wfm-adjustment-percent" />
                        </Form.Item>
                        <Form.Item name={[field.name, 'fromTime']} label={t('wfm.adjustment.fromTime')} rules={[clockRule(t('wfm.adjustment.fromTime'))]}>
                          <Input placeholder="09:00" style={{ width: 90 }} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'toTime']} label={t('wfm.adjustment.toTime')} rules={[clockRule(t('wfm.adjustment.toTime'))]}>
                          <Input placeholder="12:00" style={{ width: 90 }} />
                        </Form.Item>
                      </Flex>
                    )}
                    {kind === 'holiday' && (
                      <Flex gap={8} wrap>
                        <Form.Item name={[field.name, 'date']} label={t('wfm.adjustment.date')} rules={[{ required: true, message: t('validation.required', { field: t('wfm.adjustment.date') }) }]}>
                          <DatePicker disabledDate={inWindow} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'likeDate']} label={t('wfm.adjustment.likeDate')} tooltip={t('wfm.adjustment.likeDateHint')}>
                          <DatePicker />
                        </Form.Item>
                      </Flex>
                    )}
                    {kind === 'businessChange' && (
                      <Flex gap={8} wrap>
                        <Form.Item name={[field.name, 'fromDate']} label={t('wfm.adjustment.fromDate')} rules={[{ required: true, message: t('validation.required', { field: t('wfm.adjustment.fromDate') }) }]}>
                          <DatePicker disabledDate={inWindow} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'multiplier']} label={t('wfm.adjustment.multiplier')} rules={[{ required: true, message: t('validation.required', { field: t('wfm.adjustment.multiplier') }) }]}>
                          <InputNumber min={0} max={1000} step={0.05} style={{ width: 120 }} />
                        </Form.Item>
                      </Flex>
                    )}
                  </Card>
                );
              })}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'percent', percent: 20 })} data-testid="wfm-forecast-adjustment-add">
                {t('wfm.forecast.addAdjustment')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}

function clockRule(field: string) {
  return {
    validator: async (_rule: unknown, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      if (parseClock(String(value)) === null) throw new Error(`${field}: HH:MM`);
    },
  };
}

// ------------------------------------------------------------------ one forecast

function ForecastView({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const { data: forecast, loading, reload, setData } = useLoad(() => wfmApi.forecast(id), [id]);
  const [approving, setApproving] = useState(false);
  const [grain, setGrain] = useState<'day' | 'interval'>('interval');

  const approve = async () => {
    setApproving(true);
    try {
      setData(await wfmApi.approveForecast(id));
      message.success(t('wfm.forecast.approved'));
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setApproving(false);
    }
  };

  const charts = useMemo(() => (forecast ? forecastCharts(forecast, grain) : null), [forecast, grain]);

  if (!forecast) {
    return (
      <PageCard testId="page-wfm-forecasts" title={t('wfm.forecast.title')} extra={<Button icon={<ArrowLeftOutlined />} onClick={onBack}>{t('wfm.back')}</Button>}>
        <Card loading={loading} variant="borderless" />
      </PageCard>
    );
  }
  const chosen = chosenBacktest(forecast);
  const forced = forecast.options.method !== 'auto';

  return (
    <PageCard
      testId="page-wfm-forecasts"
      title={
        <Space>
          <span data-testid="wfm-forecast-title">
            {t('wfm.forecast.detailTitle', { queue: forecast.queueCode ?? '', version: forecast.version })}
          </span>
          <ForecastStatusTag status={forecast.status} testId="wfm-forecast-status" />
        </Space>
      }
      extra={
        <>
          <Button icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="wfm-forecast-back">
            {t('wfm.back')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => void reload()}>
            {t('common.refresh')}
          </Button>
          {can('wfm.approve') && forecast.status === 'draft' && (
            <Popconfirm
              title={forecast.staffing ? t('wfm.forecast.approveConfirm') : t('wfm.forecast.approveWithoutPlan')}
              onConfirm={() => void approve()}
              okButtonProps={testIdProps('wfm-forecast-approve-ok')}
            >
              <Button type="primary" icon={<CheckCircleOutlined />} loading={approving} data-testid="wfm-forecast-approve">
                {t('wfm.forecast.approve')}
              </Button>
            </Popconfirm>
          )}
        </>
      }
    >
      <div data-testid="wfm-forecast-detail" data-id={forecast.id} data-status={forecast.status}>
        <Flex gap={32} wrap style={{ marginBottom: 16 }}>
          <Labelled label={t('wfm.forecast.method')}>
            <Space size={4}>
              <span data-testid="wfm-forecast-chosen-method" data-method={forecast.method}>
                {t(`wfm.method.${forecast.method}`)}
              </span>
              <Tag>{forced ? t('wfm.forecast.forced') : t('wfm.forecast.auto')}</Tag>
            </Space>
          </Labelled>
          <Labelled label="WAPE">
            <span data-testid="wfm-forecast-wape" data-value={chosen?.wape ?? ''}>
              {percentText(chosen?.wape)}
            </span>
          </Labelled>
          <Labelled label="MAPE">{percentText(chosen?.mape)}</Labelled>
          <Labelled label={t('wfm.forecast.window')}>{`${forecast.startDate} ~ ${addDays(forecast.startDate, forecast.horizonDays - 1)}`}</Labelled>
          <Labelled label={t('wfm.forecast.history')}>{t('wfm.forecast.historySpan', { from: forecast.historyStartDate, days: forecast.historyDays })}</Labelled>
          <Labelled label={t('wfm.createdAt')}>{formatDateTime(forecast.createdAt)}</Labelled>
          {forecast.approvedAt && <Labelled label={t('wfm.forecast.approvedAt')}>{formatDateTime(forecast.approvedAt)}</Labelled>}
        </Flex>

        <Card size="small" title={t('wfm.forecast.backtest')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('wfm.forecast.backtestHint', { days: forecast.series.holdout?.actual.length ? Math.round((forecast.series.holdout.actual.length * forecast.intervalMinutes) / 1440) : (forecast.options.holdoutDays ?? 7) })}
          </Typography.Paragraph>
          <Table<BacktestRow>
            data-testid="wfm-forecast-backtest"
            size="small"
            rowKey="method"
            pagination={false}
            dataSource={forecast.backtest}
            rowClassName={(row) => (row.method === forecast.method ? 'ant-table-row-selected' : '')}
            columns={[
              {
                title: t('wfm.forecast.method'),
                dataIndex: 'method',
                render: (method: string) => (
                  <Space>
                    {t(`wfm.method.${method}`, { defaultValue: method })}
                    {method === forecast.method && (
                      <Tag color="blue" data-testid="wfm-forecast-chosen">
                        {t('wfm.forecast.chosen')}
                      </Tag>
                    )}
                  </Space>
                ),
              },
              { title: 'WAPE', dataIndex: 'wape', render: (value: number | null) => percentText(value, 2) },
              { title: 'MAPE', dataIndex: 'mape', render: (value: number | null) => percentText(value, 2) },
              { title: t('wfm.forecast.zeroActuals'), dataIndex: 'zeroActuals', render: (value?: number) => value ?? '–' },
            ]}
          />
        </Card>

        <Card
          size="small"
          title={t('wfm.forecast.charts')}
          style={{ marginBottom: 16 }}
          extra={
            <Radio.Group
              optionType="button"
              size="small"
              value={grain}
              onChange={(event) => setGrain(event.target.value as 'day' | 'interval')}
              options={[
                { value: 'interval', label: t('wfm.byInterval') },
                { value: 'day', label: t('wfm.byDay') },
              ]}
            />
          }
        >
          {charts && (
            <Flex vertical gap={24}>
              {charts.holdout ? (
                <TimeChart
                  testId="wfm-forecast-chart-holdout"
                  title={t('wfm.forecast.holdoutChart', { from: forecast.series.holdout!.startDate })}
                  labels={charts.holdout.labels}
                  tickEvery={charts.tickEvery}
                  tickLabel={charts.tickLabel(charts.holdout.labels)}
                  height={220}
                  series={[
                    { key: 'actual', label: t('wfm.forecast.actual'), values: charts.holdout.actual, color: COLORS.grey, kind: 'area' },
                    { key: 'forecast', label: t('wfm.forecast.backtestForecast', { method: t(`wfm.method.${forecast.method}`) }), values: charts.holdout.forecast, color: COLORS.blue },
                  ]}
                />
              ) : (
                <Typography.Text type="secondary">{t('wfm.forecast.noHoldout')}</Typography.Text>
              )}
              <TimeChart
                testId="wfm-forecast-chart-ahead"
                title={t('wfm.forecast.aheadChart')}
                labels={charts.ahead.labels}
                tickEvery={charts.tickEvery}
                tickLabel={charts.tickLabel(charts.ahead.labels)}
                height={260}
                series={[
                  { key: 'recent', label: t('wfm.forecast.recent'), values: charts.ahead.recent, color: COLORS.grey, kind: 'area' },
                  ...(charts.ahead.adjusted ? [{ key: 'base', label: t('wfm.forecast.baseForecast'), values: charts.ahead.base, color: COLORS.purple, dashed: true }] : []),
                  { key: 'forecast', label: t('wfm.forecast.forecast'), values: charts.ahead.forecast, color: COLORS.blue },
                  ...(charts.ahead.hasActual ? [{ key: 'actual', label: t('wfm.forecast.actualSoFar'), values: charts.ahead.actual, color: COLORS.orange }] : []),
                ]}
              />
            </Flex>
          )}
        </Card>

        <StaffingPlanCard forecast={forecast} onChanged={(next) => setData(next)} />
      </div>
    </PageCard>
  );
}

function Labelled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Flex vertical gap={2}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      <Typography.Text strong>{children}</Typography.Text>
    </Flex>
  );
}

/** The holdout chart and the recent-history + forecast-ahead chart, per interval or per day. */
function forecastCharts(forecast: ForecastDetail, grain: 'day' | 'interval') {
  const { series, intervalMinutes } = forecast;
  const perDay = 1440 / intervalMinutes;
  const labelsOf = (start: string, length: number) =>
    grain === 'day' ? Array.from({ length: Math.ceil(length / perDay) }, (_, i) => addDays(start, i).slice(5)) : slotLabels(start, intervalMinutes, length);
  const roll = (values: readonly (number | null)[]) => (grain === 'day' ? daily(values, perDay) : [...values]);

  const holdout = series.holdout
    ? { labels: labelsOf(series.holdout.startDate, series.holdout.actual.length), actual: roll(series.holdout.actual), forecast: roll(series.holdout.forecast) }
    : null;

  const recent = series.recent.volumes;
  const gap = Math.max(0, (Date.parse(`${series.startDate}T00:00:00Z`) - Date.parse(`${series.recent.startDate}T00:00:00Z`)) / 60_000 / intervalMinutes - recent.length);
  const before = [...recent, ...Array<null>(gap).fill(null)];
  const pad = (values: readonly (number | null)[]) => [...Array<null>(before.length).fill(null), ...values];
  const whole = before.length + series.forecast.length;
  const adjusted = series.baseForecast.some((value, i) => Math.abs(value - (series.forecast[i] ?? 0)) > 1e-9);
  const hasActual = series.actual.some((value) => value !== null);
  const rollPadded = (values: (number | null)[]) => roll(values);
  return {
    tickEvery: grain === 'day' ? 1 : perDay,
    tickLabel: (labels: string[]) => (i: number) => (labels[i] ?? '').slice(0, 5),
    holdout,
    ahead: {
      labels: labelsOf(series.recent.startDate, whole),
      recent: rollPadded([...before, ...Array<null>(series.forecast.length).fill(null)]),
      forecast: rollPadded(pad(series.forecast)),
      base: rollPadded(pad(series.baseForecast)),
      actual: rollPadded(pad(series.actual)),
      adjusted,
      hasActual,
    },
  };
}

