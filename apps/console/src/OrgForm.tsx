import { ModalForm, ProFormSelect, ProFormText } from '@ant-design/pro-components';
import { App, Form } from 'antd';
import { api, ApiError } from './api';
import { ORGANIZATION_TYPES } from './labels';
import { showFieldErrors } from './param-form';
import type { Organization } from './pages/LocalOrgs';
import { useMe } from './session';

interface FormValues {
  name: string;
  type?: string;
  creditCode?: string;
  divisionCode?: string;
  contactName?: string;
  contactPhone?: string;
}
const FORM_FIELDS = ['name', 'type', 'creditCode', 'divisionCode', 'contactName', 'contactPhone'];

/**
 * 登记 / 编辑机构 (POST /organizations, PATCH /organizations/{id}). Statuses such as 中小企业
 * are not set here: staff attest them from a list or certificate, so they stay verified facts.
 * The API's field errors show beside the field. Its own chunk, loaded when opened.
 */
export default function OrgForm({
  organization,
  onClose,
  onSaved,
}: {
  organization: Organization | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const empty = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

  async function save(v: FormValues): Promise<boolean> {
    const fields = {
      name: v.name.trim(),
      creditCode: empty(v.creditCode),
      divisionCode: empty(v.divisionCode),
      contactName: empty(v.contactName),
      contactPhone: empty(v.contactPhone),
    };
    try {
      if (organization) await api('PATCH', `/organizations/${organization.id}`, { body: fields });
      else await api('POST', '/organizations', { body: { ...fields, type: v.type, tenantCode: me.tenant.code } });
      message.success(organization ? '已保存' : '机构已登记');
      onSaved();
      return true;
    } catch (e) {
      showFieldErrors(
        form,
        e instanceof ApiError ? e.problem.errors : undefined,
        e instanceof Error ? e.message : String(e),
        message.error,
        FORM_FIELDS,
      );
      return false;
    }
  }

  return (
    <ModalForm<FormValues>
      title={organization ? `编辑机构：${organization.name}` : '登记机构'}
      form={form}
      open
      onOpenChange={(o) => !o && onClose()}
      modalProps={{ destroyOnHidden: true }}
      initialValues={
        organization
          ? {
              name: organization.name,
              creditCode: organization.creditCode ?? undefined,
              divisionCode: organization.divisionCode,
              contactName: organization.contactName ?? undefined,
              contactPhone: organization.contactPhone ?? undefined,
            }
          : { type: 'enterprise' }
      }
      submitter={{ searchConfig: { submitText: organization ? '保存' : '登记' } }}
      onFinish={save}
    >
      <ProFormText name="name" label="机构名称" rules={[{ required: true, message: '请填写机构名称' }, { max: 128 }]} />
      {!organization && (
        <ProFormSelect
          name="type"
          label="机构类型"
          rules={[{ required: true, message: '请选择机构类型' }]}
          options={Object.entries(ORGANIZATION_TYPES).map(([value, text]) => ({ value, label: text }))}
        />
      )}
      <ProFormText name="creditCode" label="统一社会信用代码" placeholder="18 位，如 91220122MA0000000X" />
      <ProFormText
        name="divisionCode"
        label="行政区划代码"
        placeholder={`默认为本级（${me.tenant.code}）`}
        rules={[{ pattern: /^\d{6}$/, message: '行政区划代码为 6 位数字' }]}
      />
      <ProFormText name="contactName" label="联系人" rules={[{ max: 32 }]} />
      <ProFormText name="contactPhone" label="联系电话" />
    </ModalForm>
  );
}
