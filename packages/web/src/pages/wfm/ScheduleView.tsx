/**
 * One schedule: the agents × days grid with shift times, required vs scheduled agents per interval,
 * the hours against the lower bound, editing one shift (wfm.plan, before publication) and the
 * approval path (submit → the manager publishes or sends it back).
 */
import { useMemo, useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Modal, Radio, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, ReloadOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { errorText, formatDateTime, testIdProps } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { validate } from '../../lib/validation.ts';
import { wfmApi, type ScheduleDetail, type ScheduledBreak, type Shift } from './api.ts';
import { COLORS, TimeChart } from './charts.tsx';
import { Figures, ScheduleStatusTag, ServerAlert, applyServerErrors } from './common.tsx';
import { addDays, clock, dateRange, daily, endMinuteFor, movedShift, namePathOf, nextDay, parseClock, weekdayOf } from './model.ts';
import type { Directory } from './directory.ts';

type Action = 'submit' | 'publish' | 'reject';

export function ScheduleView({ id, directory, onBack }: { id: string; directory: Directory | undefined; onBack: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const { data: schedule, loading, reload } = useLoad(() => wfmApi.schedule(id), [id]);
  const [action, setAction] = useState<Action | null>(null);
  const [note, setNote] = useState('');
  const [acting, setActing] = useState(false);
  const [editing, setEditing] = useState<Shift | null>(null);
  const [grain, setGrain] = useState<'interval' | 'day'>('interval');

  const teamName = schedule ? (directory?.teams.find((team) => team.id === schedule.teamId)?.name ?? schedule.teamId.slice(0, 8)) : '';
  const personName = (userId: string, username?: string | null) => {
    const user = directory?.users.get(userId);
    return user ? user.displayName : (username ?? userId.slice(0, 8));
  };

  const act = async () => {
    if (!action) return;
    setActing(true);
    try {
      const call = action === 'submit' ? wfmApi.submitSchedule : action === 'publish' ? wfmApi.publishSchedule : wfmApi.rejectSchedule;
      await call(id, note.trim() || undefined);
      message.success(t(`wfm.schedule.done.${action}`));
      setAction(null);
      setNote('');
      await reload();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setActing(false);
    }
  };

  const coverage = useMemo(() => {
    if (!schedule) return null;
    const { series } = schedule;
    const perDay = 1440 / series.intervalMinutes;
    const hours = series.intervalMinutes / 60;
    const requiredHours = series.required.reduce((a, b) => a + b, 0) * hours;
    const scheduledHours = series.scheduled.reduce((a, b) => a + b, 0) * hours;
    if (grain === 'day') {
      const toHours = (values: number[]) => daily(values, perDay).map((value) => (value === null ? null : value * hours));
      return {
        labels: dateRange(series.startDate, Math.ceil(series.required.length / perDay)).map((date) => date.slice(5)),
        required: toHours(series.required),
        scheduled: toHours(series.scheduled),
        requiredHours,
        scheduledHours,
      };
    }
    return {
      labels: Array.from({ length: series.required.length }, (_, i) => {
        const minutes = i * series.intervalMinutes;
        return `${addDays(series.startDate, Math.floor(minutes / 1440)).slice(5)} ${clock(minutes % 1440)}`;
      }),
      required: series.required,
      scheduled: series.scheduled,
      requiredHours,
      scheduledHours,
    };
  }, [schedule, grain]);

  if (!schedule) {
    return (
      <PageCard testId="page-wfm-schedules" title={t('wfm.schedule.title')} extra={<Button icon={<ArrowLeftOutlined />} onClick={onBack}>{t('wfm.back')}</Button>}>
        <Card loading={loading} variant="borderless" />
      </PageCard>
    );
  }

  const editable = can('wfm.plan') && (schedule.status === 'draft' || schedule.status === 'submitted');
  const m = schedule.metrics;
  const currentRatio = coverage && coverage.requiredHours > 0 ? coverage.scheduledHours / coverage.requiredHours : null;

  return (
    <PageCard
      testId="page-wfm-schedules"
      title={
        <Space>
          <span data-testid="wfm-schedule-title">{t('wfm.schedule.detailTitle', { team: teamName, from: schedule.startDate, to: addDays(schedule.startDate, schedule.weeks * 7 - 1) })}</span>
          <ScheduleStatusTag status={schedule.status} testId="wfm-schedule-status" />
        </Space>
      }
      extra={
        <>
          <Button icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="wfm-schedule-back">
            {t('wfm.back')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => void reload()}>
            {t('common.refresh')}
          </Button>
          {can('wfm.plan') && schedule.status === 'draft' && (
            <Button icon={<SendOutlined />} onClick={() => setAction('submit')} data-testid="wfm-schedule-submit">
              {t('wfm.schedule.submit')}
            </Button>
          )}
          {can('wfm.approve') && schedule.status === 'submitted' && (
            <Button danger icon={<RollbackOutlined />} onClick={() => setAction('reject')} data-testid="wfm-schedule-reject">
              {t('wfm.schedule.reject')}
            </Button>
          )}
          {can('wfm.approve') && (schedule.status === 'draft' || schedule.status === 'submitted') && (
            <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setAction('publish')} data-testid="wfm-schedule-publish">
              {t('wfm.schedule.publish')}
            </Button>
          )}
        </>
      }
    >
      <div data-testid="wfm-schedule-detail" data-id={schedule.id} data-status={schedule.status}>
        <Typography.Paragraph type="secondary">
          {t('wfm.schedule.sourceLine', { weeks: schedule.weeks, interval: schedule.intervalMinutes, zone: schedule.timeZone })}{' '}
          <Link to={`/wfm/forecasts?id=${schedule.forecastId}`}>{t('wfm.schedule.openForecast')}</Link>
          {schedule.publishedAt && <> · {t('wfm.schedule.publishedLine', { at: formatDateTime(schedule.publishedAt) })}</>}
          {schedule.note && <> · {t('wfm.schedule.noteLine', { note: schedule.note })}</>}
        </Typography.Paragraph>
        <Figures
          items={[
            {
              key: 'ratio',
              title: t('wfm.schedule.ratio'),
              value: `${m.scheduledHoursVsLowerBound.toFixed(2)}×`,
              testId: 'wfm-schedule-ratio',
              hint: currentRatio !== null && Math.abs(currentRatio - m.scheduledHoursVsLowerBound) > 0.005 ? t('wfm.schedule.ratioNow', { value: currentRatio.toFixed(2) }) : t('wfm.schedule.ratioHint'),
            },
            { key: 'lower', title: t('wfm.schedule.lowerBound'), value: m.lowerBoundHours.toFixed(1), suffix: 'h' },
            { key: 'onQueue', title: t('wfm.schedule.onQueue'), value: m.onQueueHours.toFixed(1), suffix: 'h' },
            { key: 'paid', title: t('wfm.schedule.paid'), value: m.paidHours.toFixed(1), suffix: 'h' },
            { key: 'under', title: t('wfm.schedule.underStaffed'), value: m.underStaffedHours.toFixed(1), suffix: 'h' },
            { key: 'over', title: t('wfm.schedule.overStaffed'), value: m.overStaffedHours.toFixed(1), suffix: 'h' },
            { key: 'intervals', title: t('wfm.schedule.underCovered'), value: schedule.underCoveredIntervals, testId: 'wfm-schedule-under-covered' },
          ]}
        />
        {m.lpBound && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }}>
            {t('wfm.schedule.lpBound', { hours: m.lpBound.onQueueHours.toFixed(1), under: m.lpBound.underStaffedHours.toFixed(1) })}
          </Typography.Paragraph>
        )}

        {coverage && (
          <Card
            size="small"
            style={{ marginBottom: 16 }}
            title={t('wfm.schedule.coverage')}
            extra={
              <Radio.Group
                optionType="button"
                size="small"
                value={grain}
                onChange={(event) => setGrain(event.target.value as 'interval' | 'day')}
                options={[
                  { value: 'interval', label: t('wfm.byInterval') },
                  { value: 'day', label: t('wfm.schedule.hoursPerDay') },
                ]}
              />
            }
          >
            <TimeChart
              testId="wfm-schedule-coverage"
              labels={coverage.labels}
              tickEvery={grain === 'day' ? 1 : 1440 / schedule.series.intervalMinutes}
              tickLabel={(i) => (coverage.labels[i] ?? '').slice(0, 5)}
              height={240}
              format={(value) => (Number.isInteger(value) ? String(value) : value.toFixed(1))}
              series={[
                { key: 'required', label: grain === 'day' ? t('wfm.schedule.requiredHours') : t('wfm.schedule.required'), values: coverage.required, color: COLORS.red, kind: 'step' },
                { key: 'scheduled', label: grain === 'day' ? t('wfm.schedule.scheduledHours') : t('wfm.schedule.scheduled'), values: coverage.scheduled, color: COLORS.blue, kind: 'step', fill: true },
              ]}
            />
          </Card>
        )}

        <ShiftGrid schedule={schedule} personName={personName} editable={editable} onEdit={setEditing} />
      </div>

      <Modal
        open={action !== null}
        title={action ? t(`wfm.schedule.confirm.${action}`) : ''}
        onOk={() => void act()}
        onCancel={() => setAction(null)}
        confirmLoading={acting}
        okButtonProps={testIdProps('wfm-schedule-action-ok')}
      >
        <Typography.Paragraph type="secondary">{action ? t(`wfm.schedule.confirmHint.${action}`) : ''}</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} placeholder={t('wfm.schedule.notePlaceholder')} data-testid="wfm-schedule-note" />
      </Modal>

      {editing && <EditShift key={editing.id} shift={editing} schedule={schedule} personName={personName} onClose={() => setEditing(null)} onSaved={async () => { setEditing(null); await reload(); }} />}
    </PageCard>
  );
}

