/**
 * /wfm/history: the interval history per queue (import a CSV/XLSX file, or roll up the platform's
 * own interactions), a summary per queue and one queue's offered volume and AHT as charts.
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, Radio, Row, Select, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, InboxOutlined, LineChartOutlined, ReloadOutlined, SyncOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError, live, saveBlob, type Queue } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { errorText } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { DEFAULT_TIME_ZONE, wfmApi, type DeriveResult, type HistoryQueueSummary, type HistorySummary, type ImportResult, type ImportRowError } from './api.ts';
import { COLORS, TimeChart } from './charts.tsx';
import { addDays, base64Of, historyByDay, importFormatOf, importReport, localDateTime, sampleCsv } from './model.ts';

/** The local first and last day an instant range [from, to) covers. */
function localSpan(from: string | null, to: string | null, timeZone: string): { first: string; last: string } | null {
  if (!from || !to) return null;
  return { first: localDateTime(from, timeZone).date, last: localDateTime(new Date(Date.parse(to) - 1).toISOString(), timeZone).date };
}

export function HistoryPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const plan = can('wfm.plan');
  const { data, loading, reload } = useLoad(() => wfmApi.history());
  const [selected, setSelected] = useState<string | null>(null);
  const items = useMemo(() => data?.items ?? [], [data]);
  const current = items.find((item) => item.queueId === selected) ?? items[0] ?? null;

  return (
    <PageCard
      testId="page-wfm-history"
      title={t('wfm.history.title')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void reload()}>
          {t('common.refresh')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('wfm.history.intro')}</Typography.Paragraph>
      {plan && (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          <Col xs={24} xl={14}>
            <ImportCard onDone={reload} />
          </Col>
          <Col xs={24} xl={10}>
            <DeriveCard onDone={reload} />
          </Col>
        </Row>
      )}
      <Table<HistorySummary>
        data-testid="wfm-history-table"
        rowKey={(row) => `${row.queueId}:${row.channel}`}
        size="middle"
        loading={loading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('wfm.history.empty') }}
        rowClassName={(row) => (row.queueId === current?.queueId ? 'ant-table-row-selected' : '')}
        onRow={(row) => ({ onClick: () => setSelected(row.queueId), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('wfm.queue'),
            key: 'queue',
            render: (_: unknown, row) => (
              <Typography.Link data-testid={`wfm-history-open-${row.queueCode ?? row.queueId}`} onClick={() => setSelected(row.queueId)}>
                {row.queueName ?? row.queueCode ?? row.queueId.slice(0, 8)} {row.queueCode && <code>{row.queueCode}</code>}
              </Typography.Link>
            ),
          },
          { title: t('wfm.channel'), dataIndex: 'channel', render: (value: string) => t(`channel.${value}`, { defaultValue: value }) },
          { title: t('wfm.intervalMinutes'), dataIndex: 'intervalMinutes', render: (value: number | null) => (value ? t('wfm.minutesValue', { value }) : '–') },
          { title: t('wfm.history.intervals'), dataIndex: 'intervals', align: 'right' },
          { title: t('wfm.history.offered'), dataIndex: 'offered', align: 'right', render: (value: number) => value.toLocaleString() },
          {
            title: t('wfm.history.span'),
            key: 'span',
            render: (_: unknown, row) => {
              const span = localSpan(row.from, row.to, DEFAULT_TIME_ZONE);
              return span ? `${span.first} ~ ${span.last}` : '–';
            },
          },
          {
            title: t('wfm.history.sources'),
            dataIndex: 'sources',
            render: (sources: string[]) => sources.map((source) => <Tag key={source}>{t(`wfm.history.source.${source}`, { defaultValue: source })}</Tag>),
          },
        ]}
      />
      {current && <QueueHistory key={current.queueId} summary={current} />}
    </PageCard>
  );
}

// ------------------------------------------------------------------ import

interface ImportValues {
  intervalMinutes: 15 | 30;
  timeZone: string;
  dryRun: boolean;
}

