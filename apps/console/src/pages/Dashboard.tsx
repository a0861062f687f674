import { useQueries, useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Select, Space, Spin, Statistic, Table, Tag, Tree, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api';
import type { ChartOption } from '../Chart';
import { fenToYuan, formatYuan } from '../money';
import { useAbility, useMe } from '../session';

const Chart = lazy(() => import('../Chart'));

interface Totals {
  contracts: number;
  amountFen: number;
  techTransactionFen: number;
  receivedFen: number;
  patents: number;
}
type Keyed = Totals & { key: string; label: string };
interface Side {
  totals: Totals;
  byFlow: Keyed[];
  byChild: (Totals & { code: string; name: string })[];
}
export interface Statistics {
  tenant: { code: string; name: string; tier: string };
  period: { from: string; to: string };
  registered: Side;
  output: Side;
  input: Side;
}
interface KpiRow {
  kpi: string;
  label: { zh: string; en: string };
  unit: 'fen' | 'count';
  actual: number;
  previous: number;
  yoyPercent: number | null;
  target: { value: number | null; growthPercent: number | null; source: string; inherited: boolean } | null;
  onTrack: boolean | null;
}
interface KpiTable {
  year: number;
  monthsElapsed: number;
  tiers: { tenant: { code: string; name: string; tier: string }; kpis: KpiRow[] }[];
}
interface Finding {
  id: string;
  ruleName: string;
  score: number;
  reasons: string[];
  status: string;
  statusLabel: string;
  detectedAt: string;
}
interface TenantNode {
  code: string;
  name: string;
  tier: string;
  subMarketOpen: boolean;
  children: TenantNode[];
}

interface TreeNode {
  key: string;
  title: ReactNode;
  children: TreeNode[];
}

const wan = (fen: number) => Math.round(fenToYuan(fen) / 100) / 100; // 万元, two decimals
/** A sub-market's amount on one side (技术输出 / 吸纳), by its code. */
const sideOf = (side: Side, code: string) => side.byChild.find((c) => c.code === code)?.amountFen ?? 0;
const FINDING_COLORS: Record<string, string> = { open: 'error', explained: 'warning', confirmed: 'error', closed: 'default' };

function ChartCard({ title, option, testId, description }: { title: string; option: ChartOption; testId: string; description?: string }) {
  return (
    <Card title={title} size="small">
      <Suspense fallback={<Spin />}>
        <Chart option={option} testId={testId} description={description} />
      </Suspense>
    </Card>
  );
}

/**
 * 统计驾驶舱 (省市县三级): turnover by month and by sub-market, 技术输出/吸纳 and 就地转化, KPIs
 * against targets, the anomaly queue and the tenant tree — all read from the roll-up, monitoring
 * and tenancy APIs for the caller's own tenant and what is below it.
 */
export default function Dashboard() {
  const me = useMe();
  const ability = useAbility();
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const tenantCode = me.tenant.code;
  const months = year < thisYear ? 12 : dayjs().month() + 1;
  const monthKeys = Array.from({ length: months }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

  const stats = useQuery({
    queryKey: ['rollup', 'statistics', tenantCode, year],
    queryFn: () => api<Statistics>('GET', '/rollup/statistics', { query: { tenantCode, period: String(year) } }),
  });
  const monthly = useQueries({
    queries: monthKeys.map((m) => ({
      queryKey: ['rollup', 'statistics', tenantCode, m],
      queryFn: () => api<Statistics>('GET', '/rollup/statistics', { query: { tenantCode, period: m } }),
    })),
  });
  const kpis = useQuery({
    queryKey: ['rollup', 'kpis', tenantCode, year],
    queryFn: () => api<KpiTable>('GET', '/rollup/kpis', { query: { tenantCode, year: String(year) } }),
  });
  const findings = useQuery({
    queryKey: ['monitoring', 'findings', tenantCode],
    queryFn: () => api<{ items: Finding[] }>('GET', '/monitoring/findings', { query: { tenantCode, limit: 20 } }),
    enabled: ability.can('read', 'MonitoringFinding'),
  });
  const tree = useQuery({
    queryKey: ['tenants', 'tree'],
    queryFn: () => api<TenantNode[]>('GET', '/tenants/tree'),
    enabled: ability.can('read', 'Tenant'),
  });

  const s = stats.data;
  const monthlyReady = monthly.every((q) => q.data);
  const amountsByMonth = monthly.map((q) => wan(q.data?.registered.totals.amountFen ?? 0));
  const techByMonth = monthly.map((q) => wan(q.data?.registered.totals.techTransactionFen ?? 0));
  const monthlyKey = `${year}:${amountsByMonth.join()}:${techByMonth.join()}`;
  const byMonth = useMemo<ChartOption>(
    () => ({
      legend: { top: 0, data: ['合同成交额（万元）', '技术交易额（万元）'] },
      tooltip: { trigger: 'axis' },
      grid: { top: 48, left: 64, right: 24, bottom: 32 },
      xAxis: { type: 'category', data: monthKeys.map((m) => `${Number(m.slice(5))}月`) },
      yAxis: { type: 'value', name: '万元' },
      series: [
        { name: '合同成交额（万元）', type: 'bar', data: amountsByMonth },
        { name: '技术交易额（万元）', type: 'line', data: techByMonth },
      ],
    }),
    // The figures themselves (useQueries gives a new array every render).
    [monthlyKey],
  );
  const byChild = useMemo<ChartOption | null>(
    () =>
      s
        ? {
            legend: { top: 0, data: ['合同成交额（万元）', '技术输出（万元）', '技术吸纳（万元）'] },
            tooltip: { trigger: 'axis' },
            grid: { top: 48, left: 64, right: 24, bottom: 72 },
            xAxis: { type: 'category', data: s.registered.byChild.map((c) => c.name), axisLabel: { interval: 0, rotate: 30 } },
            yAxis: { type: 'value', name: '万元' },
            series: [
              { name: '合同成交额（万元）', type: 'bar', data: s.registered.byChild.map((c) => wan(c.amountFen)) },
              { name: '技术输出（万元）', type: 'bar', data: s.registered.byChild.map((c) => wan(sideOf(s.output, c.code))) },
              { name: '技术吸纳（万元）', type: 'bar', data: s.registered.byChild.map((c) => wan(sideOf(s.input, c.code))) },
            ],
          }
        : null,
    [s],
  );
  const flows = useMemo<ChartOption | null>(
    () =>
      s
        ? {
            legend: { bottom: 0 },
            tooltip: { trigger: 'item' },
            series: [
              {
                name: '就地转化（技术输出，万元）',
                type: 'pie',
                radius: ['35%', '65%'],
                data: s.output.byFlow.map((f) => ({ name: f.label, value: wan(f.amountFen) })),
              },
            ],
          }
        : null,
    [s],
  );

  const childColumns: TableColumnsType<Statistics['registered']['byChild'][number] & { outputFen: number; inputFen: number }> = [
    { title: '下级市场', dataIndex: 'name' },
    { title: '登记合同（项）', dataIndex: 'contracts', align: 'right' },
    { title: '合同成交额', dataIndex: 'amountFen', align: 'right', render: formatYuan },
    { title: '技术交易额', dataIndex: 'techTransactionFen', align: 'right', render: formatYuan },
    { title: '技术输出', dataIndex: 'outputFen', align: 'right', render: formatYuan },
    { title: '技术吸纳', dataIndex: 'inputFen', align: 'right', render: formatYuan },
  ];
  const childRows = s?.registered.byChild.map((c) => ({ ...c, outputFen: sideOf(s.output, c.code), inputFen: sideOf(s.input, c.code) }));

  const kpiRows = (kpis.data?.tiers ?? []).flatMap((t) =>
    t.kpis.map((k) => ({ ...k, id: `${t.tenant.code}:${k.kpi}`, tenantName: t.tenant.name })),
  );
  const amount = (k: KpiRow, v: number | null | undefined) =>
    v === null || v === undefined ? '—' : k.unit === 'fen' ? formatYuan(v) : v.toLocaleString('zh-CN');
  const kpiColumns: TableColumnsType<(typeof kpiRows)[number]> = [
    { title: '单位', dataIndex: 'tenantName', width: 120 },
    { title: '指标', render: (_, k) => k.label.zh },
    { title: '本年实际', align: 'right', render: (_, k) => amount(k, k.actual) },
    { title: '上年同期', align: 'right', render: (_, k) => amount(k, k.previous) },
    { title: '同比', dataIndex: 'yoyPercent', align: 'right', render: (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`) },
    {
      title: '目标',
      render: (_, k) =>
        !k.target
          ? '未设定'
          : k.target.growthPercent !== null
            ? `同比增长 ${k.target.growthPercent}%${k.target.inherited ? '（沿用上级）' : ''}`
            : amount(k, k.target.value),
    },
    {
      title: '进度',
      dataIndex: 'onTrack',
      width: 90,
      render: (v: boolean | null) =>
        v === null ? <Tag>无目标</Tag> : v ? <Tag color="success">达标</Tag> : <Tag color="error">未达标</Tag>,
    },
  ];
  const findingColumns: TableColumnsType<Finding> = [
    { title: '发现时间', dataIndex: 'detectedAt', width: 170, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
    { title: '规则', dataIndex: 'ruleName' },
    { title: '评分', dataIndex: 'score', width: 70, align: 'right' },
    { title: '原因', dataIndex: 'reasons', render: (r: string[]) => r.join('；') },
    { title: '状态', dataIndex: 'status', width: 90, render: (v: string, f) => <Tag color={FINDING_COLORS[v]}>{f.statusLabel}</Tag> },
  ];
  const treeData = useMemo(() => {
    const node = (t: TenantNode): TreeNode => ({
      key: t.code,
      title: (
        <Space size={4}>
          <span>{t.name}</span>
          <Tag color={t.subMarketOpen ? 'success' : 'default'}>{t.subMarketOpen ? '分市场已开通' : '未开通'}</Tag>
        </Space>
      ),
      children: t.children.map(node),
    });
    return (tree.data ?? []).map(node);
  }, [tree.data]);

  const error = [stats, kpis, findings, tree].find((q) => q.error)?.error as Error | undefined;
  return (
    <div className="dashboard">
      <Space style={{ marginBottom: 16, justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          统计驾驶舱 · {me.tenant.name}
        </Typography.Title>
        <Select
          aria-label="统计年度"
          value={year}
          onChange={setYear}
          style={{ width: 120 }}
          options={[0, 1, 2].map((d) => ({ value: thisYear - d, label: `${thisYear - d} 年` }))}
        />
      </Space>
      {error && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]} data-testid="stat-cards">
        {[
          ['登记合同', s ? `${s.registered.totals.contracts} 项` : '—'],
          ['合同成交额', formatYuan(s?.registered.totals.amountFen)],
          ['技术交易额', formatYuan(s?.registered.totals.techTransactionFen)],
          ['技术输出', formatYuan(s?.output.totals.amountFen)],
          ['技术吸纳', formatYuan(s?.input.totals.amountFen)],
        ].map(([title, value]) => (
          <Col key={title} flex="1 1 220px">
            <Card size="small" loading={stats.isLoading} data-testid={s ? 'stat-ready' : 'stat-loading'}>
              <Statistic title={title} value={value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          {monthlyReady ? (
            <ChartCard
              title="按月成交额"
              option={byMonth}
              testId="chart-by-month"
              description={`${year} 年按月合同成交额：${monthKeys
                .map((m, i) => `${Number(m.slice(5))}月 ${amountsByMonth[i]} 万元`)
                .join('，')}`}
            />
          ) : (
            <Card loading title="按月成交额" />
          )}
        </Col>
        <Col xs={24} xl={12}>
          {byChild ? (
            <ChartCard
              title="各市（州）成交额与技术输出、吸纳"
              option={byChild}
              testId="chart-by-child"
              description={`${year} 年各下级市场合同成交额、技术输出、技术吸纳（万元）：${childRows!
                .map((c) => `${c.name} ${wan(c.amountFen)}、${wan(c.outputFen)}、${wan(c.inputFen)}`)
                .join('；')}`}
            />
          ) : (
            <Card loading title="各市（州）成交额" />
          )}
        </Col>
        <Col xs={24} xl={16}>
          <Card title="下级市场成交额" size="small">
            <Table
              data-testid="child-turnover"
              rowKey="code"
              size="small"
              pagination={false}
              loading={stats.isLoading}
              columns={childColumns}
              dataSource={childRows}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          {flows ? <ChartCard title="就地转化（技术输出去向）" option={flows} testId="chart-flows" /> : <Card loading title="就地转化" />}
        </Col>
        <Col span={24}>
          <Card title={`考核指标（${year} 年，前 ${kpis.data?.monthsElapsed ?? '—'} 个月）`} size="small">
            <Table
              data-testid="kpis"
              rowKey="id"
              size="small"
              loading={kpis.isLoading}
              columns={kpiColumns}
              dataSource={kpiRows}
              pagination={{ pageSize: 10, showSizeChanger: false }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card title="异常监测待核查" size="small">
            <Table
              data-testid="findings"
              rowKey="id"
              size="small"
              loading={findings.isLoading}
              columns={findingColumns}
              dataSource={findings.data?.items}
              pagination={false}
              locale={{ emptyText: '暂无待核查记录' }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="分市场" size="small">
            {tree.isLoading ? (
              <Spin />
            ) : (
              <Tree data-testid="tenant-tree" treeData={treeData} defaultExpandedKeys={[tenantCode]} selectable={false} />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
