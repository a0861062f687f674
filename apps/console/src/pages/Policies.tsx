import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { api, ApiError } from '../api';
import { fenToYuan, formatYuan, yuanToFen } from '../money';
import { fieldErrors, paramValueText, toFormValues, toParams } from '../param-form';
import { Page } from '../Page';
import type { PolicyPluginView as Plugin } from '../policy-types';
import { ParamFields } from '../ParamFields';
import { useMe } from '../session';
import type { FirmRow } from '../SimulationChart';

const SimulationChart = lazy(() => import('../SimulationChart'));

interface Installation {
  id: string;
  pluginId: string;
  pluginVersion: string;
  tenantCode: string;
  tenantName: string;
  installedAt: string;
  plugin: Plugin | null;
}
interface Source {
  document: string;
  title?: string;
  article?: string;
  issuer?: string;
  issuedOn?: string;
  example?: boolean;
}
interface InstallationDetail extends Installation {
  parameterVersions: {
    id: string;
    version: number;
    validFrom: string;
    validTo: string | null;
    values: Record<string, unknown>;
    source: Source;
  }[];
  budgets: { year: number; budgetFen: number; approvedFen: number }[];
}
interface Simulation {
  year: number;
  contracts: number;
  current: { eligible: number; totalFen: number };
  proposed: { eligible: number; totalFen: number };
  differenceFen: number;
  firms: FirmRow[];
}

/** Which field of the form an API field error belongs to (money is typed in 元 under another name). */
const ALIASES = { annualBudgetFen: 'annualBudgetYuan', budgetFen: 'budgetYuan' };
const date = (d: dayjs.Dayjs | string | null | undefined) => (d ? dayjs(d).format('YYYY-MM-DD') : undefined);

/** problem+json errors next to the fields they name; what names no field of the form (or no field at all) as a message. */
function showErrors(form: ReturnType<typeof Form.useForm>[0], e: unknown, fallback: (m: string) => void) {
  const fields = e instanceof ApiError ? fieldErrors(e.problem.errors, ALIASES) : [];
  const shown = fields.filter((f) => form.getFieldInstance(f.name) !== undefined);
  form.setFields(shown);
  if (shown.length < fields.length || fields.length === 0) fallback(e instanceof Error ? e.message : String(e));
}

/** The source-document fields every parameter version cites (依据文件). */
function SourceFields() {
  return (
    <>
      <Typography.Title level={5}>依据文件</Typography.Title>
      <Form.Item name={['source', 'document']} label="文号" rules={[{ required: true, message: '请填写依据文件文号' }]}>
        <Input placeholder="如 长科技发〔2026〕1号" aria-label="文号" />
      </Form.Item>
      <Form.Item name={['source', 'title']} label="文件标题">
        <Input aria-label="文件标题" />
      </Form.Item>
      <Form.Item name={['source', 'article']} label="条款">
        <Input aria-label="条款" />
      </Form.Item>
      <Form.Item name={['source', 'issuer']} label="发文机关">
        <Input aria-label="发文机关" />
      </Form.Item>
    </>
  );
}

/** A plugin's legal basis as the form's source document (only the fields the API takes). */
const citation = (b?: Plugin['legalBasis'][number]) => (b ? { document: b.document, title: b.title, article: b.article } : {});

type Mode = { kind: 'install'; plugin: Plugin } | { kind: 'configure'; inst: InstallationDetail } | null;

