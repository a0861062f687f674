import { Alert, Select } from 'antd';
import { TIERS } from './labels';

/** A list's filter: labelled for screen readers, cleared back to 全部…, its value in the URL (useUrlFilters). */
export function FilterSelect({
  label,
  placeholder,
  width,
  value,
  options,
  onChange,
  disabled,
  clearable = true,
}: {
  label: string;
  placeholder?: string;
  width: number;
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange: (v?: string) => void;
  disabled?: boolean;
  clearable?: boolean;
}) {
  return (
    <Select
      aria-label={label}
      placeholder={placeholder}
      allowClear={clearable}
      disabled={disabled}
      style={{ width }}
      value={value}
      options={options}
      onChange={(v?: string) => onChange(v)}
    />
  );
}

/** Options from a label map (code → 中文). */
export const optionsOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** What failed to load, and what to do about it. */
export function LoadError({ what, error }: { what: string; error: unknown }) {
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      message={`${what}未能加载：${error instanceof Error ? error.message : String(error)}`}
      description="请稍后刷新页面重试；仍不行请联系省平台运维。"
    />
  );
}

/** The tier filter (省级 / 市（州）级 / 县（市、区）级) of the province's lists. */
export const TierFilter = ({ value, onChange }: { value: string | undefined; onChange: (v?: string) => void }) => (
  <FilterSelect label="层级" placeholder="全部层级" width={160} value={value} options={optionsOf(TIERS)} onChange={onChange} />
);
