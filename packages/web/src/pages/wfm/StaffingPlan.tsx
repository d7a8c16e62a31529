/**
 * A forecast's staffing plan: the service target form (draft forecasts, wfm.plan), the formula the
 * plan used, required agents per interval as a chart and one day's intervals as a table.
 */
import { useMemo, useState } from 'react';
import { App, Button, Card, Flex, Form, InputNumber, Radio, Select, Space, Switch, Table, Typography } from 'antd';
import { CalculatorOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext.tsx';
import { errorText } from '../../lib/format.ts';
import { validate } from '../../lib/validation.ts';
import { wfmApi, type ForecastDetail, type StaffingParams } from './api.ts';
import { COLORS, TimeChart } from './charts.tsx';
import { Figures, ServerAlert, applyServerErrors } from './common.tsx';
import { addDays, clock, dailyMax, dateRange, fromPercent, namePathOf, percentText, slotLabels, toPercent } from './model.ts';

interface PlanValues {
  slTarget: number;
  slSeconds: number;
  shrinkage: number;
  maxOccupancy: number;
  patienceSeconds?: number | null;
  ahtSeconds?: number | null;
}

export const PLAN_DEFAULTS: PlanValues = { slTarget: 80, slSeconds: 20, shrinkage: 30, maxOccupancy: 85 };
const PLAN_FIELDS = ['slTarget', 'slSeconds', 'shrinkage', 'maxOccupancy', 'patienceSeconds', 'ahtSeconds'];

function valuesOf(params: StaffingParams | null): PlanValues {
  if (!params) return PLAN_DEFAULTS;
  return {
    slTarget: toPercent(params.slTarget),
    slSeconds: params.slSeconds,
    shrinkage: toPercent(params.shrinkage),
    maxOccupancy: toPercent(params.maxOccupancy),
    patienceSeconds: params.patienceSeconds ?? null,
    ahtSeconds: params.ahtSeconds ?? null,
  };
}

/** The plan's formula in words: model, target, shrinkage and occupancy cap. */
export function useFormulaText() {
  const { t } = useTranslation();
  return (params: StaffingParams, model: 'erlangC' | 'erlangA') =>
    t('wfm.plan.formula', {
      model: model === 'erlangA' ? t('wfm.plan.erlangA', { patience: params.patienceSeconds ?? '' }) : 'Erlang C',
      target: percentText(params.slTarget, 0),
      seconds: params.slSeconds,
      shrinkage: percentText(params.shrinkage, 0),
      occupancy: percentText(params.maxOccupancy, 0),
    });
}

export function StaffingPlanCard({ forecast, onChanged }: { forecast: ForecastDetail; onChanged: (next: ForecastDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const formula = useFormulaText();
  const editable = can('wfm.plan') && forecast.status === 'draft';
  const [form] = Form.useForm<PlanValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; lines: string[] } | null>(null);
  const staffing = forecast.staffing;

  const compute = async () => {
    const values = await validate(form);
    if (!values) return;
    setBusy(true);
    setFailure(null);
    try {
      const params: StaffingParams = {
        slTarget: fromPercent(values.slTarget),
        slSeconds: values.slSeconds,
        shrinkage: fromPercent(values.shrinkage),
        maxOccupancy: fromPercent(values.maxOccupancy),
        ...(values.patienceSeconds ? { patienceSeconds: values.patienceSeconds } : {}),
        ...(values.ahtSeconds ? { ahtSeconds: values.ahtSeconds } : {}),
      };
      const result = await wfmApi.staffForecast(forecast.id, params);
      onChanged({ ...forecast, staffing: result, staffingParams: result.params, peakAgents: result.plan.peakAgents });
      message.success(t('wfm.plan.computed', { peak: result.plan.peakAgents }));
    } catch (error) {
      const lines = applyServerErrors(form, error, (field) => {
        const [head] = namePathOf(field);
        return typeof head === 'string' && PLAN_FIELDS.includes(head) ? [head] : null;
      });
      setFailure({ error, lines });
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('wfm.plan.title')} data-testid="wfm-plan" data-has-plan={staffing ? 'true' : 'false'}>
      {editable && (
        <>
          {failure && <ServerAlert error={failure.error} lines={failure.lines} />}
          <Form<PlanValues> form={form} layout="inline" initialValues={valuesOf(forecast.staffingParams)} style={{ rowGap: 8, marginBottom: 16 }}>
            <Form.Item name="slTarget" label={t('wfm.staffing.slTarget')} rules={[{ required: true, message: t('validation.required', { field: t('wfm.staffing.slTarget') }) }]}>
              <InputNumber suffix="%" style={{ width: 100 }} data-testid="wfm-plan-sl-target" />
            </Form.Item>
            <Form.Item name="slSeconds" label={t('wfm.staffing.slSeconds')} rules={[{ required: true, message: t('validation.required', { field: t('wfm.staffing.slSeconds') }) }]}>
              <InputNumber suffix={t('wfm.secondsUnit')} style={{ width: 100 }} data-testid="wfm-plan-sl-seconds" />
            </Form.Item>
            <Form.Item name="shrinkage" label={t('wfm.staffing.shrinkage')} rules={[{ required: true, message: t('validation.required', { field: t('wfm.staffing.shrinkage') }) }]}>
              <InputNumber suffix="%" style={{ width: 100 }} data-testid="wfm-plan-shrinkage" />
            </Form.Item>
            <Form.Item name="maxOccupancy" label={t('wfm.staffing.maxOccupancy')} rules={[{ required: true, message: t('validation.required', { field: t('wfm.staffing.maxOccupancy') }) }]}>
              <InputNumber suffix="%" style={{ width: 100 }} data-testid="wfm-plan-max-occupancy" />
            </Form.Item>
            <Form.Item name="patienceSeconds" label={t('wfm.staffing.patience')} tooltip={t('wfm.staffing.patienceHint')}>
              <InputNumber suffix={t('wfm.secondsUnit')} style={{ width: 110 }} placeholder={t('wfm.optional')} />
            </Form.Item>
            <Form.Item name="ahtSeconds" label={t('wfm.plan.ahtOverride')} tooltip={t('wfm.plan.ahtOverrideHint')}>
              <InputNumber suffix={t('wfm.secondsUnit')} style={{ width: 110 }} placeholder={t('wfm.optional')} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" icon={<CalculatorOutlined />} loading={busy} onClick={() => void compute()} data-testid="wfm-plan-compute">
                {staffing ? t('wfm.plan.recompute') : t('wfm.plan.compute')}
              </Button>
            </Form.Item>
          </Form>
        </>
      )}
      {!staffing ? (
        <Typography.Text type="secondary" data-testid="wfm-plan-missing">
          {forecast.status === 'draft' ? t('wfm.plan.none') : t('wfm.plan.noneApproved')}
        </Typography.Text>
      ) : (
        <PlanView forecast={forecast} staffing={staffing} formula={formula(staffing.params, staffing.plan.model)} />
      )}
    </Card>
  );
}

interface PlanRow {
  index: number;
  minute: number;
  calls: number;
  aht: number;
  raw: number;
  agents: number;
  sl: number;
  asa: number;
  occupancy: number;
  wait: number;
  abandon: number | null;
}

function PlanView({ forecast, staffing, formula }: { forecast: ForecastDetail; staffing: NonNullable<ForecastDetail['staffing']>; formula: string }) {
  const { t } = useTranslation();
  const { plan } = staffing;
  const perDay = 1440 / forecast.intervalMinutes;
  const dates = dateRange(forecast.startDate, forecast.horizonDays);
  const [date, setDate] = useState(dates[0] ?? forecast.startDate);
  const [grain, setGrain] = useState<'day' | 'interval'>('interval');
  const [busyOnly, setBusyOnly] = useState(true);

  const chart = useMemo(() => {
    if (grain === 'day') {
      return { labels: dates.map((d) => d.slice(5)), raw: dailyMax(plan.rawAgents, perDay), agents: dailyMax(plan.agents, perDay) };
    }
    return { labels: slotLabels(forecast.startDate, forecast.intervalMinutes, plan.rawAgents.length), raw: plan.rawAgents, agents: plan.agents };
  }, [grain, dates, plan, perDay, forecast.startDate, forecast.intervalMinutes]);

  const rows = useMemo(() => {
    const offset = Math.max(0, dates.indexOf(date)) * perDay;
    const out: PlanRow[] = [];
    for (let slot = 0; slot < perDay; slot++) {
      const i = offset + slot;
      const calls = forecast.series.forecast[i] ?? 0;
      if (busyOnly && calls <= 0 && (plan.rawAgents[i] ?? 0) === 0) continue;
      out.push({
        index: i,
        minute: slot * forecast.intervalMinutes,
        calls,
        aht: staffing.params.ahtSeconds ?? forecast.series.ahtSeconds[i] ?? 0,
        raw: plan.rawAgents[i] ?? 0,
        agents: plan.agents[i] ?? 0,
        sl: plan.serviceLevel[i] ?? 0,
        asa: plan.asaSeconds[i] ?? 0,
        occupancy: plan.occupancy[i] ?? 0,
        wait: plan.waitProbability[i] ?? 0,
        abandon: plan.abandonRate?.[i] ?? null,
      });
    }
    return out;
  }, [date, dates, perDay, forecast, plan, staffing.params.ahtSeconds, busyOnly]);

  return (
    <div data-testid="wfm-plan-view">
      <Typography.Paragraph data-testid="wfm-plan-formula" data-model={plan.model}>
        <Typography.Text strong>{t('wfm.plan.formulaLabel')}</Typography.Text> {formula}
      </Typography.Paragraph>
      <Figures
        items={[
          { key: 'peakRaw', title: t('wfm.plan.peakRawAgents'), value: plan.peakRawAgents, testId: 'wfm-plan-peak-raw' },
          { key: 'peak', title: t('wfm.plan.peakAgents'), value: plan.peakAgents, testId: 'wfm-plan-peak' },
          { key: 'hours', title: t('wfm.plan.requiredAgentHours'), value: plan.requiredAgentHours.toFixed(1), hint: t('wfm.plan.requiredAgentHoursHint') },
        ]}
      />
      <Flex justify="end" style={{ marginBottom: 8 }}>
        <Radio.Group
          optionType="button"
          size="small"
          value={grain}
          onChange={(event) => setGrain(event.target.value as 'day' | 'interval')}
          options={[
            { value: 'interval', label: t('wfm.byInterval') },
            { value: 'day', label: t('wfm.plan.dailyPeak') },
          ]}
        />
      </Flex>
      <TimeChart
        testId="wfm-plan-chart"
        title={t('wfm.plan.chart')}
        labels={chart.labels}
        tickEvery={grain === 'day' ? 1 : perDay}
        tickLabel={(i) => (chart.labels[i] ?? '').slice(0, 5)}
        height={220}
        series={[
          { key: 'raw', label: t('wfm.plan.rawAgents'), values: chart.raw, color: COLORS.blue, kind: 'step' },
          { key: 'agents', label: t('wfm.plan.agents'), values: chart.agents, color: COLORS.purple, kind: 'step', dashed: true },
        ]}
      />
      <Flex gap={12} align="center" wrap style={{ margin: '16px 0 8px' }}>
        <Typography.Text>{t('wfm.plan.day')}</Typography.Text>
        <Select
          value={date}
          onChange={setDate}
          style={{ width: 180 }}
          data-testid="wfm-plan-day"
          options={dates.map((d) => ({ value: d, label: `${d} ${t(`wfm.weekdayShort.${new Date(`${d}T00:00:00Z`).getUTCDay()}`)}` }))}
        />
        <Space>
          <Switch size="small" checked={busyOnly} onChange={setBusyOnly} />
          <Typography.Text type="secondary">{t('wfm.plan.busyOnly')}</Typography.Text>
        </Space>
      </Flex>
      <Table<PlanRow>
        data-testid="wfm-plan-table"
        size="small"
        rowKey="index"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content', y: 420 }}
        columns={[
          { title: t('wfm.plan.interval'), dataIndex: 'minute', fixed: 'left', render: (minute: number) => `${clock(minute)}–${clock(minute + forecast.intervalMinutes)}` },
          { title: t('wfm.plan.calls'), dataIndex: 'calls', align: 'right', render: (value: number) => value.toFixed(1) },
          { title: t('wfm.ahtSeconds'), dataIndex: 'aht', align: 'right', render: (value: number) => Math.round(value) },
          { title: t('wfm.plan.rawAgents'), dataIndex: 'raw', align: 'right' },
          { title: t('wfm.plan.agents'), dataIndex: 'agents', align: 'right', render: (value: number) => <strong>{value}</strong> },
          { title: t('wfm.staffing.serviceLevel'), dataIndex: 'sl', align: 'right', render: (value: number) => percentText(value) },
          { title: t('wfm.staffing.asa'), dataIndex: 'asa', align: 'right', render: (value: number) => value.toFixed(1) },
          { title: t('wfm.staffing.occupancy'), dataIndex: 'occupancy', align: 'right', render: (value: number) => percentText(value) },
          { title: t('wfm.staffing.waitProbability'), dataIndex: 'wait', align: 'right', render: (value: number) => percentText(value) },
          ...(plan.abandonRate ? [{ title: t('wfm.staffing.abandonRate'), dataIndex: 'abandon', align: 'right' as const, render: (value: number | null) => percentText(value) }] : []),
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('wfm.plan.window', { from: forecast.startDate, to: addDays(forecast.startDate, forecast.horizonDays - 1) })}
      </Typography.Text>
    </div>
  );
}
