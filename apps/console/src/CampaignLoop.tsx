import { useQuery } from '@tanstack/react-query';
import { Flex, Table, Typography, type TableColumnsType } from 'antd';
import { api } from './api';
import { currentQuarter, type FunnelRow, periodOptions } from './campaigns';
import { FilterSelect, LoadError } from './ListParts';
import { formatYuan } from './money';
import { useMe } from './session';
import { useUrlFilters } from './url-state';

type ByTenant<R> = { tenant: { code: string; name: string }; total: R; byTenant: ({ tenantCode: string; tenantName: string } & R)[] };
interface MatchRow {
  told: number;
  answered: number;
  contacted: number;
  contracted: number;
  contractAmountFen: number;
  techTransactionFen: number;
}
type Row<R> = { tenantCode: string; tenantName: string } & R;

/** The rows per child tenant, then 合计. */
const withTotal = <R,>(d: ByTenant<R> | undefined): Row<R>[] =>
  d ? [...d.byTenant, { tenantCode: '合计', tenantName: '合计', ...d.total }] : [];
const num = (title: string, dataIndex: string) => ({ title, dataIndex, align: 'right' as const, width: 80 });
const money = (title: string, dataIndex: string) => ({ title, dataIndex, align: 'right' as const, width: 150, render: formatYuan });

const PUSH_COLUMNS: TableColumnsType<Row<FunnelRow>> = [
  { title: '地区', dataIndex: 'tenantName' },
  num('收件地址', 'recipients'),
  num('送达', 'delivered'),
  num('退回', 'bounced'),
  num('打开', 'opened'),
  num('点击', 'clicked'),
  num('意向', 'interested'),
  num('对接', 'contacted'),
  num('签约', 'contracted'),
  money('合同金额', 'contractAmountFen'),
];
const MATCH_COLUMNS: TableColumnsType<Row<MatchRow>> = [
  { title: '地区', dataIndex: 'tenantName' },
  num('通知', 'told'),
  num('意向', 'answered'),
  num('对接', 'contacted'),
  num('签约', 'contracted'),
  money('合同金额', 'contractAmountFen'),
  money('技术交易额', 'techTransactionFen'),
];

/**
 * 闭环统计: the pushes' funnel (GET /campaigns/funnel) and the match notices' (GET
 * /campaigns/matches/funnel, for a period) of a tenant's subtree, per child tenant and 合计. The
 * tenant and the period are in the URL.
 */
export default function CampaignLoop({ tenants }: { tenants: { value: string; label: string }[] }) {
  const me = useMe();
  const { loopTenant, period: periodParam, update } = useUrlFilters(['loopTenant', 'period'] as const);
  const tenantCode = loopTenant ?? me.tenant.code;
  const period = periodParam ?? currentQuarter();
  const pushes = useQuery({
    queryKey: ['campaigns', 'funnel', tenantCode],
    queryFn: () => api<ByTenant<FunnelRow>>('GET', '/campaigns/funnel', { query: { tenantCode } }),
  });
  const matches = useQuery({
    queryKey: ['campaigns', 'matches', tenantCode, period],
    queryFn: () => api<ByTenant<MatchRow>>('GET', '/campaigns/matches/funnel', { query: { tenantCode, period } }),
  });
  const rowClass = (r: { tenantCode: string }) => (r.tenantCode === '合计' ? 'row-total' : '');
  return (
    <div data-testid="campaign-loop">
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <FilterSelect
          label="统计地区"
          width={260}
          clearable={false}
          value={tenantCode}
          options={tenants.length ? tenants : [{ value: me.tenant.code, label: me.tenant.name }]}
          onChange={(v) => update({ loopTenant: v === me.tenant.code ? undefined : v })}
        />
      </Flex>
      <Typography.Title level={5}>推送活动闭环（全部推送）</Typography.Title>
      {pushes.error && <LoadError what="推送活动闭环" error={pushes.error} />}
      <Table<Row<FunnelRow>>
        data-testid="push-funnel"
        size="small"
        rowKey="tenantCode"
        columns={PUSH_COLUMNS}
        dataSource={withTotal(pushes.data)}
        loading={pushes.isLoading}
        pagination={false}
        rowClassName={rowClass}
      />
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginTop: 24, marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          撮合通知闭环
        </Typography.Title>
        <FilterSelect
          label="通知发出期间"
          width={160}
          clearable={false}
          value={period}
          options={periodOptions(period)}
          onChange={(v) => update({ period: v })}
        />
      </Flex>
      {matches.error && <LoadError what="撮合通知闭环" error={matches.error} />}
      <Table<Row<MatchRow>>
        data-testid="match-funnel"
        size="small"
        rowKey="tenantCode"
        columns={MATCH_COLUMNS}
        dataSource={withTotal(matches.data)}
        loading={matches.isLoading}
        pagination={false}
        rowClassName={rowClass}
      />
    </div>
  );
}
