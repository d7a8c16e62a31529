import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';

export function PageCard({ title, extra, children, testId }: { title: ReactNode; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card
      data-testid={testId}
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
      }
      extra={
        <Flex gap={8} align="center">
          {extra}
        </Flex>
      }
    >
      {children}
    </Card>
  );
}
