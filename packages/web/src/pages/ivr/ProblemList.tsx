import { Alert, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatPath, problemNode, type FlowProblem } from './flow.ts';
import { problemPath, problemText } from './labels.ts';

/**
 * The server's verdict on the last save: errors (nothing was saved) and warnings, each with the
 * JSON path of the node or field; a click selects the node in the tree.
 */
export function ProblemList({ problems, failed, onPick }: { problems: FlowProblem[]; failed: boolean; onPick: (nodeId: string) => void }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return (
    <Alert
      data-testid="ivr-problems"
      data-failed={failed ? 'true' : undefined}
      type={errors > 0 ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 16 }}
      title={
        failed
          ? t('ivr.problems.failed', { count: errors })
          : t('ivr.problems.warnings', { count: warnings })
      }
      description={
        <List
          size="small"
          split={false}
          dataSource={problems}
          renderItem={(problem) => {
            const nodeId = problemNode(problem);
            return (
              <List.Item
                data-testid="ivr-problem"
                data-path={formatPath(problem.path)}
                data-code={problem.code}
                style={{ padding: '2px 0', cursor: nodeId ? 'pointer' : undefined }}
                onClick={() => nodeId && onPick(nodeId)}
              >
                <Flex gap={8} align="baseline" wrap>
                  <Tag color={problem.severity === 'error' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
                    {problem.severity === 'error' ? t('ivr.problems.error') : t('ivr.problems.warning')}
                  </Tag>
                  <Typography.Text strong>{problemText(problem)}</Typography.Text>
                  {nodeId ? <Typography.Link code>{problemPath(problem)}</Typography.Link> : <Typography.Text code>{problemPath(problem)}</Typography.Text>}
                  {problem.message && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {problem.message}
                    </Typography.Text>
                  )}
                </Flex>
              </List.Item>
            );
          }}
        />
      }
    />
  );
}
