import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * A page's title row (antd Typography + Flex): what Pro's PageContainer showed here, without
 * bringing pro-layout (and with it ProForm and ProField) into every page's first load.
 */
export function Page({
  title,
  subTitle,
  extra,
  children,
}: {
  title: string;
  subTitle?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="page">
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Flex align="baseline" gap={12} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
        </Flex>
        {extra}
      </Flex>
      {children}
    </div>
  );
}
