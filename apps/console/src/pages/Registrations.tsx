import { subject } from '@casl/ability';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Descriptions, Drawer, Empty, Flex, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { api, ApiError } from '../api';
import { chinaDateText, chinaDateTimeText, chinaToday, daysBetween } from '../china-date';
import { CONTRACT_STATUS, CONTRACT_TYPES, label } from '../labels';
import { FilterSelect, LoadError, optionsOf } from '../ListParts';
import { formatYuan } from '../money';
import { Page } from '../Page';
import { useAbility } from '../session';
import { useUrlFilters } from '../url-state';

interface Contract {
  id: string;
  tenantId: string;
  title: string;
  contractType: string;
  amountFen: number;
  techTransactionFen: number;
  signedOn: string;
  submittedAt: string | null;
  dueOn: string | null;
  expertReview: boolean;
  status: string;
  registrationNumber: string | null;
  registeredAt: string | null;
  returnReason: string | null;
  direction: string;
}
interface ContractDetail extends Contract {
  sellerName: string | null;
  buyerName: string | null;
  receivedFen: number;
  patents: { id: string; applicationNumber: string; title: string }[];
  expertReviews: { id: string; expertName: string; opinion: string | null; opinionAt: string | null }[];
  warnings: { message: string }[];
}

const STATUS_OPTIONS = [
  { value: 'submitted', label: '待登记' },
  ...Object.entries(CONTRACT_STATUS)
    .filter(([k]) => k !== 'submitted')
    .map(([value, s]) => ({ value, label: s.text })),
  { value: 'all', label: '全部状态' },
];
const DUE_OPTIONS = [
  { value: 'overdue', label: '已超期' },
  { value: 'soon', label: '5 个工作日内到期' },
];

/** The 办结期限 as a registrar needs it: the date, and how far it is (red once passed). */
export function DueOn({ dueOn, status }: { dueOn: string | null; status: string }) {
  if (!dueOn) return <>—</>;
  if (status !== 'submitted') return <>{chinaDateText(dueOn)}</>;
  const left = daysBetween(chinaToday(), dueOn);
  return (
    <Space size={4} wrap>
      <span>{chinaDateText(dueOn)}</span>
      {left < 0 ? (
        <Tag color="error">已超期 {-left} 天</Tag>
      ) : left === 0 ? (
        <Tag color="warning">今日到期</Tag>
      ) : (
        <Typography.Text type="secondary">还有 {left} 天</Typography.Text>
      )}
    </Space>
  );
}

function StatusBadge({ status }: { status: string }) {
  const st = CONTRACT_STATUS[status];
  return st ? <Badge status={st.status.toLowerCase() as 'processing'} text={st.text} /> : <>{status}</>;
}

/**
 * 合同认定登记: the registrar's submitted contracts with their 办结期限 (15 working days after
 * submission, 30 with an expert review — computed by the API on China's working-day calendar),
 * overdue ones marked; filters and page in the URL; 登记 from the row or the detail.
 */
