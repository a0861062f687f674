import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { api } from '../api';
import { chinaDate } from '../dates';
import { label, ORGANIZATION_TYPES } from '../labels';
import { formatYuan } from '../money';
import { Page } from '../Page';
import { Pager } from '../Pager';
import { useAbility, useMe } from '../session';
import { useUrlState } from '../url-state';

const OrgForm = lazy(() => import('../OrgForm'));

interface FactSource {
  name: string;
  certificateNumber: string | null;
  issuedOn: string;
  validUntil: string | null;
}
interface Status {
  value: boolean;
  expired: boolean;
  source: FactSource;
}
export interface Organization {
  id: string;
  tenantCode: string;
  name: string;
  type: string;
  creditCode: string | null;
  divisionCode: string;
  inProvince: boolean;
  isSme: boolean;
  isSpecialized: boolean;
  isHighTech: boolean;
  statuses: { isSme: Status | null; isSpecialized: Status | null; isHighTech: Status | null };
  founding: { foundedOn: string; withTechnologyEquity: boolean; paidInCashCapitalFen: number } | null;
  contactName: string | null;
  contactPhone: string | null;
}

const FACTS = [
  ['isSme', '中小企业'],
  ['isSpecialized', '专精特新'],
  ['isHighTech', '高新技术企业'],
] as const;

/** One verified status (资格) with the list or certificate it rests on and how long it holds. */
function Fact({ name, status }: { name: string; status: Status }) {
  const holds = status.value && !status.expired;
  const s = status.source;
  return (
    <div className="org-fact">
      <Tag color={holds ? 'success' : 'default'}>
        {name}
        {status.expired ? '（已过期）' : status.value ? '' : '（已撤销）'}
      </Tag>
      <Typography.Text type="secondary">
        依据 {s.name}
        {s.certificateNumber ? ` ${s.certificateNumber}` : ''}，{chinaDate(s.issuedOn)}
        {s.validUntil ? ` 至 ${chinaDate(s.validUntil)}` : ' 起'}
      </Typography.Text>
    </div>
  );
}

/**
 * 本地机构: the organisations of the caller's tier and below, with their verified facts
 * (中小企业, 专精特新, 高新技术企业 — each with the list or certificate it rests on — and the
 * founding facts); 登记机构 and 编辑 where the caller's rules allow. Type and page in the URL.
 */
export default function LocalOrgs() {
  const me = useMe();
  const ability = useAbility();
  const client = useQueryClient();
  const url = useUrlState();
  const type = url.get('type');
  const cursor = url.get('cursor');
  const [editing, setEditing] = useState<Organization | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['organizations', me.tenant.code, type, cursor],
    queryFn: () =>
      api<{ items: Organization[]; nextCursor: string | null }>('GET', '/organizations', {
        query: { tenantCode: me.tenant.code, type, cursor, limit: 20 },
      }),
  });

  const columns: TableColumnsType<Organization> = [
    {
      title: '机构名称',
      dataIndex: 'name',
      render: (_, o) => (
        <div>
          {o.name}
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            {o.creditCode ? `统一社会信用代码 ${o.creditCode}` : '未登记信用代码'}
          </Typography.Text>
        </div>
      ),
    },
    { title: '类型', dataIndex: 'type', width: 110, render: (_, o) => label(ORGANIZATION_TYPES, o.type) },
    {
      title: '行政区划',
      dataIndex: 'divisionCode',
      width: 100,
      render: (_, o) => (o.inProvince ? o.divisionCode : `${o.divisionCode}（省外）`),
    },
    {
      title: '认定资格（经核实）',
      render: (_, o) => {
        const facts = FACTS.filter(([k]) => o.statuses?.[k]).map(([k, name]) => <Fact key={k} name={name} status={o.statuses[k]!} />);
        return facts.length ? facts : <Typography.Text type="secondary">无已核实的资格</Typography.Text>;
      },
    },
    {
      title: '设立信息',
      width: 160,
      render: (_, o) =>
        o.founding
          ? `${chinaDate(o.founding.foundedOn)} 设立${o.founding.withTechnologyEquity ? '，技术作价入股' : ''}；实缴货币出资 ${formatYuan(o.founding.paidInCashCapitalFen)}`
          : '—',
    },
    {
      title: '联系人',
      width: 150,
      render: (_, o) => (o.contactName || o.contactPhone ? `${o.contactName ?? ''} ${o.contactPhone ?? ''}` : '—'),
    },
    {
      title: '操作',
      width: 80,
      render: (_, o) =>
        // The list gives no tenant id to match the rule's subtree: the API refuses what is not the caller's.
        ability.can('update', 'Organization') ? (
          <Button type="link" onClick={() => setEditing(o)}>
            编辑
          </Button>
        ) : null,
    },
  ];

  return (
    <Page
      title="本地机构"
      subTitle={`${me.tenant.name}及下级的高校院所、企业和服务机构`}
      extra={
        ability.can('create', 'Organization') && (
          <Button type="primary" onClick={() => setEditing('new')}>
            登记机构
          </Button>
        )
      }
    >
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="机构类型"
          aria-label="机构类型"
          style={{ width: 180 }}
          value={type}
          onChange={(v) => url.update({ type: v })}
          options={Object.entries(ORGANIZATION_TYPES).map(([value, text]) => ({ value, label: text }))}
        />
      </Space>
      {list.error && (
        <Alert type="error" showIcon message={(list.error as Error).message} description="请刷新页面重试" style={{ marginBottom: 12 }} />
      )}
      <Table<Organization>
        data-testid="local-orgs"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={false}
        locale={{ emptyText: <Empty description="暂无机构；点击右上角“登记机构”登记本地的高校院所或企业" /> }}
        footer={() => <Pager url={url} next={list.data?.nextCursor} />}
      />
      {editing && (
        <Suspense fallback={null}>
          <OrgForm
            organization={editing === 'new' ? null : editing}
            onClose={() => setEditing(null)}
            onSaved={() => void client.invalidateQueries({ queryKey: ['organizations'] })}
          />
        </Suspense>
      )}
    </Page>
  );
}
