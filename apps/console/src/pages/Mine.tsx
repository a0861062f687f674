import { subject } from '@casl/ability';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Flex, Segmented, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, download } from '../api';
import { chinaDate, chinaDateTime } from '../dates';
import { decisionMatter, Reasons, useMySubsidies, type DecisionView, type MyApplication } from '../decisions';
import {
  APPLICATION_STATUS,
  CONTRACT_STATUS,
  CONTRACT_TYPES,
  ENTRY_STATUS,
  INDUSTRY_FIELDS,
  label,
  LEGAL_STATUSES,
  PATENT_TYPES,
} from '../labels';
import { formatYuan } from '../money';
import { Page } from '../Page';
import { Pager } from '../Pager';
import { useAbility, useMe } from '../session';
import { useUrlState } from '../url-state';

const ApplicationForm = lazy(() => import('../ApplicationForm'));

/** The catalog lists an institution or enterprise keeps (its own entries, by workflow state). */
type EntryKind = 'achievements' | 'patents' | 'demands';
const KIND: Record<EntryKind, { subject: string; export: string; name: string; noun: string }> = {
  achievements: { subject: 'Achievement', export: 'achievements.xlsx', name: '科技成果', noun: '成果' },
  patents: { subject: 'Patent', export: 'patents.xlsx', name: '专利', noun: '专利' },
  demands: { subject: 'Demand', export: 'demands.xlsx', name: '企业需求', noun: '需求' },
};
const STATUSES = ['published', 'submitted', 'returned', 'draft', 'withdrawn'];

interface Entry {
  id: string;
  title: string;
  status: string;
  returnReason: string | null;
  publishedAt: string | null;
  field: string | null;
  patentType?: string;
  legalStatus?: string;
  applicationNumber?: string;
  openLicence?: boolean;
  freeLicence?: boolean;
  budgetMinFen?: number | null;
  budgetMaxFen?: number | null;
  organizationId: string | null;
}
interface Contract {
  id: string;
  title: string;
  contractType: string;
  amountFen: number;
  signedOn: string;
  status: string;
  registrationNumber: string | null;
  returnReason: string | null;
  dueOn: string | null;
  sellerOrgId: string;
}
const TABS = [
  { key: 'achievements', label: '科技成果' },
  { key: 'patents', label: '专利与开放许可' },
  { key: 'demands', label: '技术需求' },
  { key: 'contracts', label: '技术合同' },
  { key: 'subsidies', label: '补贴申请' },
];

/**
 * 我的事项 of a university/institute or enterprise member: its achievements, patents (with open
 * licences), demands, contracts and subsidy applications, each with its workflow state and the
 * reviewer's reasons; the actions the API allows (提交审核, 撤回, 申请补贴) and XLSX exports.
 * Tab, status and page are in the URL.
 */
export default function Mine() {
  const me = useMe();
  const url = useUrlState({ tab: 'achievements', status: 'published' });
  const tab = url.get('tab')!;
  return (
    <Page title="我的事项" subTitle={`${me.user.displayName}：本单位的成果、专利、需求、合同与补贴申请`}>
      <Tabs
        activeKey={tab}
        onChange={(t) => url.update({ tab: t, status: undefined })}
        items={TABS.map((t) => ({ key: t.key, label: t.label }))}
      />
      {tab in KIND && <Entries kind={tab as EntryKind} url={url} />}
      {tab === 'contracts' && <Contracts url={url} />}
      {tab === 'subsidies' && <Subsidies />}
    </Page>
  );
}

type UrlState = ReturnType<typeof useUrlState>;

const ErrorAlert = ({ error }: { error: unknown }) =>
  error ? (
    <Alert
      type="error"
      showIcon
      message={error instanceof Error ? error.message : String(error)}
      description="请稍后重试；问题持续时请联系平台管理员。"
      style={{ marginBottom: 12 }}
    />
  ) : null;