function ImportCard({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ImportValues>();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<{ error: ApiError | Error; report: ReturnType<typeof importReport> } | null>(null);

  const run = async (values: ImportValues) => {
    if (!file) {
      message.warning(t('wfm.import.chooseFile'));
      return;
    }
    const format = importFormatOf(file.name);
    if (!format) {
      message.error(t('wfm.import.badType'));
      return;
    }
    setBusy(true);
    setResult(null);
    setFailure(null);
    try {
      const content = format === 'csv' ? await file.text() : base64Of(await file.arrayBuffer());
      const response = await wfmApi.importHistory({ format, content, intervalMinutes: values.intervalMinutes, timeZone: values.timeZone.trim() || DEFAULT_TIME_ZONE, dryRun: values.dryRun });
      setResult(response);
      message.success(response.dryRun ? t('wfm.import.checked', { count: response.checked }) : t('wfm.import.done', { count: response.imported }));
      if (!response.dryRun) await onDone();
    } catch (error) {
      setFailure({ error: error instanceof Error ? error : new Error(String(error)), report: error instanceof ApiError ? importReport(error.details) : null });
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const downloadSample = () => {
    const csv = sampleCsv('repair', dayjs().subtract(1, 'day').format('YYYY-MM-DD'));
    saveBlob(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }), 'wfm-history-sample.csv');
  };

  return (
    <Card
      size="small"
      title={
        <Space>
          <CloudUploadOutlined />
          {t('wfm.import.title')}
        </Space>
      }
      extra={
        <Button size="small" type="link" icon={<DownloadOutlined />} onClick={downloadSample} data-testid="wfm-history-sample">
          {t('wfm.import.sample')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('wfm.import.formatHint')}
      </Typography.Paragraph>
      <Form<ImportValues> form={form} layout="vertical" initialValues={{ intervalMinutes: 30, timeZone: DEFAULT_TIME_ZONE, dryRun: false }} onFinish={(values) => void run(values)}>
        <div data-testid="wfm-import-file" style={{ marginBottom: 12 }}>
          <Upload.Dragger
            accept=".csv,.txt,.tsv,.xlsx"
            multiple={false}
            maxCount={1}
            showUploadList={false}
            beforeUpload={(chosen) => {
              setFile(chosen);
              setResult(null);
              setFailure(null);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{file ? <span data-testid="wfm-import-file-name">{file.name}</span> : t('wfm.import.drop')}</p>
            <p className="ant-upload-hint">{t('wfm.import.dropHint')}</p>
          </Upload.Dragger>
        </div>
        <Flex gap={16} wrap align="end">
          <Form.Item name="intervalMinutes" label={t('wfm.intervalMinutes')} style={{ marginBottom: 8 }}>
            <Radio.Group optionType="button" options={[{ value: 30, label: t('wfm.minutesValue', { value: 30 }) }, { value: 15, label: t('wfm.minutesValue', { value: 15 }) }]} />
          </Form.Item>
          <Form.Item name="timeZone" label={t('wfm.timeZone')} style={{ marginBottom: 8 }}>
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="dryRun" label={t('wfm.import.dryRun')} valuePropName="checked" style={{ marginBottom: 8 }} tooltip={t('wfm.import.dryRunHint')}>
            <Switch data-testid="wfm-import-dry-run" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" loading={busy} disabled={!file} data-testid="wfm-import-submit">
              {t('wfm.import.submit')}
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      {result && (
        <Alert
          type="success"
          showIcon
          data-testid="wfm-import-result"
          data-imported={result.imported}
          style={{ marginTop: 8 }}
          title={result.dryRun ? t('wfm.import.checked', { count: result.checked }) : t('wfm.import.done', { count: result.imported })}
          description={<QueueList queues={result.queues} />}
        />
      )}
      {failure && <ImportFailure error={failure.error} report={failure.report} />}
    </Card>
  );
}

function QueueList({ queues }: { queues: HistoryQueueSummary[] }) {
  const { t } = useTranslation();
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {queues.map((queue) => {
        const span = localSpan(queue.from, queue.to, DEFAULT_TIME_ZONE);
        return (
          <li key={`${queue.queueId}:${queue.channel}`}>
            {t('wfm.import.queueLine', { queue: queue.queueCode ?? queue.queueId.slice(0, 8), intervals: queue.intervals, offered: queue.offered.toLocaleString(), span: span ? `${span.first} ~ ${span.last}` : '–' })}
          </li>
        );
      })}
    </ul>
  );
}

function ImportFailure({ error, report }: { error: Error; report: ReturnType<typeof importReport> }) {
  const { t } = useTranslation();
  const rows = report?.errors ?? [];
  return (
    <div data-testid="wfm-import-errors" data-count={report?.errorCount ?? 0} data-code={error instanceof ApiError ? error.code : undefined} style={{ marginTop: 8 }}>
      <Alert
        type="error"
        showIcon
        title={error.message}
        description={
          <>
            {rows.length > 0 ? (
              <span data-testid="wfm-import-error-count">{t('wfm.import.errorCount', { count: report!.errorCount, shown: rows.length })}</span>
            ) : report?.message ? (
              <span>
                {report.field && <code>{report.field}</code>} {report.message}
              </span>
            ) : null}
            <div>{t('wfm.import.nothingStored')}</div>
          </>
        }
      />
      {rows.length > 0 && (
        <Table<ImportRowError>
          data-testid="wfm-import-errors-table"
          size="small"
          rowKey={(row) => `${row.line}:${row.field}:${row.message}`}
          dataSource={rows}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          style={{ marginTop: 8 }}
          columns={[
            { title: t('wfm.import.line'), dataIndex: 'line', width: 80 },
            { title: t('wfm.import.field'), dataIndex: 'field', width: 140, render: (value: string) => <code>{value}</code> },
            { title: t('wfm.import.problem'), dataIndex: 'message' },
          ]}
        />
      )}
    </div>
  );
}

// ------------------------------------------------------------------ derive

interface DeriveValues {
  range: [Dayjs, Dayjs];
  intervalMinutes: 15 | 30;
  queueIds?: string[];
  includeSimulated: boolean;
}

function DeriveCard({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const [form] = Form.useForm<DeriveValues>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DeriveResult | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const { data: queues } = useLoad<Queue[]>(async () => (can('queues.read') ? (await live.queues()).items : []), []);

  const run = async (values: DeriveValues) => {
    setBusy(true);
    setResult(null);
    setFailure(null);
    try {
      const response = await wfmApi.deriveHistory({
        from: values.range[0].format('YYYY-MM-DD'),
        to: values.range[1].format('YYYY-MM-DD'),
        intervalMinutes: values.intervalMinutes,
        timeZone: DEFAULT_TIME_ZONE,
        ...(values.queueIds && values.queueIds.length > 0 ? { queueIds: values.queueIds } : {}),
        includeSimulated: values.includeSimulated,
      });
      setResult(response);
      if (response.stored > 0) message.success(t('wfm.derive.done', { count: response.stored }));
      else message.info(t('wfm.derive.nothing'));
      await onDone();
    } catch (error) {
      setFailure(error);
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={
        <Space>
          <SyncOutlined />
          {t('wfm.derive.title')}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('wfm.derive.hint')}
      </Typography.Paragraph>
      <Form<DeriveValues>
        form={form}
        layout="vertical"
        initialValues={{ range: [dayjs().subtract(7, 'day'), dayjs().subtract(1, 'day')], intervalMinutes: 30, includeSimulated: true }}
        onFinish={(values) => void run(values)}
      >
        <Form.Item name="range" label={t('wfm.derive.range')} rules={[{ required: true, message: t('validation.required', { field: t('wfm.derive.range') }) }]}>
          <DatePicker.RangePicker allowClear={false} disabledDate={(day) => day.isAfter(dayjs(), 'day')} data-testid="wfm-derive-range" />
        </Form.Item>
        {(queues?.length ?? 0) > 0 && (
          <Form.Item name="queueIds" label={t('wfm.derive.queues')}>
            <Select mode="multiple" allowClear data-testid="wfm-derive-queues" placeholder={t('wfm.derive.allQueues')} options={(queues ?? []).map((queue) => ({ value: queue.id, label: `${queue.name} (${queue.code})` }))} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        )}
        <Flex gap={16} wrap align="end">
          <Form.Item name="intervalMinutes" label={t('wfm.intervalMinutes')} style={{ marginBottom: 8 }}>
            <Radio.Group optionType="button" options={[{ value: 30, label: t('wfm.minutesValue', { value: 30 }) }, { value: 15, label: t('wfm.minutesValue', { value: 15 }) }]} />
          </Form.Item>
          <Form.Item name="includeSimulated" label={t('wfm.derive.includeSimulated')} valuePropName="checked" style={{ marginBottom: 8 }}>
            <Switch />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button htmlType="submit" loading={busy} data-testid="wfm-derive-submit">
              {t('wfm.derive.submit')}
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      {result && (
        <Alert
          type={result.stored > 0 ? 'success' : 'info'}
          showIcon
          data-testid="wfm-derive-result"
          title={t('wfm.derive.done', { count: result.stored })}
          description={result.queues.length > 0 ? <QueueList queues={result.queues} /> : t('wfm.derive.nothing')}
        />
      )}
      {failure !== null && <Alert type="error" showIcon title={errorText(failure)} />}
    </Card>
  );
}

// ------------------------------------------------------------------ one queue's history

function QueueHistory({ summary }: { summary: HistorySummary }) {
  const { t } = useTranslation();
  const zone = DEFAULT_TIME_ZONE;
  const span = localSpan(summary.from, summary.to, zone);
  const [range, setRange] = useState<[string, string] | null>(span ? [span.last > span.first ? maxDate(span.first, addDays(span.last, -27)) : span.first, span.last] : null);
  const [grain, setGrain] = useState<'day' | 'interval'>('day');
  const { data, loading } = useLoad(
    () => (range ? wfmApi.queueHistory(summary.queueId, { from: range[0], to: range[1], timeZone: zone }) : Promise.resolve(null)),
    [summary.queueId, range?.[0], range?.[1]],
  );

  const view = useMemo(() => {
    if (!data) return null;
    if (grain === 'day') {
      const days = historyByDay(data, zone);
      return { labels: days.dates.map((date) => date.slice(5)), offered: days.offered, aht: days.ahtSeconds, tickEvery: 1 };
    }
    return {
      labels: data.intervalStarts.map((start) => {
        const local = localDateTime(start, zone);
        return `${local.date.slice(5)} ${String(Math.floor(local.minute / 60)).padStart(2, '0')}:${String(local.minute % 60).padStart(2, '0')}`;
      }),
      tickEvery: data.intervalMinutes ? 1440 / data.intervalMinutes : 1,
      offered: data.offered,
      aht: data.ahtSeconds.map((value, i) => ((data.offered[i] ?? 0) > 0 ? value : null)),
    };
  }, [data, grain, zone]);

  const totals = useMemo(() => {
    if (!data) return null;
    let offered = 0;
    let handled = 0;
    let weight = 0;
    data.offered.forEach((value, i) => {
      offered += value;
      const aht = data.ahtSeconds[i];
      if (aht !== null && aht !== undefined && value > 0) {
        handled += aht * value;
        weight += value;
      }
    });
    return { offered, aht: weight > 0 ? handled / weight : null };
  }, [data]);

  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      data-testid="wfm-history-queue"
      data-queue={summary.queueCode ?? summary.queueId}
      title={
        <Space>
          <LineChartOutlined />
          {t('wfm.history.chartTitle', { queue: summary.queueName ?? summary.queueCode ?? '' })}
        </Space>
      }
      extra={
        <Space wrap>
          <DatePicker.RangePicker
            allowClear={false}
            value={range ? [dayjs(range[0]), dayjs(range[1])] : null}
            onChange={(value) => value?.[0] && value[1] && setRange([value[0].format('YYYY-MM-DD'), value[1].format('YYYY-MM-DD')])}
          />
          <Radio.Group
            optionType="button"
            size="small"
            value={grain}
            onChange={(event) => setGrain(event.target.value as 'day' | 'interval')}
            options={[
              { value: 'day', label: t('wfm.byDay') },
              { value: 'interval', label: t('wfm.byInterval') },
            ]}
          />
        </Space>
      }
      loading={loading}
    >
      {totals && (
        <Typography.Paragraph type="secondary">
          {t('wfm.history.totals', { offered: totals.offered.toLocaleString(), aht: totals.aht === null ? '–' : Math.round(totals.aht) })}
        </Typography.Paragraph>
      )}
      {view && (
        <Flex vertical gap={16}>
          <TimeChart
            testId="wfm-history-chart-offered"
            title={t('wfm.history.offeredChart')}
            labels={view.labels}
            tickEvery={view.tickEvery}
            tickLabel={(i) => (view.labels[i] ?? '').slice(0, 5)}
            height={220}
            series={[{ key: 'offered', label: t('wfm.history.offered'), values: view.offered, color: COLORS.blue, kind: grain === 'day' ? 'bar' : 'area' }]}
          />
          <TimeChart
            testId="wfm-history-chart-aht"
            title={t('wfm.history.ahtChart')}
            labels={view.labels}
            tickEvery={view.tickEvery}
            tickLabel={(i) => (view.labels[i] ?? '').slice(0, 5)}
            height={180}
            format={(value) => String(Math.round(value))}
            series={[{ key: 'aht', label: t('wfm.ahtSeconds'), values: view.aht, color: COLORS.orange }]}
          />
        </Flex>
      )}
    </Card>
  );
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
