import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { api } from './api';
import { formatYuan } from './money';

/** 事项: what a policy decision is about, as GET /policy/decisions gives it. */
export interface DecisionMatter {
  kind: string;
  id?: string;
  registrationNumber?: string;
  contractTypeLabel?: string;
  amountFen?: number;
  sellerName?: string | null;
  buyerName?: string | null;
  patentNumbers?: string[];
  title?: string;
  ownerName?: string | null;
}

/** 政策判定 as the API shows it: the plugin's name, its reasons (each met or not) and the matter. */
export interface DecisionView {
  id: string;
  pluginId: string;
  pluginName: { zh: string; en: string } | null;
  eligible: boolean;
  amountFen: number;
  current: boolean;
  eventType: string;
  eventKey: string;
  subjectOrgId: string | null;
  reasons: { ok: boolean; text: string }[];
  effects: { tags?: string[]; listOnTenantPage?: boolean } | null;
  matter: DecisionMatter | null;
  createdAt: string;
}

/** `技术转让合同 2622010000001（吉林大学 → 禾丰，5,000,000.00 元）`, or the catalog entry's title. */
export function decisionMatter(d: DecisionView | undefined): string {
  const m = d?.matter;
  if (!m) return '—';
  if (m.kind === 'contract')
    return `${m.contractTypeLabel ?? '技术'}合同 ${m.registrationNumber ?? ''}（${m.sellerName ?? '—'} → ${m.buyerName ?? '—'}，${formatYuan(m.amountFen)}）`;
  return m.title ?? '—';
}

/** A decision's reasons, each marked met (✓) or not (✗), as the policy engine gave them. */
export function Reasons({ reasons }: { reasons: { ok: boolean; text: string }[] }) {
  return (
    <ul className="reasons">
      {reasons.map((r, i) => (
        <li key={i}>
          {r.ok ? (
            <CheckCircleFilled aria-label="符合" style={{ color: '#237804' }} />
          ) : (
            <CloseCircleFilled aria-label="不符合" style={{ color: '#a8071a' }} />
          )}{' '}
          <Typography.Text>{r.text}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}

/** 补贴申请 as the applicant reads it. */
export interface MyApplication {
  id: string;
  decisionId: string;
  status: string;
  amountFen: number;
  budgetYear: number;
  reviewReason: string | null;
  createdAt: string;
}

/**
 * The caller's policy decisions and subsidy applications (an enterprise's own), and which
 * eligible decisions have no open application yet: what it may still apply for.
 */
export function useMySubsidies() {
  const decisions = useQuery({
    queryKey: ['decisions', 'mine'],
    queryFn: () => api<{ items: DecisionView[] }>('GET', '/policy/decisions', { query: { limit: 100 } }),
  });
  const applications = useQuery({
    queryKey: ['applications', 'mine'],
    queryFn: () => api<{ items: MyApplication[] }>('GET', '/subsidies/applications', { query: { limit: 100 } }),
  });
  const open = new Map(
    (applications.data?.items ?? []).filter((a) => !['rejected', 'withdrawn'].includes(a.status)).map((a) => [a.decisionId, a]),
  );
  const eligible = (decisions.data?.items ?? []).filter((d) => d.eligible && d.amountFen > 0);
  return { decisions, applications, open, eligible, error: decisions.error ?? applications.error };
}
