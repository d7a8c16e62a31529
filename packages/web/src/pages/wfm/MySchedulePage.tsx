/** /wfm/my-schedule: the signed-in agent's shifts from published schedules (schedule.own). */
import { useMemo, useState } from 'react';
import { Button, DatePicker, Flex, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../components/PageCard.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { DEFAULT_TIME_ZONE, wfmApi, type Shift } from './api.ts';
import { ShiftBar } from './charts.tsx';
import { addDays, clock, nextDay, todayIn, weekdayOf } from './model.ts';

export function MySchedulePage() {
  const { t } = useTranslation();
  const zone = DEFAULT_TIME_ZONE;
  const today = todayIn(zone);
  const [range, setRange] = useState<[string, string]>([today, addDays(today, 13)]);
  const { data, loading, reload } = useLoad(() => wfmApi.mySchedule({ from: range[0], to: range[1], timeZone: zone }), [range[0], range[1]]);
  const items = useMemo(() => data?.items ?? [], [data]);
  const paidHours = items.reduce((sum, shift) => sum + shift.paidMinutes, 0) / 60;
  const nextShift = items.find((shift) => Date.parse(shift.startAt) > Date.now());

  return (
    <PageCard
      testId="page-wfm-my-schedule"
      title={t('wfm.my.title')}
      extra={
        <>
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(range[0]), dayjs(range[1])]}
            onChange={(value) => value?.[0] && value[1] && setRange([value[0].format('YYYY-MM-DD'), value[1].format('YYYY-MM-DD')])}
            data-testid="wfm-my-schedule-range"
          />
          <Button icon={<ReloadOutlined />} onClick={() => void reload()}>
            {t('common.refresh')}
          </Button>
        </>
      }
    >
      <Typography.Paragraph type="secondary" data-testid="wfm-my-schedule-summary" data-count={items.length}>
        {items.length > 0
          ? t('wfm.my.summary', { count: items.length, hours: +paidHours.toFixed(2), from: range[0], to: range[1] })
          : t('wfm.my.none', { from: range[0], to: range[1] })}
        {nextShift && <> · {t('wfm.my.next', { date: nextShift.date, time: `${clock(nextShift.startMinute)}` })}</>}
      </Typography.Paragraph>
      <Table<Shift>
        data-testid="wfm-my-schedule-table"
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('wfm.my.empty') }}
        onRow={(shift) => ({ 'data-testid': 'wfm-my-shift', 'data-date': shift.date, style: shift.date === today ? { background: '#e6f4ff' } : undefined }) as React.HTMLAttributes<HTMLElement>}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('wfm.date'),
            dataIndex: 'date',
            render: (date: string) => (
              <Space>
                <strong>{date}</strong>
                <span>{t(`wfm.weekdayShort.${weekdayOf(date)}`)}</span>
                {date === today && <Tag color="blue">{t('wfm.my.today')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('wfm.my.time'),
            key: 'time',
            render: (_: unknown, shift) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {clock(shift.startMinute)}–{clock(shift.endMinute)}
                {nextDay(shift.endMinute) && <sup>{t('wfm.nextDayMark')}</sup>}
              </span>
            ),
          },
          { title: t('wfm.my.paid'), dataIndex: 'paidMinutes', render: (minutes: number) => t('wfm.hoursValue', { value: +(minutes / 60).toFixed(2) }) },
          {
            title: t('wfm.my.breaks'),
            key: 'breaks',
            render: (_: unknown, shift) => (
              <Flex gap={4} wrap>
                {shift.breaks.map((pause, i) => (
                  <Tag key={i} color={pause.kind === 'meal' ? 'green' : 'orange'}>
                    {t(`wfm.breakKind.${pause.kind}`)} {clock(pause.startMinute)}–{clock(pause.endMinute)}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          {
            title: t('wfm.my.day'),
            key: 'bar',
            render: (_: unknown, shift) => <ShiftBar startMinute={shift.startMinute} endMinute={shift.endMinute} breaks={shift.breaks} width={260} />,
          },
        ]}
      />
    </PageCard>
  );
}
