import {
  ModalForm,
  PageContainer,
  ProFormDatePicker,
  ProFormDependency,
  ProFormDigit,
  ProFormSelect,
  ProFormSwitch,
  ProFormText,
  ProFormTextArea,
  ProTable,
  type ProColumns,
} from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Segmented, Tag } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api';
import { INDUSTRY_FIELDS, label } from '../labels';
import { formatYuan, yuanToFen } from '../money';
import { fieldErrors } from '../param-form';
import { useMe } from '../session';

interface Demand {
  id: string;
  title: string;
  field: string;
  status: string;
  organizationName: string | null;
  tenantName: string;
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  deadline: string | null;
  isOpenCall: boolean;
  rewardFen: number | null;
  returnReason: string | null;
}
interface Organization {
  id: string;
  name: string;
  tenantCode: string;
}

export const ENTRY_STATUS: Record<string, { text: string; color: string }> = {
  draft: { text: '草稿', color: 'default' },
  submitted: { text: '待审核', color: 'processing' },
  published: { text: '已发布', color: 'success' },
  returned: { text: '已退回', color: 'error' },
  withdrawn: { text: '已撤回', color: 'default' },
  archived: { text: '已归档', color: 'default' },
};

/** The API's money fields (分) are the form's 元 fields. */
const ALIASES = { budgetMinFen: 'budgetMinYuan', budgetMaxFen: 'budgetMaxYuan', rewardFen: 'rewardYuan' };

interface FormValues {
  organizationId?: string;
  title: string;
  description: string;
  field: string;
  budgetMinYuan?: number;
  budgetMaxYuan?: number;
  deadline?: string;
  isOpenCall?: boolean;
  rewardYuan?: number;
}

/** The form's fields (ProForm's wrappers give antd no field instance to ask for). */
const FORM_FIELDS = [
  'organizationId',
  'title',
  'description',
  'field',
  'budgetMinYuan',
  'budgetMaxYuan',
  'deadline',
  'isOpenCall',
  'rewardYuan',
];

const fen = (yuan: number | undefined | null) => (yuan === undefined || yuan === null ? undefined : yuanToFen(yuan));

/**
 * 企业需求: the demands the caller may see, by status; 发布需求 posts one (a county centre on behalf
 * of a local enterprise, 代为发布) and submits it for review. Money in 元 on screen, 分 in the API.
 */
