/**
 * /wfm/schedules: shift templates, the teams' schedules and the form that generates one from a
 * forecast's staffing plan; /wfm/schedules?id=…: one schedule (grid, coverage, edits, approval).
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Flex, Form, InputNumber, Select, Table, Typography } from 'antd';
import { ReloadOutlined, ScheduleOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { Team, User } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { errorText, formatDateTime } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { validate } from '../../lib/validation.ts';
import { wfmApi, type ForecastSummary, type ScheduleDetail, type ScheduleSummary, type ShiftTemplate } from './api.ts';
import { ScheduleStatusTag, ServerAlert, applyServerErrors } from './common.tsx';
import { addDays, daysBetween, namePathOf } from './model.ts';
import { useDirectory, type Directory } from './directory.ts';
import { ScheduleView } from './ScheduleView.tsx';
import { ShiftTemplatesCard } from './ShiftTemplates.tsx';

export function SchedulesPage() {
  const [params, setParams] = useSearchParams();
  const id = params.get('id');
  const directory = useDirectory();
  if (id) return <ScheduleView key={id} id={id} directory={directory.data} onBack={() => setParams({})} />;
  return <ScheduleHome directory={directory.data} onOpen={(scheduleId) => setParams({ id: scheduleId })} />;
}

function ScheduleHome({ directory, onOpen }: { directory: Directory | undefined; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { data, loading, reload } = useLoad(async () => {
    const [schedules, templates, forecasts] = await Promise.all([wfmApi.schedules(), wfmApi.shiftTemplates(), wfmApi.forecasts()]);
    return { schedules: schedules.items, templates: templates.items, forecasts: forecasts.items };
  });
  const [generating, setGenerating] = useState(false);
  const teamName = (teamId: string) => directory?.teams.find((team) => team.id === teamId)?.name ?? teamId.slice(0, 8);
  const forecastOf = (forecastId: string) => data?.forecasts.find((forecast) => forecast.id === forecastId);

  return (
    <PageCard
      testId="page-wfm-schedules"
      title={t('wfm.schedule.title')}
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={() => void reload()}>
            {t('common.refresh')}
          </Button>
          {can('wfm.plan') && (
            <Button type="primary" icon={<ScheduleOutlined />} onClick={() => setGenerating(true)} data-testid="wfm-schedule-generate">
              {t('wfm.schedule.generate')}
            </Button>
          )}
        </>
      }
    >
      <Typography.Paragraph type="secondary">{t('wfm.schedule.intro')}</Typography.Paragraph>
      <ShiftTemplatesCard templates={data?.templates ?? []} loading={loading} onChanged={reload} />
      <Table<ScheduleSummary>
        data-testid="wfm-schedules-table"
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.schedules ?? []}
        locale={{ emptyText: t('wfm.schedule.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('wfm.team'),
            dataIndex: 'teamId',
            render: (teamId: string, row) => (
              <Typography.Link onClick={() => onOpen(row.id)} data-testid="wfm-schedule-open" data-team={teamName(teamId)} data-status={row.status}>
                {teamName(teamId)}
              </Typography.Link>
            ),
          },
          { title: t('wfm.schedule.period'), key: 'period', render: (_: unknown, row) => `${row.startDate} ~ ${addDays(row.startDate, row.weeks * 7 - 1)}` },
          { title: t('common.status'), dataIndex: 'status', render: (status: ScheduleSummary['status']) => <ScheduleStatusTag status={status} /> },
          {
            title: t('wfm.schedule.forecast'),
            dataIndex: 'forecastId',
            render: (forecastId: string) => {
              const forecast = forecastOf(forecastId);
              return forecast ? `${forecast.queueCode ?? ''} v${forecast.version}` : forecastId.slice(0, 8);
            },
          },
          { title: t('wfm.schedule.ratio'), key: 'ratio', render: (_: unknown, row) => `${row.metrics.scheduledHoursVsLowerBound.toFixed(2)}×` },
          { title: t('wfm.schedule.underCovered'), key: 'under', render: (_: unknown, row) => row.metrics.underCoveredIntervals },
          { title: t('wfm.createdAt'), dataIndex: 'createdAt', render: (value: string) => formatDateTime(value) },
          { title: t('wfm.schedule.publishedAt'), dataIndex: 'publishedAt', render: (value: string | null) => (value ? formatDateTime(value) : '–') },
        ]}
      />
      <GenerateSchedule
        open={generating}
        onClose={() => setGenerating(false)}
        teams={directory?.teams ?? []}
        users={directory?.users ?? new Map()}
        forecasts={data?.forecasts ?? []}
        templates={data?.templates ?? []}
        onCreated={(schedule) => onOpen(schedule.id)}
      />
    </PageCard>
  );
}

// ------------------------------------------------------------------ generate

interface GenerateValues {
  teamId: string;
  forecastId: string;
  startDate: Dayjs;
  weeks: number;
  templateIds?: string[];
  contractHoursPerWeek: number;
  minHoursPerWeek?: number | null;
  maxDaysPerWeek?: number | null;
  fixedDaysOff?: number[];
  minRestBetweenShiftsMinutes?: number | null;
  seed?: number | null;
}

function generateFieldName(field: string): (string | number)[] | null {
  const [head, , leaf] = namePathOf(field);
  if (head === 'teamId' || head === 'forecastId' || head === 'startDate' || head === 'weeks' || head === 'minRestBetweenShiftsMinutes' || head === 'seed') return [head];
  if (head === 'templateIds' || head === 'templates') return ['templateIds'];
  if (head === 'defaultContract' || head === 'agents') {
    const key = head === 'agents' ? leaf : namePathOf(field)[1];
    if (typeof key === 'string' && ['contractHoursPerWeek', 'minHoursPerWeek', 'maxDaysPerWeek', 'fixedDaysOff'].includes(key)) return [key];
  }
  return null;
}

function forecastLabel(forecast: ForecastSummary, statusText: string): string {
  return `${forecast.queueCode ?? ''} v${forecast.version} · ${statusText} · ${forecast.startDate} ~ ${addDays(forecast.startDate, forecast.horizonDays - 1)}`;
}

function GenerateSchedule({
  open,
  onClose,
  teams,
  users,
  forecasts,
  templates,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  teams: Team[];
  users: Map<string, User>;
  forecasts: ForecastSummary[];
  templates: ShiftTemplate[];
  onCreated: (schedule: ScheduleDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<GenerateValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; lines: string[] } | null>(null);
  const forecastId = Form.useWatch('forecastId', form);
  const startDate = Form.useWatch('startDate', form);
  // Only forecasts with a staffing plan can be scheduled; approved ones first.
  const usable = useMemo(
    () => forecasts.filter((forecast) => forecast.peakAgents !== null && forecast.status !== 'superseded').sort((a, b) => Number(b.status === 'approved') - Number(a.status === 'approved')),
    [forecasts],
  );
  const forecast = usable.find((item) => item.id === forecastId);
  const maxWeeks = forecast && startDate ? Math.max(1, Math.min(4, Math.floor((forecast.horizonDays - daysBetween(forecast.startDate, startDate.format('YYYY-MM-DD'))) / 7))) : 4;

  const run = async () => {
    const values = await validate(form);
    if (!values) return;
    setBusy(true);
    setFailure(null);
    try {
      const schedule = await wfmApi.generateSchedule({
        teamId: values.teamId,
        forecastId: values.forecastId,
        startDate: values.startDate.format('YYYY-MM-DD'),
        weeks: values.weeks,
        ...(values.templateIds && values.templateIds.length > 0 ? { templateIds: values.templateIds } : {}),
        defaultContract: {
          contractHoursPerWeek: values.contractHoursPerWeek,
          ...(values.minHoursPerWeek ? { minHoursPerWeek: values.minHoursPerWeek } : {}),
          ...(values.maxDaysPerWeek ? { maxDaysPerWeek: values.maxDaysPerWeek } : {}),
          ...(values.fixedDaysOff && values.fixedDaysOff.length > 0 ? { fixedDaysOff: values.fixedDaysOff } : {}),
        },
        ...(values.minRestBetweenShiftsMinutes ? { minRestBetweenShiftsMinutes: values.minRestBetweenShiftsMinutes } : {}),
        ...(values.seed ? { seed: values.seed } : {}),
      });
      message.success(t('wfm.schedule.generated', { shifts: schedule.shifts.length }));
      onClose();
      onCreated(schedule);
    } catch (error) {
      const lines = applyServerErrors(form, error, generateFieldName);
      // Name the person or template the server points at.
      const details = (error as { details?: { userId?: string; templateName?: string } }).details;
      if (details?.userId) {
        const user = users.get(details.userId);
        lines.unshift(t('wfm.schedule.whoFailed', { name: user ? `${user.displayName} (${user.username})` : details.userId }));
      }
      if (details?.templateName) lines.unshift(t('wfm.schedule.templateFailed', { name: details.templateName }));
      setFailure({ error, lines });
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const statusText = (forecast: ForecastSummary) => t(`wfm.forecastStatus.${forecast.status}`);
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      title={t('wfm.schedule.generate')}
      forceRender
      extra={
        <Button type="primary" onClick={() => void run()} loading={busy} data-testid="wfm-schedule-generate-submit">
          {t('wfm.schedule.run')}
        </Button>
      }
    >
      {failure && <ServerAlert error={failure.error} lines={failure.lines} testId="wfm-schedule-error" />}
      {busy && <Alert type="info" showIcon title={t('wfm.schedule.working')} style={{ marginBottom: 16 }} />}
      {templates.length === 0 && <Alert type="warning" showIcon title={t('wfm.schedule.noTemplates')} style={{ marginBottom: 16 }} />}
      <Form<GenerateValues>
        form={form}
        layout="vertical"
        initialValues={{ weeks: 1, contractHoursPerWeek: 40, maxDaysPerWeek: 5 }}
        onValuesChange={(changed: Partial<GenerateValues>) => {
          if (changed.forecastId) {
            const chosen = usable.find((item) => item.id === changed.forecastId);
            if (chosen) form.setFieldsValue({ startDate: dayjs(chosen.startDate), weeks: 1 });
          }
        }}
      >
        <Form.Item name="teamId" label={t('wfm.team')} rules={[{ required: true, message: t('validation.required', { field: t('wfm.team') }) }]}>
          <Select
            data-testid="wfm-schedule-team"
            showSearch={{ optionFilterProp: 'label' }}
            options={teams.map((team) => ({ value: team.id, label: `${team.name}（${t('wfm.schedule.members', { count: team.memberIds.length })}）` }))}
          />
        </Form.Item>
        <Form.Item
          name="forecastId"
          label={t('wfm.schedule.forecast')}
          extra={usable.length === 0 ? t('wfm.schedule.noForecast') : t('wfm.schedule.forecastHint')}
          rules={[{ required: true, message: t('validation.required', { field: t('wfm.schedule.forecast') }) }]}
        >
          <Select data-testid="wfm-schedule-forecast" options={usable.map((item) => ({ value: item.id, label: forecastLabel(item, statusText(item)) }))} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="startDate" label={t('wfm.schedule.startDate')} rules={[{ required: true, message: t('validation.required', { field: t('wfm.schedule.startDate') }) }]}>
            <DatePicker
              data-testid="wfm-schedule-start"
              disabledDate={(value) => {
                if (!forecast) return false;
                const date = value.format('YYYY-MM-DD');
                return date < forecast.startDate || date > addDays(forecast.startDate, forecast.horizonDays - 7);
              }}
            />
          </Form.Item>
          <Form.Item name="weeks" label={t('wfm.schedule.weeks')} rules={[{ required: true, message: t('validation.required', { field: t('wfm.schedule.weeks') }) }]}>
            <InputNumber min={1} max={maxWeeks} precision={0} suffix={t('wfm.weeksUnit')} style={{ width: 110 }} data-testid="wfm-schedule-weeks" />
          </Form.Item>
        </Flex>
        <Form.Item name="templateIds" label={t('wfm.schedule.templates')} extra={t('wfm.schedule.templatesHint')}>
          <Select mode="multiple" allowClear placeholder={t('wfm.schedule.allTemplates')} options={templates.map((template) => ({ value: template.id, label: template.name }))} />
        </Form.Item>
        <Typography.Title level={5}>{t('wfm.schedule.contract')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('wfm.schedule.contractHint')}
        </Typography.Paragraph>
        <Flex gap={16} wrap>
          <Form.Item name="contractHoursPerWeek" label={t('wfm.schedule.contractHours')} rules={[{ required: true, message: t('validation.required', { field: t('wfm.schedule.contractHours') }) }]}>
            <InputNumber min={1} max={168} suffix={t('wfm.hoursUnit')} style={{ width: 120 }} data-testid="wfm-schedule-contract-hours" />
          </Form.Item>
          <Form.Item name="minHoursPerWeek" label={t('wfm.schedule.minHours')} tooltip={t('wfm.schedule.minHoursHint')}>
            <InputNumber min={0} max={168} suffix={t('wfm.hoursUnit')} style={{ width: 120 }} placeholder={t('wfm.optional')} />
          </Form.Item>
          <Form.Item name="maxDaysPerWeek" label={t('wfm.schedule.maxDays')}>
            <InputNumber min={1} max={7} precision={0} suffix={t('wfm.daysUnit')} style={{ width: 110 }} />
          </Form.Item>
        </Flex>
        <Form.Item name="fixedDaysOff" label={t('wfm.schedule.fixedDaysOff')}>
          <Checkbox.Group options={[1, 2, 3, 4, 5, 6, 0].map((d) => ({ value: d, label: t(`wfm.weekdayShort.${d}`) }))} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="minRestBetweenShiftsMinutes" label={t('wfm.schedule.minRest')} tooltip={t('wfm.schedule.minRestHint')}>
            <InputNumber min={0} max={1440} precision={0} suffix={t('wfm.minutesUnit')} style={{ width: 130 }} placeholder="660" />
          </Form.Item>
          <Form.Item name="seed" label={t('wfm.schedule.seed')} tooltip={t('wfm.schedule.seedHint')}>
            <InputNumber min={0} precision={0} style={{ width: 110 }} placeholder="1" />
          </Form.Item>
        </Flex>
      </Form>
    </Drawer>
  );
}