/** 政策配置: the bureau's installed policies with dated parameter versions and budgets; install, configure, simulate. */
export default function Policies() {
  const me = useMe();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [mode, setMode] = useState<Mode>(null);
  const [simulating, setSimulating] = useState<InstallationDetail | null>(null);
  const [form] = Form.useForm();

  const plugins = useQuery({ queryKey: ['plugins'], queryFn: () => api<Plugin[]>('GET', '/policy/plugins') });
  const installed = useQuery({
    queryKey: ['installations', me.tenant.code],
    queryFn: () => api<Installation[]>('GET', '/policy/installations', { query: { tenantCode: me.tenant.code } }),
  });
  const installable = (plugins.data ?? []).filter(
    (p) =>
      p.tiers.includes(me.tenant.tier) &&
      (!p.tenants || p.tenants.includes(me.tenant.code)) &&
      !installed.data?.some((i) => i.pluginId === p.id),
  );

  const save = useMutation({
    mutationFn: async (v: Record<string, unknown> & { validFrom: dayjs.Dayjs; validTo?: dayjs.Dayjs; source: Source }) => {
      if (!mode) return;
      const schema = mode.kind === 'install' ? mode.plugin.params : (mode.inst.plugin?.params ?? {});
      const body = {
        params: toParams(schema, (v.params ?? {}) as Record<string, unknown>),
        validFrom: date(v.validFrom),
        validTo: date(v.validTo),
        source: v.source,
      };
      if (mode.kind === 'install')
        return api('POST', '/policy/installations', {
          body: {
            pluginId: mode.plugin.id,
            ...body,
            ...(typeof v.annualBudgetYuan === 'number' ? { annualBudgetFen: yuanToFen(v.annualBudgetYuan) } : {}),
          },
        });
      return api('POST', `/policy/installations/${mode.inst.id}/parameters`, { body });
    },
    onSuccess: () => {
      message.success(mode?.kind === 'install' ? '已安装政策' : '已新增参数版本');
      setMode(null);
      void client.invalidateQueries({ queryKey: ['installations'] });
      void client.invalidateQueries({ queryKey: ['installation'] });
    },
    onError: (e) => showErrors(form, e, (m) => message.error(m)),
  });

  const open = (m: Mode) => {
    form.resetFields();
    if (m?.kind === 'install')
      form.setFieldsValue({
        params: toFormValues(m.plugin.params),
        validFrom: dayjs().startOf('year'),
        source: citation(m.plugin.legalBasis[0]),
      });
    if (m?.kind === 'configure') {
      const last = m.inst.parameterVersions.at(-1);
      form.setFieldsValue({ params: toFormValues(m.inst.plugin?.params ?? {}, last?.values), validFrom: dayjs().add(1, 'day') });
    }
    setMode(m);
  };

  const schema = mode?.kind === 'install' ? mode.plugin.params : mode?.kind === 'configure' ? (mode.inst.plugin?.params ?? {}) : {};

  return (
    <Page title="政策配置" subTitle={`${me.tenant.name}：已安装的政策插件、参数版本与年度预算`}>
      {(plugins.error || installed.error) && (
        <Alert type="error" showIcon message={((plugins.error ?? installed.error) as Error).message} />
      )}
      <Card title="已安装的政策" style={{ marginBottom: 16 }} loading={installed.isLoading}>
        {installed.data?.length === 0 && <Typography.Text type="secondary">本级尚未安装政策插件。</Typography.Text>}
        {installed.data?.map((i) => (
          <InstallationCard key={i.id} id={i.id} onConfigure={(inst) => open({ kind: 'configure', inst })} onSimulate={setSimulating} />
        ))}
      </Card>
      <Card title="可安装的政策插件" loading={plugins.isLoading}>
        {installable.length === 0 && <Typography.Text type="secondary">没有可为本级安装的插件。</Typography.Text>}
        {installable.map((p) => (
          <Card
            type="inner"
            key={p.id}
            style={{ marginBottom: 12 }}
            title={p.name.zh}
            extra={
              <Button type="primary" onClick={() => open({ kind: 'install', plugin: p })}>
                安装
              </Button>
            }
          >
            <Typography.Paragraph>{p.description}</Typography.Paragraph>
            <Typography.Text type="secondary">
              依据：{p.legalBasis.map((b) => `${b.document}${b.article ? ` ${b.article}` : ''}`).join('；')}
            </Typography.Text>
          </Card>
        ))}
      </Card>

      <Modal
        open={!!mode}
        title={
          mode?.kind === 'install'
            ? `安装：${mode.plugin.name.zh}`
            : mode?.kind === 'configure'
              ? `新增参数版本：${mode.inst.plugin?.name.zh}`
              : ''
        }
        okText={mode?.kind === 'install' ? '安装' : '保存参数版本'}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        onCancel={() => setMode(null)}
        width={640}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} name="policy-params">
          <Typography.Title level={5}>政策参数</Typography.Title>
          <ParamFields schema={schema} />
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="validFrom" label="生效日期" rules={[{ required: true, message: '请选择生效日期' }]}>
                <DatePicker style={{ width: '100%' }} aria-label="生效日期" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="validTo" label="失效日期（不填为长期有效）">
                <DatePicker style={{ width: '100%' }} aria-label="失效日期" />
              </Form.Item>
            </Col>
          </Row>
          {mode?.kind === 'install' && (
            <Form.Item name="annualBudgetYuan" label="本年度预算（元）">
              <InputNumber min={0} precision={2} style={{ width: 240 }} addonAfter="元" aria-label="本年度预算（元）" />
            </Form.Item>
          )}
          <SourceFields />
        </Form>
      </Modal>
      {simulating && <SimulationModal inst={simulating} onClose={() => setSimulating(null)} />}
    </Page>
  );
}

