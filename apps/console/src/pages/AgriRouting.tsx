import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Empty, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { api } from '../api';
import { chinaDateTime } from '../dates';
import { Reasons, type DecisionView } from '../decisions';
import { Page } from '../Page';
import { useAbility, useMe } from '../session';
import { useUrlState } from '../url-state';

/** The county routing policy (plugins/county-agri-transfer). */
const ROUTING_PLUGIN = 'county-agri-transfer';
const PARKS: Record<string, string> = { agri_park: '农业科技园区', demo_base: '农业示范基地' };

interface Listing {
  decisionId: string;
  entryId: string;
  kind: 'achievement' | 'patent';
  tags: string[];
  title: string;
  routedAt: string;
  pluginId: string;
}
interface Installation {
  id: string;
  pluginId: string;
  tenantCode: string;
  tenantName: string;
  installedAt: string;
  plugin: { name: { zh: string } } | null;
}
interface InstallationDetail {
  parameterVersions: { version: number; values: Record<string, unknown>; validFrom: string; source: { document: string } }[];
}

/**
 * 涉农推送: what the county agricultural routing policy routed to this tier — agricultural
 * achievements and patents published anywhere in the province, listed on the county's page
 * (its 农业科技园区 or 示范基地) and told to its service centre — with whose they are and why
 * (the decision's reasons).
 */
export default function AgriRouting() {
  const me = useMe();
  const ability = useAbility();
  const code = me.tenant.code;
  const url = useUrlState({ page: '1' });
  const installations = useQuery({
    queryKey: ['installations', code],
    queryFn: () => api<Installation[]>('GET', '/policy/installations', { query: { tenantCode: code } }),
  });
  const routing = installations.data?.find((i) => i.pluginId === ROUTING_PLUGIN);
  const detail = useQuery({
    queryKey: ['installation', routing?.id],
    queryFn: () => api<InstallationDetail>('GET', `/policy/installations/${routing!.id}`),
    enabled: !!routing,
  });
  const listings = useQuery({
    queryKey: ['listings', code],
    queryFn: () => api<Listing[]>('GET', `/policy/tenants/${code}/listings`),
  });
  const decisions = useQuery({
    queryKey: ['decisions', 'installation', routing?.id],
    queryFn: () => api<{ items: DecisionView[] }>('GET', '/policy/decisions', { query: { installationId: routing!.id, limit: 100 } }),
    enabled: !!routing,
  });
  const byDecision = new Map((decisions.data?.items ?? []).map((d) => [d.id, d]));
  const current = detail.data?.parameterVersions.at(-1);
  const park = PARKS[String(current?.values.parkName ?? 'agri_park')];

  const columns: TableColumnsType<Listing> = [
    { title: '推送时间', dataIndex: 'routedAt', width: 150, render: (_, l) => chinaDateTime(l.routedAt) },
    { title: '类别', dataIndex: 'kind', width: 70, render: (_, l) => (l.kind === 'patent' ? '专利' : '成果') },
    {
      title: '名称',
      dataIndex: 'title',
      render: (_, l) => (l.kind === 'achievement' ? <Link to={`/catalog?id=${l.entryId}`}>{l.title}</Link> : l.title),
    },
    { title: '权利人 / 完成单位', width: 200, render: (_, l) => byDecision.get(l.decisionId)?.matter?.ownerName ?? '—' },
    {
      title: '标签',
      dataIndex: 'tags',
      width: 80,
      render: (_, l) =>
        (l.tags ?? []).map((t) => (
          <Tag key={t} color="success">
            {t}
          </Tag>
        )),
    },
    { title: '推送至', width: 200, render: () => `本县${park ?? '农业科技园区'}页面；已通知县级服务中心` },
    {
      title: '判定理由',
      render: (_, l) => {
        const d = byDecision.get(l.decisionId);
        return d ? <Reasons reasons={d.reasons} /> : '—';
      },
    },
  ];

  const error = installations.error ?? listings.error ?? decisions.error ?? detail.error;
  return (
    <Page title="涉农推送" subTitle={`${me.tenant.name}：全省发布的涉农成果与专利，推送到本县园区页面`}>
      {error && (
        <Alert type="error" showIcon message={(error as Error).message} description="请刷新页面重试" style={{ marginBottom: 12 }} />
      )}
      {installations.data && !routing && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message="本级尚未安装涉农推送政策"
          description={
            <>
              安装“涉农专利技术向县域和农业园区转移转化”后，全省新发布的涉农成果和专利会推送到这里。
              {ability.can('create', 'PluginInstallation') && (
                <>
                  {' '}
                  <Link to="/policies">去政策配置安装</Link>
                </>
              )}
            </>
          }
        />
      )}
      {routing && (
        <Descriptions size="small" bordered column={3} style={{ marginBottom: 16 }} data-testid="routing-policy">
          <Descriptions.Item label="政策">{routing.plugin?.name.zh ?? routing.pluginId}</Descriptions.Item>
          <Descriptions.Item label="承接园区">{park ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="参数依据">
            {current ? `${current.source.document}（第 ${current.version} 版，${current.validFrom} 起）` : '—'}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Table<Listing>
        data-testid="agri-routing"
        rowKey="decisionId"
        columns={columns}
        // The rows wait for their decisions (owner, reasons): no row shows dashes that fill in later.
        dataSource={installations.isLoading || (routing && !decisions.data) ? undefined : listings.data}
        loading={listings.isFetching || installations.isLoading || decisions.isFetching}
        pagination={{
          pageSize: 20,
          current: Number(url.get('page')),
          onChange: (p) => url.update({ page: String(p) }),
          showTotal: (n) => `共 ${n} 条`,
          hideOnSinglePage: true,
        }}
        locale={{
          emptyText: (
            <Empty
              description={
                routing
                  ? '暂无推送：全省发布涉农成果或专利（IPC 分类 A01、A23、C05、A22 或现代农业、农产品深加工领域）后会列在这里'
                  : '安装涉农推送政策后，推送的成果与专利会列在这里'
              }
            />
          ),
        }}
        title={() => <Typography.Text strong>推送清单</Typography.Text>}
      />
    </Page>
  );
}
