import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { api, download, type ApiError } from '../api';
import { INDUSTRY_FIELDS, label, LEGAL_STATUSES, MATURITY, PATENT_TYPES, TRANSFER_MODES } from '../labels';
import { formatYuan } from '../money';
import { Page } from '../Page';
import { useAbility, useMe } from '../session';

const EntrySubsidies = lazy(() => import('../EntrySubsidies'));

interface Achievement {
  id: string;
  title: string;
  summary?: string;
  field: string;
  maturity: string;
  transferModes: string[];
  priceFen: number | null;
  priceNegotiable: boolean;
  organizationName: string | null;
  tenantName: string;
  publishedAt: string | null;
  keywords?: string[];
  hasOpenLicence?: boolean;
  highlight?: { title: string; snippet: string };
  patents?: { applicationNumber: string }[];
}
interface Patent {
  id: string;
  applicationNumber: string;
  title: string;
  abstract?: string;
  patentType: string;
  legalStatus: string;
  grantDate: string | null;
  ipcClasses: string[];
  field: string | null;
  openLicence: boolean;
  freeLicence: boolean;
  organizationName?: string | null;
}
interface SearchResult {
  items: Achievement[];
  total: number;
  totalIsCapped: boolean;
  nextCursor: string | null;
  facets: Record<string, Record<string, number>>;
}

/** The search server-escapes the text and marks matches with <em>: safe to render as HTML. */
const Marked = ({ html }: { html: string }) => <span className="hl" dangerouslySetInnerHTML={{ __html: html }} />;

const options = (map: Record<string, string>, counts?: Record<string, number>) =>
  Object.entries(map).map(([value, text]) => ({ value, label: counts?.[value] !== undefined ? `${text}（${counts[value]}）` : text }));

/** 成果检索: the query, filters, page and the opened entry all live in the URL, so a search can be shared and reloaded. */
export default function Catalog() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const field = params.get('field') ?? undefined;
  const maturity = params.get('maturity') ?? undefined;
  const transferMode = params.get('transferMode') ?? undefined;
  const cursor = params.get('cursor') ?? undefined;
  const openId = params.get('id');
  // A campaign mail's link opens a patent here too (?kind=patent&id=…).
  const openKind = params.get('kind') === 'patent' ? 'patent' : 'achievement';
  const update = (patch: Record<string, string | undefined>, keepCursor = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!keepCursor && !('cursor' in patch)) next.delete('cursor');
    setParams(next);
  };

  const search = useQuery({
    queryKey: ['achievements', q, field, maturity, transferMode, cursor],
    queryFn: () => api<SearchResult>('GET', '/achievements', { query: { q, field, maturity, transferMode, cursor, limit: 20 } }),
    placeholderData: (prev) => prev,
  });
  const facets = search.data?.facets ?? {};

  const columns: TableColumnsType<Achievement> = [
    {
      title: '成果名称',
      dataIndex: 'title',
      render: (_, r) => (
        <div>
          <a onClick={() => update({ id: r.id }, true)} data-testid="result-title">
            {r.highlight ? <Marked html={r.highlight.title} /> : r.title}
          </a>
          {r.highlight?.snippet && (
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }} ellipsis={{ rows: 2 }}>
              <Marked html={r.highlight.snippet} />
            </Typography.Paragraph>
          )}
        </div>
      ),
    },
    { title: '产业领域', dataIndex: 'field', width: 120, render: (_, r) => label(INDUSTRY_FIELDS, r.field) },
    { title: '成熟度', dataIndex: 'maturity', width: 90, render: (_, r) => label(MATURITY, r.maturity) },
    {
      title: '转化方式',
      dataIndex: 'transferModes',
      width: 160,
      render: (_, r) => r.transferModes?.map((m) => <Tag key={m}>{label(TRANSFER_MODES, m)}</Tag>),
    },
    { title: '价格', dataIndex: 'priceFen', width: 140, render: (_, r) => (r.priceNegotiable ? '面议' : formatYuan(r.priceFen)) },
    { title: '完成单位', dataIndex: 'organizationName', width: 200, render: (_, r) => r.organizationName ?? r.tenantName },
  ];

  return (
    <Page title="科技成果检索" subTitle="全省共享目录，中文全文检索">
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          key={q}
          defaultValue={q}
          placeholder="输入关键词，如“碳纤维 复合材料”"
          enterButton="检索"
          allowClear
          style={{ width: 360 }}
          aria-label="检索关键词"
          onSearch={(v) => update({ q: v.trim() || undefined, id: undefined })}
        />
        <Select
          allowClear
          placeholder="产业领域"
          style={{ width: 200 }}
          value={field}
          options={options(INDUSTRY_FIELDS, facets.field)}
          onChange={(v) => update({ field: v })}
          aria-label="产业领域"
        />
        <Select
          allowClear
          placeholder="成熟度"
          style={{ width: 150 }}
          value={maturity}
          options={options(MATURITY, facets.maturity)}
          onChange={(v) => update({ maturity: v })}
          aria-label="成熟度"
        />
        <Select
          allowClear
          placeholder="转化方式"
          style={{ width: 160 }}
          value={transferMode}
          options={options(TRANSFER_MODES, facets.transferMode)}
          onChange={(v) => update({ transferMode: v })}
          aria-label="转化方式"
        />
        <Button
          onClick={() =>
            download('/exports/achievements.xlsx', { q, field, maturity, transferMode }, '科技成果.xlsx').catch((e: Error) =>
              message.error(e.message),
            )
          }
        >
          导出 XLSX
        </Button>
      </Space>
      {search.error && <Alert type="error" showIcon message={(search.error as ApiError).message} style={{ marginBottom: 16 }} />}
      <Table<Achievement>
        rowKey="id"
        columns={columns}
        dataSource={search.data?.items}
        loading={search.isFetching}
        pagination={false}
        title={() =>
          search.data ? (
            <span data-testid="result-total">
              共 {search.data.total}
              {search.data.totalIsCapped ? '+' : ''} 项成果
            </span>
          ) : (
            '检索结果'
          )
        }
        footer={() => (
          <Space>
            <Button disabled={!cursor} onClick={() => update({ cursor: undefined }, true)}>
              回到第一页
            </Button>
            <Button disabled={!search.data?.nextCursor} onClick={() => update({ cursor: search.data?.nextCursor ?? undefined }, true)}>
              下一页
            </Button>
          </Space>
        )}
      />
      {openKind === 'patent' ? (
        <PatentDetail id={openId} onClose={() => update({ id: undefined, kind: undefined }, true)} />
      ) : (
        <Detail id={openId} onClose={() => update({ id: undefined }, true)} />
      )}
    </Page>
  );
}