export default function Demands() {
  const me = useMe();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [status, setStatus] = useState('submitted');
  const onBehalf = !me.user.organizationId; // staff post for an enterprise of their subtree
  const list = useQuery({
    queryKey: ['demands', status],
    queryFn: () => api<{ items: Demand[] }>('GET', '/demands', { query: { status, sort: 'newest', limit: 50 } }),
  });
  const firms = useQuery({
    queryKey: ['organizations', 'enterprise', me.tenant.code],
    queryFn: () =>
      api<{ items: Organization[] }>('GET', '/organizations', { query: { type: 'enterprise', tenantCode: me.tenant.code, limit: 100 } }),
    enabled: onBehalf,
  });

  async function post(v: FormValues): Promise<boolean> {
    const body = {
      organizationId: v.organizationId,
      title: v.title,
      description: v.description,
      field: v.field,
      budgetMinFen: fen(v.budgetMinYuan),
      budgetMaxFen: fen(v.budgetMaxYuan),
      deadline: v.deadline || undefined,
      isOpenCall: v.isOpenCall ?? false,
      rewardFen: v.isOpenCall ? fen(v.rewardYuan) : undefined,
    };
    try {
      const made = await api<Demand>('POST', '/demands', { body });
      await api('POST', `/demands/${made.id}/submit`);
      message.success('需求已提交审核');
      setStatus('submitted');
      await client.invalidateQueries({ queryKey: ['demands'] });
      return true;
    } catch (e) {
      const fields = e instanceof ApiError ? fieldErrors(e.problem.errors, ALIASES) : [];
      const shown = fields.filter((f) => FORM_FIELDS.includes(f.name.join('.')));
      form.setFields(shown as never);
      if (shown.length === 0 || shown.length < fields.length) message.error(e instanceof Error ? e.message : String(e));
      return false;
    }
  }

  const columns: ProColumns<Demand>[] = [
    { title: '需求名称', dataIndex: 'title', ellipsis: true },
    { title: '需求企业', dataIndex: 'organizationName', ellipsis: true },
    { title: '产业领域', dataIndex: 'field', width: 120, render: (_, d) => label(INDUSTRY_FIELDS, d.field) },
    {
      title: '预算',
      width: 220,
      align: 'right',
      render: (_, d) =>
        d.budgetMinFen === null && d.budgetMaxFen === null ? '面议' : `${formatYuan(d.budgetMinFen)} – ${formatYuan(d.budgetMaxFen)}`,
    },
    {
      title: '揭榜挂帅',
      width: 160,
      render: (_, d) => (d.isOpenCall ? <Tag color="gold">揭榜奖励 {formatYuan(d.rewardFen)}</Tag> : '—'),
    },
    { title: '截止日期', dataIndex: 'deadline', width: 110, render: (_, d) => d.deadline ?? '—' },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (_, d) => <Tag color={ENTRY_STATUS[d.status]?.color}>{ENTRY_STATUS[d.status]?.text ?? d.status}</Tag>,
    },
  ];

  return (
    <PageContainer
      title="企业需求"
      subTitle={onBehalf ? `${me.tenant.name}：代本地企业发布技术需求` : '本企业的技术需求'}
      extra={
        <ModalForm<FormValues>
          title="发布企业需求"
          form={form}
          trigger={<Button type="primary">发布需求</Button>}
          modalProps={{ destroyOnHidden: true }}
          submitter={{ searchConfig: { submitText: '提交审核' } }}
          onFinish={post}
        >
          {onBehalf && (
            <ProFormSelect
              name="organizationId"
              label="需求企业"
              showSearch
              placeholder="选择本地企业"
              rules={[{ required: true, message: '请选择需求企业' }]}
              options={(firms.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              fieldProps={{ loading: firms.isLoading, optionFilterProp: 'label' }}
            />
          )}
          <ProFormText name="title" label="需求名称" rules={[{ required: true, message: '请填写需求名称' }, { max: 200 }]} />
          <ProFormTextArea
            name="description"
            label="需求描述"
            placeholder="要解决的问题、技术指标"
            rules={[{ required: true, message: '请填写需求描述' }, { max: 5000 }]}
          />
          <ProFormSelect
            name="field"
            label="产业领域"
            rules={[{ required: true, message: '请选择产业领域' }]}
            options={Object.entries(INDUSTRY_FIELDS).map(([value, text]) => ({ value, label: text }))}
          />
          <ProFormDigit name="budgetMinYuan" label="预算下限（元）" min={0} fieldProps={{ precision: 2 }} width="md" />
          <ProFormDigit name="budgetMaxYuan" label="预算上限（元）" min={0} fieldProps={{ precision: 2 }} width="md" />
          <ProFormDatePicker name="deadline" label="截止日期" fieldProps={{ format: 'YYYY-MM-DD' }} />
          <ProFormSwitch name="isOpenCall" label="揭榜挂帅" />
          <ProFormDependency name={['isOpenCall']}>
            {({ isOpenCall }) =>
              isOpenCall ? (
                <ProFormDigit
                  name="rewardYuan"
                  label="揭榜奖励（元）"
                  min={0.01}
                  fieldProps={{ precision: 2 }}
                  width="md"
                  rules={[{ required: true, message: '揭榜挂帅须填写揭榜奖励' }]}
                />
              ) : null
            }
          </ProFormDependency>
        </ModalForm>
      }
    >
      {list.error && <Alert type="error" showIcon message={(list.error as Error).message} />}
      <Segmented
        aria-label="需求状态"
        value={status}
        onChange={(v) => setStatus(String(v))}
        options={['submitted', 'published', 'returned', 'draft'].map((s) => ({ value: s, label: ENTRY_STATUS[s].text }))}
        style={{ marginBottom: 12 }}
      />
      <ProTable<Demand>
        data-testid="demand-list"
        rowKey="id"
        search={false}
        options={false}
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={false}
      />
    </PageContainer>
  );
}
