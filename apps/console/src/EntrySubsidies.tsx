import { Alert, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { decisionMatter, useMySubsidies, type DecisionView } from './decisions';
import { APPLICATION_STATUS } from './labels';
import { formatYuan } from './money';

const ApplicationForm = lazy(() => import('./ApplicationForm'));

/**
 * 可申请的补贴 under a catalog entry: the caller's eligible policy decisions on contracts that
 * name one of the entry's patents (an enterprise that bought it), each with 申请补贴 or the
 * state of the application already filed. Its own chunk, loaded in the detail drawer.
 */
export default function EntrySubsidies({ patentNumbers }: { patentNumbers: string[] }) {
  const [filing, setFiling] = useState<DecisionView | null>(null);
  const { decisions, open: applied, eligible, error } = useMySubsidies();
  const related = eligible.filter((d) => d.matter?.patentNumbers?.some((n) => patentNumbers.includes(n)));
  return (
    <Card size="small" title="本单位可申请的补贴" style={{ marginTop: 16 }} data-testid="entry-subsidies" loading={decisions.isLoading}>
      {error && <Alert type="error" showIcon message={(error as Error).message} description="请刷新页面重试" />}
      {related.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description="本单位暂无与该成果相关的可申请补贴：购买或许可其专利的技术合同登记后，符合条件的补贴会显示在这里"
        />
      ) : (
        <List
          dataSource={related}
          renderItem={(d) => {
            const a = applied.get(d.id);
            const st = a ? APPLICATION_STATUS[a.status] : undefined;
            return (
              <List.Item
                actions={[
                  a ? (
                    <Space key="state">
                      <Tag color={st?.status.toLowerCase()} data-testid="entry-application-state">
                        已申请 · {st?.text ?? a.status}
                      </Tag>
                      <Link to="/mine?tab=subsidies">查看</Link>
                    </Space>
                  ) : (
                    <Button key="file" type="primary" onClick={() => setFiling(d)}>
                      申请补贴
                    </Button>
                  ),
                ]}
              >
                <List.Item.Meta
                  title={`${d.pluginName?.zh ?? d.pluginId} · ${formatYuan(d.amountFen)}`}
                  description={<Typography.Text type="secondary">{decisionMatter(d)}</Typography.Text>}
                />
              </List.Item>
            );
          }}
        />
      )}
      {filing && (
        <Suspense fallback={null}>
          <ApplicationForm decision={filing} open onOpenChange={(o) => !o && setFiling(null)} />
        </Suspense>
      )}
    </Card>
  );
}
