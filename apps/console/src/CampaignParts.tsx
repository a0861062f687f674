import { Badge } from 'antd';
import type { CampaignSegment, CampaignSet } from './campaigns';
import { CAMPAIGN_STATES } from './labels';

export interface Campaign {
  id: string;
  tenantId: string;
  name: string;
  subject: string;
  intro: string;
  set: CampaignSet;
  segment: CampaignSegment;
  itemsPerRecipient: number;
  state: string;
  recipients: number | null;
  launchedAt: string | null;
  createdAt: string;
}

/** 草稿 / 发送准备中 / 已发起 as a status badge. */
export function CampaignState({ state }: { state: string }) {
  const st = CAMPAIGN_STATES[state];
  return st ? <Badge status={st.status.toLowerCase() as 'processing'} text={st.text} /> : <>{state}</>;
}