// ------------------------------------------------------------------ grid

interface GridRow {
  userId: string;
  username: string | null;
  contractHoursPerWeek: number;
  paidHours: number;
  byDate: Map<string, Shift[]>;
}

function breakText(t: (key: string, options?: Record<string, unknown>) => string, pause: ScheduledBreak): string {
  return t('wfm.schedule.breakLine', { kind: t(`wfm.breakKind.${pause.kind}`), from: clock(pause.startMinute), to: clock(pause.endMinute), paid: pause.paid ? t('wfm.template.paid') : t('wfm.template.unpaid') });
}

export function shiftTimeText(shift: Pick<Shift, 'startMinute' | 'endMinute'>, nextDayMark: string): string {
  return `${clock(shift.startMinute)}–${clock(shift.endMinute)}${nextDay(shift.endMinute) ? nextDayMark : ''}`;
}

function ShiftGrid({ schedule, personName, editable, onEdit }: { schedule: ScheduleDetail; personName: (userId: string, username?: string | null) => string; editable: boolean; onEdit: (shift: Shift) => void }) {
  const { t } = useTranslation();
  const dates = dateRange(schedule.startDate, schedule.weeks * 7);
  const rows: GridRow[] = useMemo(
    () =>
      schedule.agents.map((agent) => {
        const byDate = new Map<string, Shift[]>();
        for (const shift of schedule.shifts) {
          if (shift.userId !== agent.userId) continue;
          byDate.set(shift.date, [...(byDate.get(shift.date) ?? []), shift]);
        }
        return { userId: agent.userId, username: agent.username, contractHoursPerWeek: agent.contractHoursPerWeek, paidHours: agent.paidHours, byDate };
      }),
    [schedule],
  );
  const nextDayMark = t('wfm.nextDayMark');

  return (
    <Card size="small" title={t('wfm.schedule.grid')} extra={editable ? <Typography.Text type="secondary">{t('wfm.schedule.clickToEdit')}</Typography.Text> : null}>
      <Table<GridRow>
        data-testid="wfm-schedule-grid"
        size="small"
        rowKey="userId"
        dataSource={rows}
        pagination={false}
        bordered
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('wfm.agent'),
            key: 'agent',
            fixed: 'left',
            width: 170,
            render: (_: unknown, row) => (
              <Flex vertical data-testid="wfm-schedule-agent" data-username={row.username ?? ''}>
                <Typography.Text strong>{personName(row.userId, row.username)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('wfm.schedule.agentHours', { contract: row.contractHoursPerWeek * schedule.weeks, paid: +row.paidHours.toFixed(2) })}
                </Typography.Text>
              </Flex>
            ),
          },
          ...dates.map((date) => {
            const weekday = weekdayOf(date);
            return {
              title: (
                <Flex vertical align="center" style={{ lineHeight: 1.2 }}>
                  <span>{date.slice(5)}</span>
                  <Typography.Text type={weekday === 0 || weekday === 6 ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                    {t(`wfm.weekdayShort.${weekday}`)}
                  </Typography.Text>
                </Flex>
              ),
              key: date,
              width: 104,
              align: 'center' as const,
              render: (_: unknown, row: GridRow) => {
                const shifts = row.byDate.get(date) ?? [];
                if (shifts.length === 0) return <Typography.Text type="secondary">{t('wfm.schedule.off')}</Typography.Text>;
                return (
                  <Flex vertical gap={4}>
                    {shifts.map((shift) => (
                      <Tooltip
                        key={shift.id}
                        title={
                          <div>
                            <div>{t('wfm.schedule.paidLine', { hours: +(shift.paidMinutes / 60).toFixed(2) })}</div>
                            {shift.breaks.map((pause, i) => (
                              <div key={i}>{breakText(t, pause)}</div>
                            ))}
                          </div>
                        }
                      >
                        <div
                          data-testid="wfm-shift"
                          data-shift={shift.id}
                          data-user={row.username ?? ''}
                          data-date={date}
                          data-start={shift.startMinute}
                          data-end={shift.endMinute}
                          onClick={editable ? () => onEdit(shift) : undefined}
                          style={{
                            cursor: editable ? 'pointer' : 'default',
                            background: shift.edited ? '#fff7e6' : '#e6f4ff',
                            border: `1px solid ${shift.edited ? '#ffd591' : '#91caff'}`,
                            borderRadius: 4,
                            padding: '2px 4px',
                            whiteSpace: 'nowrap',
                          }}
                        >
                          <div style={{ fontWeight: 600, fontSize: 12 }}>{shiftTimeText(shift, nextDayMark)}</div>
                          <div style={{ fontSize: 11, color: '#8c8c8c' }}>
                            {t('wfm.schedule.cellLine', { hours: +(shift.paidMinutes / 60).toFixed(2), breaks: shift.breaks.length })}
                            {shift.edited && <> · {t('wfm.schedule.edited')}</>}
                          </div>
                        </div>
                      </Tooltip>
                    ))}
                  </Flex>
                );
              },
            };
          }),
        ]}
      />
    </Card>
  );
}

