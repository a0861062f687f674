import { useQuery } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { Badge, Empty, Flex, Input, Progress, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { api } from '../api';
import { chinaDateText } from '../china-date';
import { label, PARAM_TYPES, POLICY_EVENTS, TIERS } from '../labels';
import { FilterSelect, LoadError, TierFilter } from '../ListParts';
import { formatYuan } from '../money';
import { fieldModels, paramSummary } from '../param-form';
import type { LegalBasis, PolicyPluginView as Plugin } from '../policy-types';
import { Page } from '../Page';
import { useUrlFilters } from '../url-state';

interface Installation {
  id: string;
  pluginId: string;
  pluginVersion: string;
  status: string;
  installedAt: string;
  tenantCode: string;
  tenantName: string;
  tenantTier: string;
  parameters: {
    version: number;
    validFrom: string;
    validTo: string | null;
    inEffect: boolean;
    source: LegalBasis & { example?: boolean };
  } | null;
  budget: { year: number; budgetFen: number; approvedFen: number } | null;
  plugin: Plugin | null;
}

interface TenantName {
  code: string;
  name: string;
  children: TenantName[];
}

/** A cell of two lines: what it is, and a smaller secondary line. */
const TwoLines = ({ main, sub }: { main: ReactNode; sub: ReactNode }) => (
  <Space direction="vertical" size={2}>
    {main}
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {sub}
    </Typography.Text>
  </Space>
);

const citation = (b: LegalBasis) => [b.document, b.title && `《${b.title}》`, b.article].filter(Boolean).join(' ');

/** 插件目录: each available plugin with what it does, its documents, its parameters and the plugin-API range it declares. */
function Catalogue({ plugins, tenantNames }: { plugins: Plugin[]; tenantNames: Map<string, string> }) {
  const columns: TableColumnsType<Plugin> = [
    {
      title: '政策插件',
      render: (_, p) => (
        <Space direction="vertical" size={4}>
          <TwoLines main={<Typography.Text strong>{p.name.zh}</Typography.Text>} sub={`${p.id} · 版本 ${p.version}`} />
          <span>{p.description}</span>
        </Space>
      ),
    },
    {
      title: '适用范围',
      width: 150,
      render: (_, p) => (
        <Space direction="vertical" size={2}>
          <span>{p.tiers.map((t) => label(TIERS, t)).join('、')}</span>
          {p.tenants && <Typography.Text type="secondary">限 {p.tenants.map((c) => tenantNames.get(c) ?? c).join('、')}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '依据文件',
      width: 300,
      render: (_, p) => (
        <Space direction="vertical" size={2}>
          {p.legalBasis.map((b) => (
            <span key={`${b.document}${b.article ?? ''}`}>{citation(b)}</span>
          ))}
        </Space>
      ),
    },
    {
      title: '触发事件',
      width: 130,
      render: (_, p) => p.events.map((e) => label(POLICY_EVENTS, e)).join('、'),
    },
    { title: '插件接口版本', dataIndex: 'apiRange', width: 110, render: (v: string | null) => v ?? '—' },
  ];
  /** The other plugins of a plugin's exclusive group, by name: one contract gets only one of them. */
  const rivals = (p: Plugin) =>
    plugins.filter((o) => o.id !== p.id && p.exclusiveGroup && o.exclusiveGroup === p.exclusiveGroup).map((o) => `“${o.name.zh}”`);
  return (
    <Table<Plugin>
      data-testid="plugin-catalogue"
      rowKey="id"
      size="middle"
      pagination={false}
      columns={columns}
      dataSource={plugins}
      locale={{ emptyText: <Empty description="平台未加载任何政策插件。请联系省平台运维把插件放入 plugins 目录后重启服务。" /> }}
      expandable={{
        expandRowByClick: true,
        expandedRowRender: (p) => (
          <Table
            size="small"
            rowKey="name"
            pagination={false}
            title={() =>
              `参数定义（共 ${Object.keys(p.params).length} 项）${rivals(p).length ? `；与${rivals(p).join('、')}互斥，同一合同只补一项` : ''}`
            }
            dataSource={fieldModels(p.params)}
            columns={[
              { title: '参数', dataIndex: 'label', width: 280 },
              { title: '类型', width: 90, render: (_, f) => label(PARAM_TYPES, f.spec.type) },
              { title: '默认值与范围', render: (_, f) => paramSummary(f.spec) },
            ]}
          />
        ),
      }}
    />
  );
}

const VALIDITY: Record<string, { text: string; color: string }> = {
  inEffect: { text: '生效中', color: 'success' },
  notInEffect: { text: '不在有效期', color: 'warning' },
};

/** 各级安装情况: every tier's installations, filtered by tier, plugin and unit (all in the URL). */
function Installations({ plugins, installations }: { plugins: Plugin[]; installations: Installation[] }) {
  const { tier, plugin, unit, update } = useUrlFilters(['tier', 'plugin', 'unit'] as const);
  const rows = installations.filter(
    (i) =>
      (!tier || i.tenantTier === tier) &&
      (!plugin || i.pluginId === plugin) &&
      (!unit || i.tenantName.includes(unit) || i.tenantCode.startsWith(unit)),
  );
  const columns: TableColumnsType<Installation> = [
    {
      title: '安装单位',
      width: 170,
      render: (_, i) => <TwoLines main={i.tenantName} sub={`${label(TIERS, i.tenantTier)} · ${i.tenantCode}`} />,
    },
    { title: '政策插件', render: (_, i) => i.plugin?.name.zh ?? i.pluginId },
    {
      title: '现行参数版本',
      width: 300,
      render: (_, i) => {
        const v = i.parameters;
        if (!v) return '—';
        const validity = VALIDITY[v.inEffect ? 'inEffect' : 'notInEffect'];
        return (
          <Space direction="vertical" size={2}>
            <Space size={4}>
              <span>第 {v.version} 版</span>
              <Tag color={validity.color}>{validity.text}</Tag>
              {v.source.example && <Tag color="default">示例数值</Tag>}
            </Space>
            <span>
              {chinaDateText(v.validFrom)} 至 {v.validTo ? chinaDateText(v.validTo) : '长期'}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              依据 {citation(v.source)}
            </Typography.Text>
          </Space>
        );
      },
    },
    {
      title: '本年度预算',
      width: 170,
      align: 'right',
      render: (_, i) => (i.budget ? formatYuan(i.budget.budgetFen) : <Typography.Text type="secondary">未设预算</Typography.Text>),
    },
    {
      title: '已批准使用',
      width: 200,
      render: (_, i) =>
        i.budget ? (
          <div>
            <div>{formatYuan(i.budget.approvedFen)}</div>
            <Progress
              size="small"
              aria-label={`${i.tenantName}${i.plugin?.name.zh ?? ''}预算使用比例`}
              percent={i.budget.budgetFen ? Math.round((i.budget.approvedFen / i.budget.budgetFen) * 1000) / 10 : 0}
            />
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (v: string) => (v === 'active' ? <Badge status="success" text="已启用" /> : <Badge status="default" text="已停用" />),
    },
  ];
  return (
    <>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <TierFilter value={tier} onChange={(v) => update({ tier: v })} />
        <FilterSelect
          label="政策插件"
          placeholder="全部政策插件"
          width={300}
          value={plugin}
          options={plugins.map((p) => ({ value: p.id, label: p.name.zh }))}
          onChange={(v) => update({ plugin: v })}
        />
        <Input.Search
          aria-label="安装单位"
          placeholder="单位名称或行政区划代码"
          allowClear
          style={{ width: 260 }}
          defaultValue={unit}
          onSearch={(v) => update({ unit: v.trim() || undefined })}
        />
      </Flex>
      <Table<Installation>
        data-testid="installations"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 项安装` }}
        locale={{
          emptyText: (
            <Empty
              description={
                installations.length
                  ? '没有符合条件的安装，请调整或清除上方的筛选条件。'
                  : '各级尚未安装任何政策插件。市（州）科技局、县级服务中心在“政策配置”中安装后会出现在这里。'
              }
            />
          ),
        }}
      />
    </>
  );
}

/** 政策插件目录 (省平台): the plugins the platform offers and every tier's installations of them. */
export default function PluginCatalog() {
  const { tab, update } = useUrlFilters(['tab'] as const);
  const plugins = useQuery({ queryKey: ['policy', 'plugins'], queryFn: () => api<Plugin[]>('GET', '/policy/plugins') });
  const installations = useQuery({
    queryKey: ['policy', 'installations', 'all'],
    queryFn: () => api<Installation[]>('GET', '/policy/installations'),
  });
  // Names for the tenant codes a plugin is limited to (those the caller can see; the code otherwise).
  const tree = useQuery({ queryKey: ['tenants', 'tree'], queryFn: () => api<TenantName[]>('GET', '/tenants/tree') });
  const tenantNames = useMemo(() => {
    const names = new Map<string, string>();
    const walk = (t: TenantName) => (names.set(t.code, t.name), t.children.forEach(walk));
    (tree.data ?? []).forEach(walk);
    return names;
  }, [tree.data]);
  const loading = plugins.isLoading || installations.isLoading;
  return (
    <Page title="政策插件目录" subTitle="平台提供的政策插件，以及省、市、县各级的安装与预算使用情况">
      {plugins.error && <LoadError what="插件目录" error={plugins.error} />}
      {installations.error && <LoadError what="安装情况" error={installations.error} />}
      <Tabs
        activeKey={tab ?? 'catalogue'}
        onChange={(k) => update({ tab: k === 'catalogue' ? undefined : k, tier: undefined, plugin: undefined, unit: undefined })}
        items={[
          {
            key: 'catalogue',
            label: `可安装插件（${plugins.data?.length ?? '…'}）`,
            children: loading ? <Table loading columns={[]} /> : <Catalogue plugins={plugins.data ?? []} tenantNames={tenantNames} />,
          },
          {
            key: 'installations',
            label: `各级安装情况（${installations.data?.length ?? '…'}）`,
            children: loading ? (
              <Table loading columns={[]} />
            ) : (
              <Installations plugins={plugins.data ?? []} installations={installations.data ?? []} />
            ),
          },
        ]}
      />
    </Page>
  );
}
