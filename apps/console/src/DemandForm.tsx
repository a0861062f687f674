import {
  ModalForm,
  ProFormDatePicker,
  ProFormDependency,
  ProFormDigit,
  ProFormSelect,
  ProFormSwitch,
  ProFormText,
  ProFormTextArea,
} from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { App, Form } from 'antd';
import { api, ApiError } from './api';
import { badIpc, normaliseIpc } from './ipc';
import { INDUSTRY_FIELDS } from './labels';
import { yuanToFen } from './money';
import { showFieldErrors } from './param-form';
import { useMe } from './session';

interface Organization {
  id: string;
  name: string;
}

/** The API's money fields (分) are the form's 元 fields. */
const ALIASES = { budgetMinFen: 'budgetMinYuan', budgetMaxFen: 'budgetMaxYuan', rewardFen: 'rewardYuan' };

interface FormValues {
  organizationId?: string;
  title: string;
  description: string;
  field: string;
  ipcClasses?: string[];
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
  'ipcClasses',
  'budgetMinYuan',
  'budgetMaxYuan',
  'deadline',
  'isOpenCall',
  'rewardYuan',
];

const fen = (yuan: number | undefined | null) => (yuan === undefined || yuan === null ? undefined : yuanToFen(yuan));

/**
 * 发布企业需求: a ProForm in a modal (its own chunk, loaded when opened). A county centre posts
 * for an enterprise of its subtree (代为发布); the demand is created and submitted for review.
 * The API's field errors show beside the 元 fields they name.
 */
export default function DemandForm({
  open,
  onOpenChange,
  onPosted,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  onPosted: () => void;
}) {
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const onBehalf = !me.user.organizationId; // staff post for an enterprise of their subtree
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
      ipcClasses: v.ipcClasses?.length ? v.ipcClasses.map((c) => normaliseIpc(c) ?? c) : undefined,
      budgetMinFen: fen(v.budgetMinYuan),
      budgetMaxFen: fen(v.budgetMaxYuan),
      deadline: v.deadline || undefined,
      isOpenCall: v.isOpenCall ?? false,
      rewardFen: v.isOpenCall ? fen(v.rewardYuan) : undefined,
    };
    try {
      const made = await api<{ id: string }>('POST', '/demands', { body });
      await api('POST', `/demands/${made.id}/submit`);
      message.success('需求已提交审核');
      onPosted();
      return true;
    } catch (e) {
      showFieldErrors(
        form,
        e instanceof ApiError ? e.problem.errors : undefined,
        e instanceof Error ? e.message : String(e),
        message.error,
        FORM_FIELDS,
        ALIASES,
      );
      return false;
    }
  }

  return (
    <ModalForm<FormValues>
      title="发布企业需求"
      form={form}
      open={open}
      onOpenChange={onOpenChange}
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
      <ProFormSelect
        name="ipcClasses"
        label="IPC 分类"
        tooltip="选填。知道所需技术的 IPC 分类号时填写，匹配时优先同组、同小类的专利；不填则按产业领域对应的 IPC 分类匹配"
        placeholder="如 A01B 或 A01B 49/02，输入后回车"
        fieldProps={{ mode: 'tags', tokenSeparators: [',', '，', ';', '；'], maxCount: 10 }}
        rules={[
          {
            validator: (_, v: string[] | undefined) => {
              const bad = badIpc(v);
              return bad.length
                ? Promise.reject(new Error(`不是 IPC 分类号：${bad.join('、')}（应如 A01B 或 A01B 49/02）`))
                : Promise.resolve();
            },
          },
        ]}
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
  );
}
