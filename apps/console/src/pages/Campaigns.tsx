import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Empty, Table, Tabs, type TableColumnsType } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { api } from '../api';
import { type CampaignSegment, type CampaignSet, segmentText, setText } from '../campaigns';
import { chinaDateTimeText } from '../china-date';
import { type Campaign, CampaignState } from '../CampaignParts';
import { LoadError } from '../ListParts';
import { Page } from '../Page';
import { useAbility, useMe } from '../session';
import { useUrlFilters } from '../url-state';

/** The form, the detail and the loop tables are their own chunks, loaded when shown. */
const CampaignForm = lazy(() => import('../CampaignForm'));
const CampaignDetail = lazy(() => import('../CampaignDetail'));
const CampaignLoop = lazy(() => import('../CampaignLoop'));

export interface TenantNode {
  code: string;
  name: string;
  children: TenantNode[];
}

/** The tenant tree as select options, each indented under its parent. */
export const tenantOptions = (nodes: TenantNode[], depth = 0): { value: string; label: string }[] =>
  nodes.flatMap((n) => [
    { value: n.code, label: `${'\u3000'.repeat(depth)}${n.name}（${n.code}）` },
    ...tenantOptions(n.children, depth + 1),
  ]);

const namesOf = (nodes: TenantNode[]): Record<string, string> =>
  Object.assign({}, ...nodes.map((n) => ({ [n.code]: n.name, ...namesOf(n.children) })));

/**
 * 推送活动: a province or city admin's campaigns (its subtree's), 新建 a draft, open one (its id in
 * the URL) for the funnel, the preview and 发起推送, and the deliveries; 闭环统计 (tab in the URL)
 * has the pushes' and the match notices' loops per child tenant.
 */
export default function Campaigns() {
  const me = useMe();
  const ability = useAbility();
  const client = useQueryClient();
  const { tab, id: openId, update } = useUrlFilters(['tab', 'id'] as const);
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['campaigns'],
    queryFn: () => api<{ items: Campaign[] }>('GET', '/campaigns'),
    // A launch moves through 发送准备中 on its own: look again until it is done.
    refetchInterval: (q) => (q.state.data?.items.some((c) => c.state === 'launching') ? 2_000 : false),
  });
  const tree = useQuery({ queryKey: ['tenants', 'tree'], queryFn: () => api<TenantNode[]>('GET', '/tenants/tree') });
  const tenants = useMemo(() => tenantOptions(tree.data ?? []), [tree.data]);
  const names = useMemo(() => namesOf(tree.data ?? []), [tree.data]);

  const columns: TableColumnsType<Campaign> = [
    {
      title: '名称',
      dataIndex: 'name',
      render: (v: string, c) => (
        <a onClick={() => update({ id: c.id })} data-testid="campaign-name">
          {v}
        </a>
      ),
    },
    { title: '推送内容', dataIndex: 'set', render: (s: CampaignSet) => setText(s) },
    { title: '目标企业', dataIndex: 'segment', render: (s: CampaignSegment) => segmentText(s, names) },
    { title: '状态', dataIndex: 'state', width: 120, render: (v: string) => <CampaignState state={v} /> },
    { title: '收件地址', dataIndex: 'recipients', width: 100, align: 'right', render: (v: number | null) => v ?? '—' },
    { title: '创建时间', dataIndex: 'createdAt', width: 170, render: chinaDateTimeText },
    { title: '发起时间', dataIndex: 'launchedAt', width: 170, render: chinaDateTimeText },
  ];

  const campaigns = (
    <>
      {list.error && <LoadError what="推送活动" error={list.error} />}
      <Table<Campaign>
        data-testid="campaign-list"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isLoading}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description="还没有推送活动。点击右上角“新建推送活动”，预览收件企业后再发起。" /> }}
      />
    </>
  );
  return (
    <Page
      title="推送活动"
      subTitle="向本辖区企业定向推送成果与开放许可专利，预览后发起，并跟踪闭环"
      extra={
        ability.can('create', 'Campaign') && (
          <Button type="primary" onClick={() => setCreating(true)}>
            新建推送活动
          </Button>
        )
      }
    >
      <Tabs
        activeKey={tab ?? 'list'}
        onChange={(k) => update({ tab: k === 'list' ? undefined : k })}
        items={[
          { key: 'list', label: '推送活动', children: campaigns },
          {
            key: 'loop',
            label: '闭环统计',
            children: (
              <Suspense fallback={null}>
                <CampaignLoop tenants={tenants} />
              </Suspense>
            ),
          },
        ]}
      />
      {creating && (
        <Suspense fallback={null}>
          <CampaignForm
            open={creating}
            onOpenChange={setCreating}
            tenants={tenants}
            defaultTenant={me.tenant.code}
            onCreated={(id) => {
              void client.invalidateQueries({ queryKey: ['campaigns'] });
              update({ id, tab: undefined });
            }}
          />
        </Suspense>
      )}
      {openId && (
        <Suspense fallback={null}>
          <CampaignDetail id={openId} names={names} onClose={() => update({ id: undefined, tab })} />
        </Suspense>
      )}
    </Page>
  );
}