function Detail({ id, onClose }: { id: string | null; onClose: () => void }) {
  const entry = useQuery({ queryKey: ['achievement', id], queryFn: () => api<Achievement>('GET', `/achievements/${id}`), enabled: !!id });
  const a = entry.data;
  const me = useMe();
  const ability = useAbility();
  // A member firm sees the subsidies it may apply for on contracts about this entry's patents.
  const mayApply = !!me.user.organizationId && ability.can('create', 'SubsidyApplication') && !!a?.patents?.length;
  return (
    <Drawer open={!!id} onClose={onClose} width={640} title={a?.title ?? '成果详情'} loading={entry.isLoading}>
      {entry.error && <Alert type="error" showIcon message={(entry.error as ApiError).message} />}
      {a && (
        <Descriptions column={1} bordered size="small" data-testid="achievement-detail">
          <Descriptions.Item label="成果名称">{a.title}</Descriptions.Item>
          <Descriptions.Item label="完成单位">{a.organizationName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="所属地区">{a.tenantName}</Descriptions.Item>
          <Descriptions.Item label="产业领域">{label(INDUSTRY_FIELDS, a.field)}</Descriptions.Item>
          <Descriptions.Item label="成熟度">{label(MATURITY, a.maturity)}</Descriptions.Item>
          <Descriptions.Item label="转化方式">{a.transferModes?.map((m) => label(TRANSFER_MODES, m)).join('、')}</Descriptions.Item>
          <Descriptions.Item label="价格">{a.priceNegotiable ? '面议' : formatYuan(a.priceFen)}</Descriptions.Item>
          <Descriptions.Item label="关键词">{a.keywords?.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="开放许可">{a.hasOpenLicence ? '关联专利已声明开放许可' : '否'}</Descriptions.Item>
          <Descriptions.Item label="成果简介">{a.summary ?? '—'}</Descriptions.Item>
        </Descriptions>
      )}
      {a && mayApply && (
        <Suspense fallback={null}>
          <EntrySubsidies patentNumbers={a.patents!.map((p) => p.applicationNumber)} />
        </Suspense>
      )}
    </Drawer>
  );
}

/** A patent opened by its id (开放许可 patents pushed by a campaign link to here). */
function PatentDetail({ id, onClose }: { id: string | null; onClose: () => void }) {
  const entry = useQuery({ queryKey: ['patent', id], queryFn: () => api<Patent>('GET', `/patents/${id}`), enabled: !!id });
  const p = entry.data;
  return (
    <Drawer open={!!id} onClose={onClose} width={640} title={p?.title ?? '专利详情'} loading={entry.isLoading}>
      {entry.error && <Alert type="error" showIcon message={(entry.error as ApiError).message} />}
      {p && (
        <Descriptions column={1} bordered size="small" data-testid="patent-detail">
          <Descriptions.Item label="专利名称">{p.title}</Descriptions.Item>
          <Descriptions.Item label="申请号">{p.applicationNumber}</Descriptions.Item>
          <Descriptions.Item label="专利权人">{p.organizationName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="专利类型">{label(PATENT_TYPES, p.patentType)}</Descriptions.Item>
          <Descriptions.Item label="法律状态">{label(LEGAL_STATUSES, p.legalStatus)}</Descriptions.Item>
          <Descriptions.Item label="授权日">{p.grantDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="IPC 分类">{p.ipcClasses.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="产业领域">{label(INDUSTRY_FIELDS, p.field)}</Descriptions.Item>
          <Descriptions.Item label="开放许可">{p.freeLicence ? '免费开放许可' : p.openLicence ? '已声明开放许可' : '否'}</Descriptions.Item>
          <Descriptions.Item label="摘要">{p.abstract || '—'}</Descriptions.Item>
        </Descriptions>
      )}
    </Drawer>
  );
}
