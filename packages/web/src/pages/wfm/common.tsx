/** Pieces the WFM pages share: status tags, the server's field errors on a form, small stat blocks. */
import type { ReactNode } from 'react';
import { Alert, Flex, Statistic, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.ts';
import { ApiError } from '../../api/client.ts';
import type { ForecastStatus, ScheduleStatus } from './api.ts';
import { fieldProblems, type FieldProblem } from './model.ts';

const FORECAST_COLORS: Record<ForecastStatus, string> = { draft: 'gold', approved: 'green', superseded: 'default' };
const SCHEDULE_COLORS: Record<ScheduleStatus, string> = { draft: 'gold', submitted: 'blue', published: 'green', superseded: 'default' };

export function ForecastStatusTag({ status, testId }: { status: ForecastStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={FORECAST_COLORS[status]} data-testid={testId} data-status={status}>
      {t(`wfm.forecastStatus.${status}`)}
    </Tag>
  );
}

export function ScheduleStatusTag({ status, testId }: { status: ScheduleStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={SCHEDULE_COLORS[status]} data-testid={testId} data-status={status}>
      {t(`wfm.scheduleStatus.${status}`)}
    </Tag>
  );
}

/** A field's message from the server: a localized hint for schema failures, the code's message and detail for domain ones. */
function problemText(error: ApiError, problem: FieldProblem): string {
  const last = problem.field.split('.').at(-1)?.replace(/\[\d+\]$/, '') ?? problem.field;
  if (error.code === 'request.invalid') {
    return i18n.t(`wfm.fieldHint.${last}`, { defaultValue: problem.message || error.message });
  }
  return problem.message ? i18n.t('wfm.serverFieldError', { message: error.message, detail: problem.message }) : error.message;
}

/**
 * Puts the fields a refused request names onto the form (`toName` maps a request field to a form
 * field, or null) and returns what no field took, as lines for an alert.
 */
export function applyServerErrors<T>(form: FormInstance<T>, error: unknown, toName: (field: string) => NamePath | null): string[] {
  if (!(error instanceof ApiError)) return [];
  const problems = fieldProblems(error.details);
  const general: string[] = [];
  const fields: { name: NamePath; errors: string[] }[] = [];
  for (const problem of problems) {
    const name = toName(problem.field);
    const text = problemText(error, problem);
    if (name === null) general.push(problem.field ? `${problem.field}: ${text}` : text);
    else {
      const existing = fields.find((item) => JSON.stringify(item.name) === JSON.stringify(name));
      if (existing) existing.errors.push(text);
      else fields.push({ name, errors: [text] });
    }
  }
  form.setFields(fields as never);
  return general;
}

/** An error alert for a refused action: the server's message and the lines no field took. */
export function ServerAlert({ error, lines, testId }: { error: unknown; lines?: string[]; testId?: string }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      data-code={code}
      style={{ marginBottom: 16 }}
      title={message}
      description={
        lines && lines.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

/** A row of figures. */
export function Figures({ items, testId }: { items: { key: string; title: ReactNode; value: ReactNode; suffix?: ReactNode; testId?: string; hint?: ReactNode }[]; testId?: string }) {
  return (
    <Flex gap={32} wrap data-testid={testId} style={{ marginBottom: 16 }}>
      {items.map((item) => (
        <div key={item.key} data-testid={item.testId}>
          <Statistic title={item.title} value={item.value as string} suffix={item.suffix} />
          {item.hint && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {item.hint}
            </Typography.Text>
          )}
        </div>
      ))}
    </Flex>
  );
}
