import { DatePicker, Form, InputNumber, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { fieldModels, listVocabulary, type ParamSchema } from './param-form';

/** Form items GENERATED from a plugin's parameter schema (type, label, min, max); money in 元. Values live under `params`. */
export function ParamFields({ schema }: { schema: ParamSchema }) {
  return (
    <>
      {fieldModels(schema).map((f) => {
        const name = ['params', f.name];
        const common = { name, label: f.label, key: f.name };
        switch (f.spec.type) {
          case 'percent':
          case 'money':
          case 'count':
            return (
              <Form.Item {...common} rules={[{ required: true, message: `请填写${f.label}` }]}>
                <InputNumber
                  min={f.min}
                  max={f.max}
                  precision={f.spec.type === 'count' ? 0 : 2}
                  step={f.spec.type === 'percent' ? 0.1 : 1}
                  addonAfter={f.unit}
                  style={{ width: 240 }}
                  aria-label={f.label}
                />
              </Form.Item>
            );
          case 'boolean':
            return <Form.Item {...common} valuePropName="checked" children={<Switch aria-label={f.label} />} />;
          case 'enum':
            return (
              <Form.Item {...common}>
                <Select
                  style={{ width: 240 }}
                  aria-label={f.label}
                  options={Object.entries(f.spec.options).map(([value, text]) => ({ value, label: text }))}
                />
              </Form.Item>
            );
          case 'date':
            return (
              <Form.Item
                {...common}
                getValueProps={(v: string | null) => ({ value: v ? dayjs(v) : null })}
                normalize={(d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null)}
              >
                <DatePicker aria-label={f.label} />
              </Form.Item>
            );
          case 'list':
            return (
              <Form.Item {...common}>
                {listVocabulary(f.spec) ? (
                  <Select
                    mode="multiple"
                    style={{ width: 360 }}
                    aria-label={f.label}
                    options={Object.entries(listVocabulary(f.spec)!).map(([value, label]) => ({ value, label }))}
                  />
                ) : (
                  <Select mode="tags" style={{ width: 360 }} aria-label={f.label} />
                )}
              </Form.Item>
            );
        }
      })}
    </>
  );
}