export default function Registrations() {
  const ability = useAbility();
  const { message } = App.useApp();
  const client = useQueryClient();
  const {
    status: statusParam,
    contractType,
    due,
    id: openId,
    cursor,
    update,
  } = useUrlFilters(['status', 'contractType', 'due', 'id'] as const);
  const status = due ? 'submitted' : (statusParam ?? 'submitted');
  const list = useQuery({
    queryKey: ['contracts', status, contractType, due, cursor],
    queryFn: () =>
      api<{ items: Contract[]; nextCursor: string | null }>('GET', '/contracts', {
        query: { status: status === 'all' ? undefined : status, contractType, due, cursor, limit: 20 },
      }),
    placeholderData: (prev) => prev,
  });
  const detail = useQuery({
    queryKey: ['contract', openId],
    queryFn: () => api<ContractDetail>('GET', `/contracts/${openId}`),
    enabled: Boolean(openId),
  });
  const register = useMutation({
    mutationFn: (id: string) => api<Contract>('POST', `/contracts/${id}/register`),
    onSuccess: (c) => {
      message.success(`已登记，登记编号 ${c.registrationNumber ?? ''}`);
      void client.invalidateQueries({ queryKey: ['contracts'] });
      void client.invalidateQueries({ queryKey: ['contract'] });
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const mayRegister = (c: Contract) => c.status === 'submitted' && ability.can('review', subject('TechContract', { ...c }));
  const registerButton = (c: Contract, type: 'link' | 'primary' = 'link') =>
    mayRegister(c) ? (
      <Button type={type} loading={register.isPending && register.variables === c.id} onClick={() => register.mutate(c.id)}>
        登记
      </Button>
    ) : null;

  const today = chinaToday();
  const columns: TableColumnsType<Contract> = [
    {
      title: '合同名称',
      dataIndex: 'title',
      render: (v: string, c) => (
        <a onClick={() => update({ id: c.id, cursor })} data-testid="contract-title">
          {v}
        </a>
      ),
    },
    { title: '合同类型', dataIndex: 'contractType', width: 100, render: (v: string) => label(CONTRACT_TYPES, v) },
    { title: '技术交易额', dataIndex: 'techTransactionFen', align: 'right', width: 160, render: formatYuan },
    { title: '签订日期', dataIndex: 'signedOn', width: 130, render: chinaDateText },
    {
      title: '提交时间',
      dataIndex: 'submittedAt',
      width: 170,
      render: chinaDateTimeText,
    },
    {
      title: '办结期限',
      dataIndex: 'dueOn',
      width: 210,
      render: (v: string | null, c) => (
        <span data-testid="due-on">
          <DueOn dueOn={v} status={c.status} />
          {c.expertReview && c.status === 'submitted' && <div className="hint">须专家评审（30 个工作日）</div>}
        </span>
      ),
    },
    { title: '状态', dataIndex: 'status', width: 130, render: (v: string) => <StatusBadge status={v} /> },
    { title: '操作', width: 80, render: (_, c) => registerButton(c) },
  ];
  const d = detail.data;
  return (
    <Page title="合同认定登记" subTitle="办结期限按工作日计算：提交后 15 个工作日，须专家评审的 30 个工作日">
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <FilterSelect
          label="登记状态"
          width={160}
          clearable={false}
          value={status}
          disabled={Boolean(due)}
          options={STATUS_OPTIONS}
          onChange={(v) => update({ status: v === 'submitted' ? undefined : v })}
        />
        <FilterSelect
          label="合同类型"
          placeholder="全部合同类型"
          width={160}
          value={contractType}
          options={optionsOf(CONTRACT_TYPES)}
          onChange={(v) => update({ contractType: v })}
        />
        <FilterSelect
          label="办结期限"
          placeholder="全部期限"
          width={180}
          value={due}
          options={DUE_OPTIONS}
          onChange={(v) => update({ due: v })}
        />
      </Flex>
      {list.error && <LoadError what="合同列表" error={list.error} />}
      <Table<Contract>
        data-testid="registration-list"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={false}
        rowClassName={(c) => (c.status === 'submitted' && c.dueOn && c.dueOn < today ? 'row-overdue' : '')}
        locale={{
          emptyText: (
            <Empty
              description={
                status === 'submitted' && !contractType && !due
                  ? '没有待登记的合同。当事方或技术经纪人提交合同后会出现在这里。'
                  : '没有符合条件的合同，请调整或清除上方的筛选条件。'
              }
            />
          ),
        }}
        footer={() => (
          <Space>
            <Button disabled={!cursor} onClick={() => update({ cursor: undefined })}>
              回到第一页
            </Button>
            <Button disabled={!list.data?.nextCursor} onClick={() => update({ cursor: list.data?.nextCursor ?? undefined })}>
              下一页
            </Button>
          </Space>
        )}
      />
      <Drawer
        open={Boolean(openId)}
        width={640}
        title={d?.title ?? '合同详情'}
        onClose={() => update({ id: undefined, cursor })}
        extra={d && registerButton(d, 'primary')}
      >
        {detail.error && (
          <Alert type="error" showIcon message={(detail.error as Error).message} description="请关闭后重新打开，或刷新页面。" />
        )}
        {detail.isLoading && <Typography.Text type="secondary">正在加载合同详情…</Typography.Text>}
        {d && (
          <div data-testid="contract-detail">
            {d.warnings.length > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                message="疑似重复登记，请核对后再登记"
                description={d.warnings.map((w, i) => (
                  <div key={i}>{w.message}</div>
                ))}
              />
            )}
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="状态">
                <StatusBadge status={d.status} />
              </Descriptions.Item>
              <Descriptions.Item label="办结期限">
                <DueOn dueOn={d.dueOn} status={d.status} />
              </Descriptions.Item>
              {d.registrationNumber && <Descriptions.Item label="登记编号">{d.registrationNumber}</Descriptions.Item>}
              <Descriptions.Item label="合同类型">{label(CONTRACT_TYPES, d.contractType)}</Descriptions.Item>
              <Descriptions.Item label="卖方（技术输出方）">{d.sellerName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="买方（技术吸纳方）">{d.buyerName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="合同成交额">{formatYuan(d.amountFen)}</Descriptions.Item>
              <Descriptions.Item label="技术交易额">{formatYuan(d.techTransactionFen)}</Descriptions.Item>
              <Descriptions.Item label="已到账">{formatYuan(d.receivedFen)}</Descriptions.Item>
              <Descriptions.Item label="签订日期">{chinaDateText(d.signedOn)}</Descriptions.Item>
              <Descriptions.Item label="专家评审">
                {d.expertReview ? `须专家评审（已收到 ${d.expertReviews.filter((r) => r.opinionAt).length} 份意见）` : '不需要'}
              </Descriptions.Item>
              {d.patents.length > 0 && (
                <Descriptions.Item label="涉及专利">
                  {d.patents.map((p) => (
                    <div key={p.id}>
                      {p.applicationNumber} {p.title}
                    </div>
                  ))}
                </Descriptions.Item>
              )}
              {d.returnReason && <Descriptions.Item label="退回原因">{d.returnReason}</Descriptions.Item>}
            </Descriptions>
          </div>
        )}
      </Drawer>
    </Page>
  );
}