function InstallationCard({
  id,
  onConfigure,
  onSimulate,
}: {
  id: string;
  onConfigure: (i: InstallationDetail) => void;
  onSimulate: (i: InstallationDetail) => void;
}) {
  const detail = useQuery({ queryKey: ['installation', id], queryFn: () => api<InstallationDetail>('GET', `/policy/installations/${id}`) });
  const d = detail.data;
  if (!d) return <Card loading />;
  const schema = d.plugin?.params ?? {};
  const show = (name: string, v: unknown) => paramValueText(schema[name], v);
  return (
    <div data-testid="installation">
      <Card
        type="inner"
        style={{ marginBottom: 12 }}
        title={
          <Space>
            {d.plugin?.name.zh ?? d.pluginId}
            <Tag>v{d.pluginVersion}</Tag>
          </Space>
        }
        extra={
          <Space>
            <Button onClick={() => onConfigure(d)}>新增参数版本</Button>
            <Button type="primary" onClick={() => onSimulate(d)}>
              模拟测算
            </Button>
          </Space>
        }
      >
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={d.parameterVersions}
          columns={[
            { title: '版本', dataIndex: 'version', width: 60 },
            { title: '生效期间', render: (_, v) => `${v.validFrom} 至 ${v.validTo ?? '长期'}` },
            {
              title: '参数',
              render: (_, v) => (
                <Space direction="vertical" size={0}>
                  {Object.entries(v.values).map(([k, val]) => (
                    <span key={k}>
                      {schema[k]?.label.replace(/[（(]分[)）]/, '') ?? k}：{show(k, val)}
                    </span>
                  ))}
                </Space>
              ),
            },
            {
              title: '依据文件',
              render: (_, v) => (
                <span>
                  {v.source.document}
                  {v.source.article ? ` ${v.source.article}` : ''}
                  {v.source.example && <Tag color="warning">示例数值</Tag>}
                </span>
              ),
            },
          ]}
        />
        <Descriptions size="small" style={{ marginTop: 12 }} column={3} title="年度预算">
          {d.budgets.length === 0 && <Descriptions.Item label="预算">未设置</Descriptions.Item>}
          {d.budgets.map((b) => (
            <Descriptions.Item key={b.year} label={`${b.year} 年`}>
              {formatYuan(b.budgetFen)}（已批准 {formatYuan(b.approvedFen)}）
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
    </div>
  );
}

function SimulationModal({ inst, onClose }: { inst: InstallationDetail; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const schema = inst.plugin?.params ?? {};
  const run = useMutation({
    mutationFn: (v: { params: Record<string, unknown>; year?: number }) =>
      api<Simulation>('POST', `/policy/installations/${inst.id}/simulate`, {
        body: { params: toParams(schema, v.params ?? {}), year: v.year },
      }),
    onError: (e) => showErrors(form, e, (m) => message.error(m)),
  });
  const r = run.data;
  const columns: TableColumnsType<FirmRow> = [
    { title: '企业', dataIndex: 'name', render: (_, f) => f.name ?? f.orgId },
    { title: '现行参数补贴', dataIndex: 'currentFen', align: 'right', render: (_, f) => formatYuan(f.currentFen) },
    { title: '拟调整参数补贴', dataIndex: 'proposedFen', align: 'right', render: (_, f) => formatYuan(f.proposedFen) },
    { title: '差额', align: 'right', render: (_, f) => formatYuan(f.proposedFen - f.currentFen) },
  ];
  const last = inst.parameterVersions.at(-1);
  return (
    <Modal open title={`模拟测算：${inst.plugin?.name.zh ?? inst.pluginId}`} onCancel={onClose} footer={null} width={900}>
      <Form
        form={form}
        layout="inline"
        name="simulate"
        initialValues={{ params: toFormValues(schema, last?.values), year: dayjs().year() - 1 }}
        onFinish={(v) => run.mutate(v)}
        style={{ rowGap: 8, marginBottom: 16 }}
      >
        <ParamFields schema={schema} />
        <Form.Item name="year" label="测算年度（已登记合同）">
          <InputNumber min={2000} max={2100} precision={0} aria-label="测算年度" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={run.isPending}>
            开始模拟
          </Button>
        </Form.Item>
      </Form>
      {r && (
        <div data-testid="simulation-result">
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={6}>
              <Statistic title={`${r.year} 年已登记合同`} value={r.contracts} suffix="份" />
            </Col>
            <Col span={6}>
              <Statistic title="现行参数补贴总额（元）" value={fenToYuan(r.current.totalFen)} precision={2} />
            </Col>
            <Col span={6}>
              <Statistic title="拟调整参数补贴总额（元）" value={fenToYuan(r.proposed.totalFen)} precision={2} />
            </Col>
            <Col span={6}>
              <Statistic title="差额（元）" value={fenToYuan(r.differenceFen)} precision={2} />
            </Col>
          </Row>
          <Table<FirmRow>
            rowKey="orgId"
            pagination={false}
            columns={columns}
            dataSource={r.firms}
            title={() => '受影响企业'}
            data-testid="simulation-table"
          />
          <Suspense fallback={null}>{r.firms.length > 0 && <SimulationChart firms={r.firms} />}</Suspense>
        </div>
      )}
    </Modal>
  );
}