function Entries({ kind, url }: { kind: EntryKind; url: UrlState }) {
  const me = useMe();
  const ability = useAbility();
  const { message } = App.useApp();
  const client = useQueryClient();
  const status = url.get('status')!;
  const cursor = url.get('cursor');
  const k = KIND[kind];
  const query = { status, organizationId: me.user.organizationId ?? undefined, sort: 'newest', cursor, limit: 20 };
  const list = useQuery({
    queryKey: ['mine', kind, status, cursor],
    queryFn: () => api<{ items: Entry[]; nextCursor: string | null; total: number }>('GET', `/${kind}`, { query }),
  });
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'submit' | 'withdraw' }) => api('POST', `/${kind}/${id}/${action}`),
    onSuccess: (_, v) => {
      message.success(v.action === 'submit' ? '已提交审核' : '已撤回');
      void client.invalidateQueries({ queryKey: ['mine', kind] });
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const [exporting, setExporting] = useState(false);
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await download(`/exports/${k.export}`, { status, organizationId: query.organizationId, sort: 'newest' }, `${k.name}.xlsx`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };
  const can = (action: string, e: Entry) => ability.can(action, subject(k.subject, { ...e }));

  const columns: TableColumnsType<Entry> = [
    {
      title: `${k.noun}名称`,
      dataIndex: 'title',
      render: (_, e) => (
        <div>
          {kind === 'achievements' && e.status === 'published' ? <Link to={`/catalog?id=${e.id}`}>{e.title}</Link> : e.title}
          {e.applicationNumber && (
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              申请号 {e.applicationNumber}
            </Typography.Text>
          )}
        </div>
      ),
    },
    kind === 'patents'
      ? {
          title: '类型 / 法律状态',
          width: 150,
          render: (_, e) => `${label(PATENT_TYPES, e.patentType)} · ${label(LEGAL_STATUSES, e.legalStatus)}`,
        }
      : { title: '产业领域', dataIndex: 'field', width: 130, render: (_, e) => label(INDUSTRY_FIELDS, e.field) },
    ...(kind === 'patents'
      ? [
          {
            title: '开放许可',
            width: 120,
            render: (_: unknown, e: Entry) =>
              e.openLicence ? <Tag color="processing">{e.freeLicence ? '免费开放许可' : '开放许可中'}</Tag> : '未声明',
          },
        ]
      : []),
    ...(kind === 'demands'
      ? [
          {
            title: '预算',
            width: 200,
            align: 'right' as const,
            render: (_: unknown, e: Entry) =>
              e.budgetMinFen == null && e.budgetMaxFen == null ? '面议' : `${formatYuan(e.budgetMinFen)} – ${formatYuan(e.budgetMaxFen)}`,
          },
        ]
      : []),
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (_, e) => <Tag color={ENTRY_STATUS[e.status]?.color}>{ENTRY_STATUS[e.status]?.text ?? e.status}</Tag>,
    },
    {
      title: '审核意见',
      dataIndex: 'returnReason',
      render: (_, e) =>
        e.returnReason ? (
          <Typography.Text type={e.status === 'returned' ? 'danger' : 'secondary'} data-testid="return-reason">
            {e.returnReason}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { title: '发布日期', dataIndex: 'publishedAt', width: 110, render: (_, e) => chinaDate(e.publishedAt) },
    {
      title: '操作',
      width: 120,
      render: (_, e) => (
        <Space size={0}>
          {['draft', 'returned', 'withdrawn'].includes(e.status) && can('submit', e) && (
            <Button
              type="link"
              onClick={() => act.mutate({ id: e.id, action: 'submit' })}
              loading={act.isPending && act.variables?.id === e.id}
            >
              {e.status === 'returned' ? '重新提交' : '提交审核'}
            </Button>
          )}
          {['submitted', 'published'].includes(e.status) && can('withdraw', e) && (
            <Button
              type="link"
              onClick={() => act.mutate({ id: e.id, action: 'withdraw' })}
              loading={act.isPending && act.variables?.id === e.id}
            >
              撤回
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex wrap justify="space-between" align="center" gap={12} style={{ marginBottom: 12 }}>
        <Segmented
          aria-label={`${k.noun}状态`}
          value={status}
          onChange={(v) => url.update({ status: String(v) })}
          options={STATUSES.map((s) => ({ value: s, label: ENTRY_STATUS[s].text }))}
        />
        <Space>
          <Link to={`/bulk-import?kind=${kind.slice(0, -1)}`}>批量导入</Link>
          <Button icon={<DownloadOutlined />} onClick={exportXlsx} loading={exporting}>
            导出 XLSX
          </Button>
        </Space>
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<Entry>
        data-testid={`mine-${kind}`}
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={false}
        locale={{
          emptyText: (
            <Empty
              description={
                status === 'returned'
                  ? `没有被退回的${k.noun}`
                  : `没有${ENTRY_STATUS[status]?.text ?? ''}的${k.noun}；可在“批量导入”上传表格，或切换上方状态查看`
              }
            />
          ),
        }}
        footer={() => <Pager url={url} next={list.data?.nextCursor} />}
      />
    </>
  );
}

function Contracts({ url }: { url: UrlState }) {
  const me = useMe();
  const cursor = url.get('cursor');
  const list = useQuery({
    queryKey: ['mine', 'contracts', cursor],
    queryFn: () => api<{ items: Contract[]; nextCursor: string | null }>('GET', '/contracts', { query: { cursor, limit: 20 } }),
  });
  const columns: TableColumnsType<Contract> = [
    { title: '合同名称', dataIndex: 'title', ellipsis: true },
    { title: '本单位为', width: 90, render: (_, c) => (c.sellerOrgId === me.user.organizationId ? '卖方' : '买方') },
    { title: '合同类型', dataIndex: 'contractType', width: 100, render: (_, c) => label(CONTRACT_TYPES, c.contractType) },
    { title: '合同金额', dataIndex: 'amountFen', width: 160, align: 'right', render: (_, c) => formatYuan(c.amountFen) },
    { title: '签订日期', dataIndex: 'signedOn', width: 110, render: (_, c) => chinaDate(c.signedOn) },
    { title: '登记编号', dataIndex: 'registrationNumber', width: 150, render: (_, c) => c.registrationNumber ?? '—' },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (_, c) => <Tag color={CONTRACT_STATUS[c.status]?.status.toLowerCase()}>{CONTRACT_STATUS[c.status]?.text ?? c.status}</Tag>,
    },
    {
      title: '登记机构意见 / 办结期限',
      render: (_, c) =>
        c.returnReason ? (
          <Typography.Text type="danger">{c.returnReason}</Typography.Text>
        ) : c.status === 'submitted' && c.dueOn ? (
          `${chinaDate(c.dueOn)} 前办结`
        ) : (
          '—'
        ),
    },
  ];
  return (
    <>
      <ErrorAlert error={list.error} />
      <Table<Contract>
        data-testid="mine-contracts"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={false}
        locale={{ emptyText: <Empty description="暂无技术合同；合同由买卖双方提交所在地登记机构登记后显示在这里" /> }}
        footer={() => <Pager url={url} next={list.data?.nextCursor} />}
      />
    </>
  );
}

/** Applications with their state and the reviewer's reason, and the eligible decisions not yet applied for (申请补贴). */
function Subsidies() {
  const ability = useAbility();
  const [filing, setFiling] = useState<DecisionView | null>(null);
  const { decisions, applications, open, eligible, error } = useMySubsidies();
  const byId = new Map((decisions.data?.items ?? []).map((d) => [d.id, d]));
  const fileable = eligible.filter((d) => !open.has(d.id));

  const appColumns: TableColumnsType<MyApplication> = [
    { title: '申请时间', dataIndex: 'createdAt', width: 150, render: (_, a) => chinaDateTime(a.createdAt) },
    { title: '政策', render: (_, a) => byId.get(a.decisionId)?.pluginName?.zh ?? '—' },
    { title: '事项', render: (_, a) => decisionMatter(byId.get(a.decisionId)) },
    { title: '补贴金额', dataIndex: 'amountFen', width: 150, align: 'right', render: (_, a) => formatYuan(a.amountFen) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (_, a) => {
        const st = APPLICATION_STATUS[a.status];
        return <Tag color={st?.status.toLowerCase()}>{st?.text ?? a.status}</Tag>;
      },
    },
    {
      title: '审核意见',
      dataIndex: 'reviewReason',
      width: 220,
      render: (_, a) => (a.reviewReason ? <Typography.Text type="danger">{a.reviewReason}</Typography.Text> : '—'),
    },
  ];
  const decisionColumns: TableColumnsType<DecisionView> = [
    { title: '政策', render: (_, d) => d.pluginName?.zh ?? d.pluginId },
    { title: '事项', render: (_, d) => decisionMatter(d) },
    { title: '可申请金额', width: 150, align: 'right', render: (_, d) => formatYuan(d.amountFen) },
    { title: '判定理由', render: (_, d) => <Reasons reasons={d.reasons} /> },
    {
      title: '操作',
      width: 110,
      render: (_, d) =>
        ability.can('create', 'SubsidyApplication') ? (
          <Button type="link" onClick={() => setFiling(d)}>
            申请补贴
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <ErrorAlert error={error} />
      <Typography.Title level={5}>可申请的补贴</Typography.Title>
      <Table<DecisionView>
        data-testid="fileable-decisions"
        rowKey="id"
        size="small"
        columns={decisionColumns}
        dataSource={fileable}
        loading={decisions.isFetching}
        pagination={false}
        locale={{ emptyText: <Empty description="暂无可申请的补贴：技术合同登记后，政策引擎判定符合条件的补贴会列在这里" /> }}
        style={{ marginBottom: 24 }}
      />
      <Typography.Title level={5}>已提交的申请</Typography.Title>
      <Table<MyApplication>
        data-testid="my-applications"
        rowKey="id"
        columns={appColumns}
        dataSource={applications.data?.items}
        loading={applications.isFetching}
        pagination={false}
        locale={{ emptyText: <Empty description="尚未提交补贴申请；在上方“可申请的补贴”中点击“申请补贴”" /> }}
      />
      {filing && (
        <Suspense fallback={null}>
          <ApplicationForm decision={filing} open={!!filing} onOpenChange={(o) => !o && setFiling(null)} />
        </Suspense>
      )}
    </>
  );
}
