/**
 * /wfm/adherence: one day's adherence (time in the scheduled activity) and conformance (time worked
 * vs work scheduled) per agent and team, from published shifts and the agent state log, with the
 * out-of-adherence stretches past the grace period. Today's view refreshes every minute.
 */
import { useEffect, useMemo, useState } from 'react';
import { Button, Card, DatePicker, Flex, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageCard } from '../../components/PageCard.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { DEFAULT_TIME_ZONE, wfmApi, type AdherenceAlert, type AdherenceTotals } from './api.ts';
import { useDirectory } from './directory.ts';
import { clock, hoursText, localDateTime, percentText, todayIn } from './model.ts';

/** Below this an agent's adherence is flagged even without an alert. */
export const ADHERENCE_TARGET = 0.9;
const OUT_STYLE = { background: '#fff1f0' };

type AgentRow = AdherenceTotals & { agentId: string; username: string | null; alerts: number; teamName: string | null };
type TeamRow = AdherenceTotals & { teamId: string; name: string | null };

export function AdherencePage() {
  const { t } = useTranslation();
  const zone = DEFAULT_TIME_ZONE;
  const today = todayIn(zone);
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? today;
  const teamId = params.get('team') ?? undefined;
  const [grace, setGrace] = useState(5);
  const [auto, setAuto] = useState(true);
  const directory = useDirectory();
  const { data, loading, reload } = useLoad(() => wfmApi.adherence({ date, teamId, timeZone: zone, graceMinutes: grace }), [date, teamId, grace]);

  const live = date === today;
  useEffect(() => {
    if (!live || !auto) return;
    const timer = setInterval(() => void reload(), 60_000);
    return () => clearInterval(timer);
  }, [live, auto, reload]);

  const set = (next: { date?: string; team?: string | undefined }) => {
    const merged = { date, team: teamId, ...next };
    const query: Record<string, string> = {};
    if (merged.date && merged.date !== today) query.date = merged.date;
    if (merged.team) query.team = merged.team;
    setParams(query);
  };

  const teamOfAgent = useMemo(() => {
    const map = new Map<string, string>();
    for (const team of directory.data?.teams ?? []) for (const member of team.memberIds) if (!map.has(member)) map.set(member, team.name);
    return map;
  }, [directory.data]);

  const agents: AgentRow[] = useMemo(
    () =>
      (data?.agents ?? []).map((agent) => ({
        ...agent,
        alerts: (data?.alerts ?? []).filter((alert) => alert.agentId === agent.agentId).length,
        teamName: teamOfAgent.get(agent.agentId) ?? null,
      })),
    [data, teamOfAgent],
  );
  const isOut = (row: AdherenceTotals & { alerts?: number }) => (row.alerts ?? 0) > 0 || (row.adherence !== null && row.adherence < ADHERENCE_TARGET);
  const personName = (agentId: string, username: string | null) => {
    const user = directory.data?.users.get(agentId);
    return user ? `${user.displayName} (${user.username})` : (username ?? agentId.slice(0, 8));
  };
  const time = (iso: string) => {
    const local = localDateTime(iso, zone);
    return local.date === date ? clock(local.minute) : `${local.date.slice(5)} ${clock(local.minute)}`;
  };
  const activity = (kind: string | null) => (kind === null ? t('wfm.activity.none') : t(`wfm.activity.${kind}`, { defaultValue: kind }));

  const totalColumns = [
    { title: t('wfm.adherence.scheduled'), key: 'scheduledMs', render: (_: unknown, r: AdherenceTotals) => hoursText(r.scheduledMs) },
    { title: t('wfm.adherence.adherent'), key: 'adherentMs', render: (_: unknown, r: AdherenceTotals) => hoursText(r.adherentMs) },
    {
      title: t('wfm.adherence.adherence'),
      key: 'adherence',
      render: (_: unknown, r: AdherenceTotals) => (
        <Typography.Text strong type={r.adherence !== null && r.adherence < ADHERENCE_TARGET ? 'danger' : undefined}>
          {percentText(r.adherence)}
        </Typography.Text>
      ),
    },
    { title: t('wfm.adherence.scheduledWork'), key: 'scheduledWorkMs', render: (_: unknown, r: AdherenceTotals) => hoursText(r.scheduledWorkMs) },
    { title: t('wfm.adherence.worked'), key: 'workedMs', render: (_: unknown, r: AdherenceTotals) => hoursText(r.workedMs) },
    { title: t('wfm.adherence.conformance'), key: 'conformance', render: (_: unknown, r: AdherenceTotals) => percentText(r.conformance) },
  ].map((column) => ({ ...column, align: 'right' as const }));

  return (
    <PageCard
      testId="page-wfm-adherence"
      title={t('wfm.adherence.title')}
      extra={
        <>
          <DatePicker
            allowClear={false}
            value={dayjs(date)}
            onChange={(value) => value && set({ date: value.format('YYYY-MM-DD') })}
            data-testid="wfm-adherence-date"
          />
          <Select
            allowClear
            placeholder={t('wfm.adherence.allTeams')}
            value={teamId}
            onChange={(value: string | undefined) => set({ team: value })}
            style={{ width: 160 }}
            data-testid="wfm-adherence-team"
            options={(directory.data?.teams ?? []).map((team) => ({ value: team.id, label: team.name }))}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void reload()} data-testid="wfm-adherence-refresh">
            {t('common.refresh')}
          </Button>
        </>
      }
    >
      <Flex gap={16} align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" data-testid="wfm-adherence-window">
          {data ? t('wfm.adherence.window', { date: data.date, from: time(data.from), to: time(data.to), zone: data.timeZone }) : ''}
        </Typography.Text>
        <Space>
          <Typography.Text type="secondary">{t('wfm.adherence.grace')}</Typography.Text>
          <InputNumber size="small" min={0} max={120} value={grace} onChange={(value) => setGrace(value ?? 5)} suffix={t('wfm.minutesUnit')} style={{ width: 100 }} />
        </Space>
        {live && (
          <Space>
            <Switch size="small" checked={auto} onChange={setAuto} />
            <Typography.Text type="secondary">{t('wfm.adherence.autoRefresh')}</Typography.Text>
          </Space>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('wfm.adherence.explain', { target: percentText(ADHERENCE_TARGET, 0) })}
      </Typography.Paragraph>

      <Card size="small" title={t('wfm.adherence.teams')} style={{ marginBottom: 16 }}>
        <Table<TeamRow>
          data-testid="wfm-adherence-teams"
          size="small"
          rowKey="teamId"
          loading={loading}
          dataSource={data?.teams ?? []}
          pagination={false}
          locale={{ emptyText: t('wfm.adherence.empty') }}
          onRow={(row) => ({ 'data-out': isOut(row) ? 'true' : 'false', style: isOut(row) ? OUT_STYLE : undefined }) as React.HTMLAttributes<HTMLElement>}
          columns={[{ title: t('wfm.team'), dataIndex: 'name', render: (name: string | null, row) => name ?? row.teamId.slice(0, 8) }, ...totalColumns]}
        />
      </Card>

      <Card size="small" title={t('wfm.adherence.agents')} style={{ marginBottom: 16 }}>
        <Table<AgentRow>
          data-testid="wfm-adherence-agents"
          size="small"
          rowKey="agentId"
          loading={loading}
          dataSource={agents}
          pagination={false}
          locale={{ emptyText: t('wfm.adherence.empty') }}
          onRow={(row) =>
            ({ 'data-testid': 'wfm-adherence-agent', 'data-username': row.username ?? '', 'data-out': isOut(row) ? 'true' : 'false', style: isOut(row) ? OUT_STYLE : undefined }) as React.HTMLAttributes<HTMLElement>
          }
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('wfm.agent'), key: 'agent', render: (_: unknown, row) => personName(row.agentId, row.username) },
            { title: t('wfm.team'), dataIndex: 'teamName', render: (name: string | null) => name ?? '–' },
            ...totalColumns,
            {
              title: t('wfm.adherence.alerts'),
              dataIndex: 'alerts',
              align: 'right' as const,
              render: (count: number) => (count > 0 ? <Tag color="red" icon={<WarningOutlined />}>{count}</Tag> : <Tag color="green">0</Tag>),
            },
          ]}
        />
      </Card>

      <Card size="small" title={t('wfm.adherence.alertsTitle', { grace })}>
        <Table<AdherenceAlert>
          data-testid="wfm-adherence-alerts"
          size="small"
          rowKey={(row) => `${row.agentId}:${row.start}`}
          loading={loading}
          dataSource={data?.alerts ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('wfm.adherence.noAlerts') }}
          onRow={() => ({ 'data-out': 'true', style: OUT_STYLE }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('wfm.agent'), key: 'agent', render: (_: unknown, row) => personName(row.agentId, row.username) },
            { title: t('wfm.adherence.from'), dataIndex: 'start', render: (value: string) => time(value) },
            {
              title: t('wfm.adherence.to'),
              key: 'end',
              render: (_: unknown, row) => (row.ongoing ? <Tag color="red">{t('wfm.adherence.ongoing')}</Tag> : time(row.end)),
            },
            { title: t('wfm.adherence.minutes'), key: 'minutes', align: 'right' as const, render: (_: unknown, row) => Math.round((Date.parse(row.end) - Date.parse(row.start)) / 60_000) },
            { title: t('wfm.adherence.scheduledActivity'), dataIndex: 'scheduled', render: (kind: string) => <Tag color="blue">{activity(kind)}</Tag> },
            { title: t('wfm.adherence.actualActivity'), dataIndex: 'actual', render: (kind: string | null) => <Tag color="red">{activity(kind)}</Tag> },
            { title: t('wfm.adherence.alertAt'), dataIndex: 'alertAt', render: (value: string) => time(value) },
          ]}
        />
      </Card>
    </PageCard>
  );
}
