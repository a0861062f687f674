import { ModalForm, ProFormCheckbox, ProFormSelect } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Descriptions, Form } from 'antd';
import { useState } from 'react';
import { api, ApiError } from './api';
import { decisionMatter, Reasons, type DecisionView } from './decisions';
import { formatYuan } from './money';
import { fieldErrors } from './param-form';

interface FormValues {
  decisionId: string;
  pledge: boolean;
}

/**
 * 申请补贴: an enterprise (or its county centre) files a subsidy application on an eligible
 * policy decision (POST /subsidies/applications). The decision carries the facts the policy
 * engine checked and the amount; the applicant confirms them and pledges they are true. The
 * API's field errors show beside the field, its refusals (already applied, an exclusive policy
 * taken) above the buttons. Its own chunk, loaded when opened.
 */
export default function ApplicationForm({
  decision,
  choices = [decision],
  open,
  onOpenChange,
  onFiled,
}: {
  decision: DecisionView;
  choices?: DecisionView[];
  open: boolean;
  onOpenChange: (o: boolean) => void;
  onFiled?: (application: { id: string; status: string }) => void;
}) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const chosenId = Form.useWatch('decisionId', form) ?? decision.id;
  const chosen = choices.find((d) => d.id === chosenId) ?? decision;

  async function file(v: FormValues): Promise<boolean> {
    setRefusal(null);
    try {
      const filed = await api<{ id: string; status: string }>('POST', '/subsidies/applications', { body: { decisionId: v.decisionId } });
      message.success('补贴申请已提交，等待审核');
      await client.invalidateQueries({ queryKey: ['applications'] });
      await client.invalidateQueries({ queryKey: ['decisions'] });
      onFiled?.(filed);
      return true;
    } catch (e) {
      const fields = e instanceof ApiError ? fieldErrors(e.problem.errors) : [];
      const shown = fields.filter((f) => f.name.join('.') === 'decisionId');
      form.setFields(shown as never);
      if (!shown.length) setRefusal(e instanceof Error ? e.message : String(e));
      return false;
    }
  }

  return (
    <ModalForm<FormValues>
      title="申请补贴"
      form={form}
      open={open}
      onOpenChange={onOpenChange}
      initialValues={{ decisionId: decision.id }}
      modalProps={{ destroyOnHidden: true }}
      submitter={{ searchConfig: { submitText: '提交申请' } }}
      onFinish={file}
    >
      <ProFormSelect
        name="decisionId"
        label="申请的政策"
        rules={[{ required: true, message: '请选择要申请的政策' }]}
        options={choices.map((d) => ({ value: d.id, label: `${d.pluginName?.zh ?? d.pluginId}（${formatYuan(d.amountFen)}）` }))}
      />
      <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }} data-testid="application-decision">
        <Descriptions.Item label="事项">{decisionMatter(chosen)}</Descriptions.Item>
        <Descriptions.Item label="申请金额">{formatYuan(chosen.amountFen)}</Descriptions.Item>
        <Descriptions.Item label="判定依据">
          <Reasons reasons={chosen.reasons} />
        </Descriptions.Item>
      </Descriptions>
      <ProFormCheckbox
        name="pledge"
        rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('请确认以上事实属实'))) }]}
      >
        本单位确认以上合同事实属实，同意由受理机关核验
      </ProFormCheckbox>
      {refusal && <Alert type="error" showIcon message="未能提交" description={refusal} data-testid="application-refusal" />}
    </ModalForm>
  );
}
