import { useState } from 'react';
import { App, Button, DatePicker, Form, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { fetchFile, saveBlob } from '../api/client.ts';
import { PageCard } from '../components/PageCard.tsx';
import { errorText } from '../lib/format.ts';
import { wholeDays } from '../lib/dates.ts';

interface Values {
  range: [Dayjs, Dayjs];
}

/** Downloads the interaction export (CSV) for a range of days, with a BOM so Excel reads the Chinese right. */
export function ExportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [downloading, setDownloading] = useState(false);

  const run = async ({ range }: Values) => {
    const [first, last] = range;
    setDownloading(true);
    try {
      const blob = await fetchFile('/interactions/export', { ...wholeDays(first, last), format: 'csv' });
      const text = await blob.text();
      const rows = text.split('\n').filter((line) => line.trim() !== '').length - 1;
      saveBlob(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }), `interactions-${first.format('YYYYMMDD')}-${last.format('YYYYMMDD')}.csv`);
      message.success(t('export.downloaded', { count: Math.max(0, rows) }));
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <PageCard testId="page-export" title={t('export.title')}>
      <Typography.Paragraph type="secondary">{t('export.intro')}</Typography.Paragraph>
      <Form<Values> form={form} layout="inline" initialValues={{ range: [dayjs(), dayjs()] }} onFinish={(values) => void run(values)} style={{ rowGap: 8 }}>
        <Form.Item name="range" label={t('export.range')} rules={[{ required: true, message: t('export.rangeRequired') }]}>
          <DatePicker.RangePicker allowClear={false} disabledDate={(day) => day.isAfter(dayjs(), 'day')} data-testid="export-range" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<DownloadOutlined />} loading={downloading} data-testid="export-download">
            {t('export.download')}
          </Button>
        </Form.Item>
      </Form>
    </PageCard>
  );
}
