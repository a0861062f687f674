import { subject } from '@casl/ability';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, ApiError } from '../api';
import { APPLICATION_STATUS } from '../labels';
import { formatYuan } from '../money';
import { Page } from '../Page';
import { useAbility } from '../session';

interface Application {
  id: string;
  decisionId: string;
  tenantId: string;
  applicantOrgId: string;
  applicantName: string | null;
  applicantTenantId: string;
  status: string;
  amountFen: number;
  budgetYear: number;
  createdAt: string;
}

/** 补贴申请: the applications the caller may read; 批准 only where the caller holds the `review` right on that application. */
export default function Subsidies() {
  const ability = useAbility();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [cursor, setCursor] = useState<string | undefined>();
  const list = useQuery({
    queryKey: ['applications', cursor],
    queryFn: () =>
      api<{ items: Application[]; nextCursor: string | null }>('GET', '/subsidies/applications', { query: { cursor, limit: 20 } }),
  });
  const approve = useMutation({
    mutationFn: (id: string) => api('POST', `/subsidies/applications/${id}/approve`),
    onSuccess: () => {
      message.success('已批准');
      void client.invalidateQueries({ queryKey: ['applications'] });
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const columns: TableColumnsType<Application> = [
    { title: '申请时间', dataIndex: 'createdAt', width: 180, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
    { title: '申请单位', dataIndex: 'applicantName', ellipsis: true },
    { title: '补贴金额', dataIndex: 'amountFen', align: 'right', render: (_, a) => formatYuan(a.amountFen) },
    { title: '预算年度', dataIndex: 'budgetYear', width: 100 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 100,
      render: (v: string) => {
        const st = APPLICATION_STATUS[v];
        return st ? <Badge status={st.status.toLowerCase() as 'processing'} text={st.text} /> : v;
      },
    },
    {
      title: '操作',
      width: 120,
      render: (_, a) =>
        a.status === 'submitted' && ability.can('review', subject('SubsidyApplication', { ...a })) ? (
          <Button type="link" loading={approve.isPending && approve.variables === a.id} onClick={() => approve.mutate(a.id)}>
            批准
          </Button>
        ) : null,
    },
  ];
  return (
    <Page title="补贴申请" subTitle="企业依据政策判定提出的补贴申请">
      {list.error && <Alert type="error" showIcon message={(list.error as Error).message} />}
      <Table<Application>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={false}
        footer={() => (
          <>
            <Button disabled={!cursor} onClick={() => setCursor(undefined)}>
              回到第一页
            </Button>{' '}
            <Button disabled={!list.data?.nextCursor} onClick={() => setCursor(list.data?.nextCursor ?? undefined)}>
              下一页
            </Button>
          </>
        )}
      />
    </Page>
  );
}