// ------------------------------------------------------------------ edit one shift

interface EditValues {
  userId: string;
  date: string;
  start: string;
  end: string;
  moveBreaks: boolean;
}

function EditShift({
  shift,
  schedule,
  personName,
  onClose,
  onSaved,
}: {
  shift: Shift;
  schedule: ScheduleDetail;
  personName: (userId: string, username?: string | null) => string;
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; lines: string[] } | null>(null);
  const start = Form.useWatch('start', form);
  const end = Form.useWatch('end', form);
  const moveBreaks = Form.useWatch('moveBreaks', form);

  const preview = useMemo(() => {
    const startMinute = parseClock(start ?? '');
    const endClock = parseClock(end ?? '');
    if (startMinute === null || endClock === null) return null;
    return movedShift(shift, startMinute, endMinuteFor(startMinute, endClock), moveBreaks ?? true);
  }, [start, end, moveBreaks, shift]);

  const save = async () => {
    const values = await validate(form);
    if (!values || !preview) return;
    setSaving(true);
    setFailure(null);
    try {
      const breaksChanged = JSON.stringify(preview.breaks) !== JSON.stringify(shift.breaks);
      await wfmApi.editShift(shift.id, {
        ...(values.userId !== shift.userId ? { userId: values.userId } : {}),
        ...(values.date !== shift.date ? { date: values.date } : {}),
        startMinute: preview.startMinute,
        endMinute: preview.endMinute,
        ...(breaksChanged ? { breaks: preview.breaks } : {}),
      });
      message.success(t('wfm.schedule.shiftSaved'));
      await onSaved();
    } catch (error) {
      const lines = applyServerErrors(form, error, (field) => {
        const [head] = namePathOf(field);
        if (head === 'userId' || head === 'date') return [head];
        if (head === 'startMinute') return ['start'];
        if (head === 'endMinute') return ['end'];
        return null;
      });
      setFailure({ error, lines });
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  const clockRule = (field: string) => ({
    validator: async (_rule: unknown, value: unknown) => {
      if (value === undefined || value === null || value === '') throw new Error(t('validation.required', { field }));
      if (parseClock(String(value)) === null) throw new Error(t('wfm.clockFormat', { field }));
    },
  });

  return (
    <Modal
      open
      title={t('wfm.schedule.editShift', { name: personName(shift.userId, shift.username), date: shift.date })}
      onOk={() => void save()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={testIdProps('wfm-shift-save')}
      width={560}
    >
      {schedule.status === 'submitted' && <Typography.Paragraph type="warning">{t('wfm.schedule.editReturnsToDraft')}</Typography.Paragraph>}
      {failure && <ServerAlert error={failure.error} lines={failure.lines} testId="wfm-shift-error" />}
      <Form<EditValues>
        form={form}
        layout="vertical"
        initialValues={{ userId: shift.userId, date: shift.date, start: clock(shift.startMinute), end: clock(shift.endMinute), moveBreaks: true }}
      >
        <Flex gap={12} wrap>
          <Form.Item name="userId" label={t('wfm.agent')} tooltip={t('wfm.schedule.swapHint')}>
            <Select style={{ width: 200 }} options={schedule.agents.map((agent) => ({ value: agent.userId, label: personName(agent.userId, agent.username) }))} data-testid="wfm-shift-user" />
          </Form.Item>
          <Form.Item name="date" label={t('wfm.date')}>
            <Select style={{ width: 170 }} options={dateRange(schedule.startDate, schedule.weeks * 7).map((date) => ({ value: date, label: `${date} ${t(`wfm.weekdayShort.${weekdayOf(date)}`)}` }))} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap align="end">
          <Form.Item name="start" label={t('wfm.schedule.start')} rules={[clockRule(t('wfm.schedule.start'))]}>
            <Input style={{ width: 110 }} placeholder="09:00" data-testid="wfm-shift-start" />
          </Form.Item>
          <Form.Item name="end" label={t('wfm.schedule.end')} rules={[clockRule(t('wfm.schedule.end'))]} extra={preview && nextDay(preview.endMinute) ? t('wfm.schedule.endsNextDay') : undefined}>
            <Input style={{ width: 110 }} placeholder="18:00" data-testid="wfm-shift-end" />
          </Form.Item>
          <Form.Item name="moveBreaks" label={t('wfm.schedule.moveBreaks')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Flex>
      </Form>
      {preview && (
        <Flex vertical gap={2}>
          <Typography.Text type="secondary">{t('wfm.schedule.breaksAfter')}</Typography.Text>
          {preview.breaks.length === 0 ? (
            <Typography.Text type="secondary">{t('wfm.schedule.noBreaks')}</Typography.Text>
          ) : (
            preview.breaks.map((pause, i) => (
              <Tag key={i} color={pause.kind === 'meal' ? 'green' : 'orange'} style={{ width: 'fit-content' }}>
                {breakText(t, pause)}
              </Tag>
            ))
          )}
        </Flex>
      )}
    </Modal>
  );
}
