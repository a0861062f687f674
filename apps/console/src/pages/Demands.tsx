import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Segmented, Table, Tag, type TableColumnsType } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { api } from '../api';
import { ENTRY_STATUS, INDUSTRY_FIELDS, label } from '../labels';
import { formatYuan } from '../money';
import { Page } from '../Page';
import { useMe } from '../session';

const DemandForm = lazy(() => import('../DemandForm'));

interface Demand {
  id: string;
  title: string;
  field: string;
  status: string;
  organizationName: string | null;
  tenantName: string;
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  deadline: string | null;
  isOpenCall: boolean;
  rewardFen: number | null;
  returnReason: string | null;
}

/**
 * 企业需求: the demands the caller may see, by status; 发布需求 posts one (a county centre on behalf
 * of a local enterprise, 代为发布) and submits it for review. Money in 元 on screen, 分 in the API.
 */
export default function Demands() {
  const me = useMe();
  const client = useQueryClient();
  const [status, setStatus] = useState('submitted');
  const [posting, setPosting] = useState(false);
  const onBehalf = !me.user.organizationId;
  const list = useQuery({
    queryKey: ['demands', status],
    queryFn: () => api<{ items: Demand[] }>('GET', '/demands', { query: { status, sort: 'newest', limit: 50 } }),
  });
  const columns: TableColumnsType<Demand> = [
    { title: '需求名称', dataIndex: 'title', ellipsis: true },
    { title: '需求企业', dataIndex: 'organizationName', ellipsis: true },
    { title: '产业领域', dataIndex: 'field', width: 120, render: (_, d) => label(INDUSTRY_FIELDS, d.field) },
    {
      title: '预算',
      width: 220,
      align: 'right',
      render: (_, d) =>
        d.budgetMinFen === null && d.budgetMaxFen === null ? '面议' : `${formatYuan(d.budgetMinFen)} – ${formatYuan(d.budgetMaxFen)}`,
    },
    {
      title: '揭榜挂帅',
      width: 160,
      render: (_, d) => (d.isOpenCall ? <Tag color="warning">揭榜奖励 {formatYuan(d.rewardFen)}</Tag> : '—'),
    },
    { title: '截止日期', dataIndex: 'deadline', width: 110, render: (_, d) => d.deadline ?? '—' },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (_, d) => <Tag color={ENTRY_STATUS[d.status]?.color}>{ENTRY_STATUS[d.status]?.text ?? d.status}</Tag>,
    },
  ];

  return (
    <Page
      title="企业需求"
      subTitle={onBehalf ? `${me.tenant.name}：代本地企业发布技术需求` : '本企业的技术需求'}
      extra={
        <Button type="primary" onClick={() => setPosting(true)}>
          发布需求
        </Button>
      }
    >
      {list.error && <Alert type="error" showIcon message={(list.error as Error).message} />}
      <Segmented
        aria-label="需求状态"
        value={status}
        onChange={(v) => setStatus(String(v))}
        options={['submitted', 'published', 'returned', 'draft'].map((s) => ({ value: s, label: ENTRY_STATUS[s].text }))}
        style={{ marginBottom: 12 }}
      />
      <Table<Demand>
        data-testid="demand-list"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={false}
      />
      {posting && (
        <Suspense fallback={null}>
          <DemandForm
            open={posting}
            onOpenChange={setPosting}
            onPosted={() => {
              setStatus('submitted');
              void client.invalidateQueries({ queryKey: ['demands'] });
            }}
          />
        </Suspense>
      )}
    </Page>
  );
}
