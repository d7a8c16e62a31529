/**
 * /wfm/staffing: the staffing calculator (POST /api/wfm/staffing) for one queue-interval. Ranges are
 * checked by the server, whose refusals land on the fields they name (an impossible target too).
 */
import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Flex, Form, InputNumber, Row, Tag, Typography } from 'antd';
import { CalculatorOutlined, ExperimentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../components/PageCard.tsx';
import { errorText } from '../../lib/format.ts';
import { validate } from '../../lib/validation.ts';
import { wfmApi, type StaffingInput, type StaffingResult } from './api.ts';
import { ServerAlert, applyServerErrors } from './common.tsx';
import { fromPercent, namePathOf, percentText } from './model.ts';

interface Values {
  calls: number;
  intervalMinutes: number;
  ahtSeconds: number;
  slTarget: number;
  slSeconds: number;
  shrinkage: number;
  maxOccupancy: number;
  patienceSeconds?: number | null;
  maxAgents?: number | null;
}

const FIELDS = ['calls', 'intervalMinutes', 'ahtSeconds', 'slTarget', 'slSeconds', 'shrinkage', 'maxOccupancy', 'patienceSeconds', 'maxAgents'];
/** The worked example of docs/wfm-math.md: A = 10 Erlangs, 14 agents on the phones, 20 positions. */
export const WORKED_EXAMPLE: Values = { calls: 100, intervalMinutes: 30, ahtSeconds: 180, slTarget: 80, slSeconds: 20, shrinkage: 30, maxOccupancy: 85, patienceSeconds: null, maxAgents: null };

function inputOf(values: Values): StaffingInput {
  return {
    calls: values.calls,
    intervalMinutes: values.intervalMinutes,
    ahtSeconds: values.ahtSeconds,
    slTarget: fromPercent(values.slTarget),
    slSeconds: values.slSeconds,
    shrinkage: fromPercent(values.shrinkage ?? 0),
    maxOccupancy: fromPercent(values.maxOccupancy ?? 100),
    ...(values.patienceSeconds !== null && values.patienceSeconds !== undefined ? { patienceSeconds: values.patienceSeconds } : {}),
    ...(values.maxAgents !== null && values.maxAgents !== undefined ? { maxAgents: values.maxAgents } : {}),
  };
}

export function StaffingPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ input: StaffingInput; output: StaffingResult } | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; lines: string[] } | null>(null);

  const compute = async () => {
    const values = await validate(form);
    if (!values) return;
    const input = inputOf(values);
    setBusy(true);
    setFailure(null);
    try {
      const output = await wfmApi.staffing(input);
      setResult({ input, output });
    } catch (error) {
      setResult(null);
      const lines = applyServerErrors(form, error, (field) => {
        const [head] = namePathOf(field);
        return typeof head === 'string' && FIELDS.includes(head) ? [head] : null;
      });
      setFailure({ error, lines });
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const requiredRule = (field: string) => ({ required: true, message: t('validation.required', { field }) });
  const item = (name: keyof Values, label: string, suffix: string | undefined, testId: string, opts: { required?: boolean; hint?: string; placeholder?: string } = {}) => (
    <Col xs={24} sm={12} lg={8}>
      <Form.Item name={name} label={label} tooltip={opts.hint} rules={opts.required === false ? [] : [requiredRule(label)]}>
        <InputNumber style={{ width: '100%' }} suffix={suffix} data-testid={testId} placeholder={opts.placeholder} />
      </Form.Item>
    </Col>
  );

  const output = result?.output;
  return (
    <PageCard testId="page-wfm-staffing" title={t('wfm.staffing.title')}>
      <Typography.Paragraph type="secondary">{t('wfm.staffing.intro')}</Typography.Paragraph>
      <Row gutter={24}>
        <Col xs={24} xl={13}>
          <Card
            size="small"
            title={t('wfm.staffing.inputs')}
            extra={
              <Button
                size="small"
                icon={<ExperimentOutlined />}
                data-testid="wfm-staffing-example"
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue(WORKED_EXAMPLE);
                  setFailure(null);
                }}
              >
                {t('wfm.staffing.example')}
              </Button>
            }
          >
            {failure && <ServerAlert error={failure.error} lines={failure.lines} testId="wfm-staffing-error" />}
            <Form<Values> form={form} layout="vertical" initialValues={WORKED_EXAMPLE} onValuesChange={() => setFailure(null)}>
              <Row gutter={16}>
                {item('calls', t('wfm.staffing.calls'), undefined, 'wfm-staffing-calls')}
                {item('intervalMinutes', t('wfm.intervalMinutes'), t('wfm.minutesUnit'), 'wfm-staffing-interval')}
                {item('ahtSeconds', t('wfm.ahtSeconds'), t('wfm.secondsUnit'), 'wfm-staffing-aht')}
                {item('slTarget', t('wfm.staffing.slTarget'), '%', 'wfm-staffing-sl-target', { hint: t('wfm.staffing.slTargetHint') })}
                {item('slSeconds', t('wfm.staffing.slSeconds'), t('wfm.secondsUnit'), 'wfm-staffing-sl-seconds')}
                {item('shrinkage', t('wfm.staffing.shrinkage'), '%', 'wfm-staffing-shrinkage', { hint: t('wfm.staffing.shrinkageHint') })}
                {item('maxOccupancy', t('wfm.staffing.maxOccupancy'), '%', 'wfm-staffing-max-occupancy')}
                {item('patienceSeconds', t('wfm.staffing.patience'), t('wfm.secondsUnit'), 'wfm-staffing-patience', { required: false, hint: t('wfm.staffing.patienceHint'), placeholder: t('wfm.optional') })}
                {item('maxAgents', t('wfm.staffing.maxAgents'), undefined, 'wfm-staffing-max-agents', { required: false, hint: t('wfm.staffing.maxAgentsHint'), placeholder: '100000' })}
              </Row>
              <Button type="primary" icon={<CalculatorOutlined />} loading={busy} onClick={() => void compute()} data-testid="wfm-staffing-submit">
                {t('wfm.staffing.compute')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card size="small" title={t('wfm.staffing.results')} data-testid="wfm-staffing-result" data-ready={output ? 'true' : 'false'}>
            {!output ? (
              <Typography.Text type="secondary">{t('wfm.staffing.noResult')}</Typography.Text>
            ) : (
              <>
                <Flex gap={40} wrap style={{ marginBottom: 16 }}>
                  <Big label={t('wfm.staffing.rawAgents')} value={output.rawAgents} testId="wfm-staffing-raw-agents" />
                  <Big label={t('wfm.staffing.agents')} value={output.agents} testId="wfm-staffing-agents" />
                </Flex>
                <Descriptions
                  size="small"
                  column={1}
                  bordered
                  items={[
                    { key: 'model', label: t('wfm.staffing.model'), children: <Tag color={output.model === 'erlangA' ? 'purple' : 'blue'}>{output.model === 'erlangA' ? 'Erlang A' : 'Erlang C'}</Tag> },
                    { key: 'traffic', label: t('wfm.staffing.traffic'), children: t('wfm.staffing.erlangs', { value: output.trafficErlangs.toFixed(2) }) },
                    { key: 'sl', label: t('wfm.staffing.serviceLevel'), children: <span data-testid="wfm-staffing-sl">{percentText(output.serviceLevel, 2)}</span> },
                    { key: 'asa', label: t('wfm.staffing.asa'), children: <span data-testid="wfm-staffing-asa">{t('wfm.secondsValue', { value: output.asaSeconds.toFixed(2) })}</span> },
                    { key: 'occupancy', label: t('wfm.staffing.occupancy'), children: <span data-testid="wfm-staffing-occupancy">{percentText(output.occupancy, 1)}</span> },
                    { key: 'wait', label: t('wfm.staffing.waitProbability'), children: <span data-testid="wfm-staffing-wait">{percentText(output.waitProbability, 2)}</span> },
                    ...(output.abandonRate !== undefined
                      ? [{ key: 'abandon', label: t('wfm.staffing.abandonRate'), children: <span data-testid="wfm-staffing-abandon">{percentText(output.abandonRate, 2)}</span> }]
                      : []),
                  ]}
                />
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
                  {t('wfm.staffing.explain', {
                    raw: output.rawAgents,
                    shrinkage: percentText(result!.input.shrinkage ?? 0, 0),
                    agents: output.agents,
                    target: percentText(result!.input.slTarget, 0),
                    seconds: result!.input.slSeconds,
                    occupancy: percentText(result!.input.maxOccupancy ?? 1, 0),
                  })}
                </Typography.Paragraph>
              </>
            )}
          </Card>
        </Col>
      </Row>
    </PageCard>
  );
}

function Big({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Flex vertical>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <span data-testid={testId} data-value={value} style={{ fontSize: 40, fontWeight: 600, lineHeight: 1.2 }}>
        {value}
      </span>
    </Flex>
  );
}
