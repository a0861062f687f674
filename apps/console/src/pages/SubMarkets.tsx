import { subject } from '@casl/ability';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Empty, Flex, Switch, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { api, ApiError } from '../api';
import { label, TENANT_KINDS, TIERS } from '../labels';
import { FilterSelect, LoadError, TierFilter } from '../ListParts';
import { Page } from '../Page';
import { useAbility } from '../session';
import { useUrlFilters } from '../url-state';

interface TenantNode {
  id: string;
  code: string;
  name: string;
  tier: string;
  kind: string;
  contactName: string | null;
  contactPhone: string | null;
  subMarketOpen: boolean;
  children: TenantNode[];
}
type Row = Omit<TenantNode, 'children'> & { children?: Row[]; installed: number };

const flatten = (nodes: Row[]): Row[] => nodes.flatMap((n) => [n, ...flatten(n.children ?? [])]);

/**
 * 分市场: the tenant tree the caller sees (the province: all cities and counties) with each
 * sub-market's status and its installed policies; 开通/关闭 where the caller may change the tenant.
 * The status filter is in the URL; filtered, the tree shows as a flat list of the matches.
 */
export default function SubMarkets() {
  const ability = useAbility();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { open, tier, update } = useUrlFilters(['open', 'tier'] as const);
  const tree = useQuery({ queryKey: ['tenants', 'tree'], queryFn: () => api<TenantNode[]>('GET', '/tenants/tree') });
  const installations = useQuery({
    queryKey: ['policy', 'installations', 'all'],
    queryFn: () => api<{ tenantCode: string }[]>('GET', '/policy/installations'),
  });
  const toggle = useMutation({
    mutationFn: (t: { code: string; subMarketOpen: boolean }) =>
      api('PATCH', `/tenants/${t.code}`, { body: { subMarketOpen: t.subMarketOpen } }),
    onSuccess: (_, t) => {
      message.success(t.subMarketOpen ? '分市场已开通' : '分市场已关闭');
      void client.invalidateQueries({ queryKey: ['tenants'] });
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });

  const rows = useMemo(() => {
    const count = new Map<string, number>();
    for (const i of installations.data ?? []) count.set(i.tenantCode, (count.get(i.tenantCode) ?? 0) + 1);
    const row = ({ children, ...t }: TenantNode): Row => ({
      ...t,
      installed: count.get(t.code) ?? 0,
      ...(children.length ? { children: children.map(row) } : {}),
    });
    return (tree.data ?? []).map(row);
  }, [tree.data, installations.data]);
  const filtered = open || tier;
  const shown = filtered
    ? flatten(rows)
        .filter((r) => (!open || r.subMarketOpen === (open === 'yes')) && (!tier || r.tier === tier))
        .map(({ children: _, ...r }) => r)
    : rows;
  const all = flatten(rows);

  const columns: TableColumnsType<Row> = [
    { title: '名称', dataIndex: 'name', width: 260 },
    { title: '代码', dataIndex: 'code', width: 100 },
    { title: '层级', dataIndex: 'tier', width: 130, render: (v: string) => label(TIERS, v) },
    { title: '类型', dataIndex: 'kind', width: 160, render: (v: string) => label(TENANT_KINDS, v) },
    {
      title: '分市场',
      dataIndex: 'subMarketOpen',
      width: 200,
      render: (v: boolean, t) => (
        <Flex gap={12} align="center">
          <Badge status={v ? 'success' : 'default'} text={v ? '已开通' : '未开通'} />
          {ability.can('update', subject('Tenant', { id: t.id, kind: t.kind })) && (
            <Switch
              size="small"
              checked={v}
              aria-label={`${t.name}分市场${v ? '关闭' : '开通'}`}
              loading={toggle.isPending && toggle.variables?.code === t.code}
              onChange={(checked) => toggle.mutate({ code: t.code, subMarketOpen: checked })}
            />
          )}
        </Flex>
      ),
    },
    {
      title: '已安装政策',
      dataIndex: 'installed',
      width: 110,
      align: 'right',
      // Until the installations arrive, the count is unknown — not 无.
      render: (n: number) =>
        !installations.data ? (
          <Typography.Text type="secondary">…</Typography.Text>
        ) : n ? (
          `${n} 项`
        ) : (
          <Typography.Text type="secondary">无</Typography.Text>
        ),
    },
    {
      title: '联系人',
      render: (_, t) => (t.contactName ? `${t.contactName}${t.contactPhone ? ` ${t.contactPhone}` : ''}` : '—'),
    },
  ];
  return (
    <Page
      title="分市场"
      subTitle={
        tree.data
          ? `共 ${all.length} 个单位，已开通分市场 ${all.filter((t) => t.subMarketOpen).length} 个`
          : '各级科技大市场分市场的开通情况'
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <FilterSelect
          label="分市场状态"
          placeholder="全部状态"
          width={160}
          value={open}
          options={[
            { value: 'yes', label: '已开通' },
            { value: 'no', label: '未开通' },
          ]}
          onChange={(v) => update({ open: v })}
        />
        <TierFilter value={tier} onChange={(v) => update({ tier: v })} />
      </Flex>
      {(tree.error || installations.error) && <LoadError what="分市场" error={tree.error ?? installations.error} />}
      <Table<Row>
        data-testid="sub-markets"
        // Remounted when the tree arrives: the root's counties start expanded.
        key={tree.data ? 'loaded' : 'loading'}
        rowKey="code"
        size="middle"
        loading={tree.isLoading}
        columns={columns}
        dataSource={shown}
        pagination={filtered ? { pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 个单位` } : false}
        expandable={filtered ? undefined : { defaultExpandedRowKeys: rows.map((r) => r.code) }}
        locale={{ emptyText: <Empty description="没有符合条件的单位，请调整或清除上方的筛选条件。" /> }}
      />
    </Page>
  );
}
