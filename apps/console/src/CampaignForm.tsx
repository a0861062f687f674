import {
  ModalForm,
  ProFormDigit,
  ProFormRadio,
  ProFormSelect,
  ProFormSwitch,
  ProFormText,
  ProFormTextArea,
} from '@ant-design/pro-components';
import { App, Divider, Form } from 'antd';
import { api, ApiError } from './api';
import { CAMPAIGN_FIELD_ALIASES, campaignBody, type CampaignFormValues } from './campaigns';
import { CAMPAIGN_SET_KINDS, INDUSTRY_FIELDS, SEGMENT_STATUSES } from './labels';
import { optionsOf } from './ListParts';
import { showFieldErrors } from './param-form';

/** The form's fields (ProForm's wrappers give antd no field instance to ask for). */
const FORM_FIELDS = [
  'name',
  'subject',
  'intro',
  'kind',
  'openLicenceOnly',
  'setFields',
  'keywords',
  'tenantCode',
  'statuses',
  'segmentFields',
  'itemsPerRecipient',
];

/**
 * 新建推送活动 (a draft): a ProForm in a modal, its own chunk loaded when opened. 推送内容 (which
 * published entries) and 目标企业 (the caller's tenant or one below it, by status and field); the
 * API's field errors (`segment.tenantCode`, `set.keywords`) show under the fields they name.
 */
export default function CampaignForm({
  open,
  onOpenChange,
  tenants,
  defaultTenant,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  /** 目标地区 options: the caller's tenant and those below it. */
  tenants: { value: string; label: string }[];
  defaultTenant: string;
  onCreated: (id: string) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<CampaignFormValues>();

  async function create(v: CampaignFormValues): Promise<boolean> {
    try {
      const made = await api<{ id: string }>('POST', '/campaigns', { body: campaignBody(v) });
      message.success('推送活动已保存为草稿，请预览后发起');
      onCreated(made.id);
      return true;
    } catch (e) {
      showFieldErrors(
        form,
        e instanceof ApiError ? e.problem.errors : undefined,
        e instanceof Error ? e.message : String(e),
        message.error,
        FORM_FIELDS,
        CAMPAIGN_FIELD_ALIASES,
      );
      return false;
    }
  }

  return (
    <ModalForm<CampaignFormValues>
      title="新建推送活动"
      form={form}
      open={open}
      onOpenChange={onOpenChange}
      width={640}
      modalProps={{ destroyOnHidden: true }}
      submitter={{ searchConfig: { submitText: '保存草稿' } }}
      initialValues={{ kind: 'patent', openLicenceOnly: true, tenantCode: defaultTenant, itemsPerRecipient: 5 }}
      onFinish={create}
    >
      <ProFormText
        name="name"
        label="名称"
        placeholder="如 2026年开放许可专利定向推送"
        rules={[{ required: true, message: '请填写名称' }, { max: 100 }]}
      />
      <ProFormText
        name="subject"
        label="邮件标题"
        placeholder="如【吉林省科技大市场】为您精选的开放许可专利"
        rules={[{ required: true, message: '请填写邮件标题' }, { max: 120 }]}
      />
      <ProFormTextArea name="intro" label="开头语" placeholder="邮件正文开头的一段话（选填）" rules={[{ max: 1000 }]} />
      <Divider orientation="left" plain>
        推送内容
      </Divider>
      <ProFormRadio.Group name="kind" label="条目类型" radioType="button" options={optionsOf(CAMPAIGN_SET_KINDS)} />
      <ProFormSwitch name="openLicenceOnly" label="仅开放许可" tooltip="只推送已声明开放许可的条目" />
      <ProFormSelect
        name="setFields"
        label="行业领域"
        placeholder="不选则不限"
        fieldProps={{ mode: 'multiple' }}
        options={optionsOf(INDUSTRY_FIELDS)}
      />
      <ProFormSelect
        name="keywords"
        label="关键词"
        tooltip="条目含其中任一词即推送；不填则不限"
        extra="每个关键词 1–20 个字，至多 20 个"
        placeholder="如 玉米、保护性耕作，输入后回车"
        fieldProps={{ mode: 'tags', tokenSeparators: [',', '，', ';', '；', '、'], maxCount: 20, open: false }}
      />
      <Divider orientation="left" plain>
        目标企业
      </Divider>
      <ProFormSelect
        name="tenantCode"
        label="地区"
        tooltip="本级或下级地区，含其全部下级"
        showSearch
        rules={[{ required: true, message: '请选择地区' }]}
        options={tenants}
        fieldProps={{ optionFilterProp: 'label' }}
      />
      <ProFormSelect
        name="statuses"
        label="企业资质"
        placeholder="不选则为全部企业"
        tooltip="具有其中任一资质的企业"
        fieldProps={{ mode: 'multiple' }}
        options={optionsOf(SEGMENT_STATUSES)}
      />
      <ProFormSelect
        name="segmentFields"
        label="企业行业领域"
        placeholder="不选则不限"
        tooltip="依企业声明的领域及其已发布的需求"
        fieldProps={{ mode: 'multiple' }}
        options={optionsOf(INDUSTRY_FIELDS)}
      />
      <ProFormDigit name="itemsPerRecipient" label="每家企业条目数" min={1} max={20} width="xs" fieldProps={{ precision: 0 }} />
    </ModalForm>
  );
}
