import { subject } from '@casl/ability';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from './api';
import { funnelStages, type FunnelRow, segmentText, setText } from './campaigns';
import { chinaDateTimeText } from './china-date';
import { DELIVERY_STATES, label, REVIEW_OUTCOMES } from './labels';
import { type Campaign, CampaignState } from './CampaignParts';
import { useAbility } from './session';

interface CampaignDetailView extends Campaign {
  funnel: FunnelRow;
  states: Record<string, number>;
}
interface Item {
  kind: string;
  id: string;
  title: string;
  score: number;
  reasons: string[];
}
interface Preview {
  setSize: number;
  enterprises: number;
  recipients: number;
  organizations: number;
  unsubscribedExcluded: number;
  mails: { organizationId: string; organizationName: string; email: string; items: Item[] }[];
  entries: { id: string; title: string; recipients: number }[];
}
interface Delivery {
  id: string;
  organizationName: string;
  email: string;
  state: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  openedAt: string | null;
  clickedAt: string | null;
  interestedAt: string | null;
  items: Item[];
  review: { outcome: string; note: string; reviewedAt: string } | null;
}

const PREVIEW_MAILS = 20;
/** States a delivery leaves on its own (the list is looked at again while any row is in one). */
const MOVING = new Set(['queued', 'sending', 'retry']);

function DeliveryState({ d }: { d: Delivery }) {
  const st = DELIVERY_STATES[d.state];
  return st ? <Badge status={st.status.toLowerCase() as 'processing'} text={st.text} /> : <>{d.state}</>;
}

/** The entries of one mail, each with the reasons it was chosen for this enterprise. */
function Items({ items }: { items: Item[] }) {
  return (
    <ol className="campaign-items">
      {items.map((it) => (
        <li key={it.id}>
          {it.title}
          {it.reasons.length > 0 && <div className="hint">{it.reasons.join('；')}</div>}
        </li>
      ))}
    </ol>
  );
}

/**
 * One campaign in a drawer: what it pushes to whom, its closed-loop funnel and delivery states;
 * for a draft the preview (who gets what, nothing stored) and 发起推送; once launched the deliveries,
 * with 核查 for a row whose outcome a dead worker left unknown.
 */
export default function CampaignDetail({ id, names, onClose }: { id: string; names: Record<string, string>; onClose: () => void }) {
  const ability = useAbility();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [reviewing, setReviewing] = useState<Delivery | null>(null);
  const detail = useQuery({
    queryKey: ['campaign', id],
    queryFn: () => api<CampaignDetailView>('GET', `/campaigns/${id}`),
    refetchInterval: (q) => (q.state.data?.state === 'launching' ? 1_500 : false),
  });
  const c = detail.data;
  const mayLaunch = Boolean(c && ability.can('launch', subject('Campaign', { ...c })));
  const preview = useQuery({
    queryKey: ['campaign', id, 'preview'],
    queryFn: () => api<Preview>('GET', `/campaigns/${id}/preview`, { query: { limit: PREVIEW_MAILS } }),
    enabled: c?.state === 'draft' && mayLaunch,
  });
  const deliveries = useQuery({
    // Keyed by the state too: the rows appear with 已发起 (planned in the same transaction), read them then.
    queryKey: ['campaign', id, 'deliveries', c?.state],
    queryFn: () => api<{ items: Delivery[] }>('GET', `/campaigns/${id}/deliveries`),
    enabled: Boolean(c && c.state !== 'draft'),
    refetchInterval: (q) => (c?.state === 'launching' || q.state.data?.items.some((d) => MOVING.has(d.state)) ? 2_000 : false),
  });
  // Each new look at the deliveries refreshes the funnel and the list's figures above them.
  const seen = deliveries.dataUpdatedAt;
  useEffect(() => {
    if (!seen) return;
    void client.invalidateQueries({ queryKey: ['campaign', id], exact: true });
    void client.invalidateQueries({ queryKey: ['campaigns'], exact: true });
  }, [seen, client, id]);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['campaign', id] });
    void client.invalidateQueries({ queryKey: ['campaigns'] });
  };
  const launch = useMutation({
    mutationFn: () => api<Campaign>('POST', `/campaigns/${id}/launch`),
    onSuccess: () => {
      message.success('已发起推送，邮件将在后台逐一发送');
      refresh();
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });

  const mayReview = Boolean(c && ability.can('create', subject('CampaignDeliveryReview', { tenantId: c.tenantId })));
  const deliveryColumns: TableColumnsType<Delivery> = [
    { title: '企业', dataIndex: 'organizationName', width: 190 },
    { title: '邮箱', dataIndex: 'email' },
    {
      title: '投递状态',
      dataIndex: 'state',
      width: 180,
      render: (_, d) => (
        <div data-testid="delivery-state">
          <DeliveryState d={d} />
          {d.review && (
            <div className="hint">
              核查：{label(REVIEW_OUTCOMES, d.review.outcome)}（{d.review.note}）
            </div>
          )}
          {d.lastError && !d.review && <div className="hint">{d.lastError}</div>}
        </div>
      ),
    },
    { title: '发送时间', dataIndex: 'sentAt', width: 130, render: chinaDateTimeText },
    {
      title: '回应',
      width: 110,
      render: (_, d) => (
        <Space size={4} wrap>
          {d.openedAt && <Tag>已打开</Tag>}
          {d.clickedAt && <Tag>已点击</Tag>}
          {d.interestedAt && <Tag color="success">有意向</Tag>}
        </Space>
      ),
    },
    {
      title: '操作',
      width: 70,
      render: (_, d) =>
        d.state === 'unknown' && !d.review && mayReview ? (
          <Button type="link" onClick={() => setReviewing(d)}>
            核查
          </Button>
        ) : null,
    },
  ];

  const p = preview.data;
  return (
    <Drawer open width={1000} title={c?.name ?? '推送活动'} onClose={onClose}>
      {detail.error && (
        <Alert type="error" showIcon message={(detail.error as Error).message} description="请关闭后重新打开，或刷新页面。" />
      )}
      {detail.isLoading && <Typography.Text type="secondary">正在加载推送活动…</Typography.Text>}
      {c && (
        <div data-testid="campaign-detail">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="状态">
              <span data-testid="campaign-state">
                <CampaignState state={c.state} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="邮件标题">{c.subject}</Descriptions.Item>
            {c.intro && <Descriptions.Item label="开头语">{c.intro}</Descriptions.Item>}
            <Descriptions.Item label="推送内容">{setText(c.set)}</Descriptions.Item>
            <Descriptions.Item label="目标企业">{segmentText(c.segment, names)}</Descriptions.Item>
            <Descriptions.Item label="每家企业条目数">{c.itemsPerRecipient}</Descriptions.Item>
            <Descriptions.Item label="创建时间">{chinaDateTimeText(c.createdAt)}</Descriptions.Item>
            {c.launchedAt && <Descriptions.Item label="发起时间">{chinaDateTimeText(c.launchedAt)}</Descriptions.Item>}
          </Descriptions>

          {c.state !== 'draft' && (
            <>
              <Typography.Title level={5} style={{ marginTop: 24 }}>
                闭环漏斗
              </Typography.Title>
              <Flex gap={24} wrap data-testid="campaign-funnel">
                {funnelStages(c.funnel).map((s) => (
                  <Statistic key={s.key} title={s.label} value={s.value} suffix={s.share ? <small>（{s.share}）</small> : undefined} />
                ))}
              </Flex>
              {Object.keys(c.states).length > 0 && (
                <Space size={[8, 8]} wrap style={{ marginTop: 12 }} data-testid="campaign-states">
                  {Object.entries(c.states).map(([state, n]) => (
                    <Tag key={state}>
                      {label(Object.fromEntries(Object.entries(DELIVERY_STATES).map(([k, v]) => [k, v.text])), state)} {n}
                    </Tag>
                  ))}
                </Space>
              )}
            </>
          )}

          {c.state === 'draft' && mayLaunch && (
            <>
              <Flex justify="space-between" align="center" style={{ marginTop: 24, marginBottom: 8 }}>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  预览（不发送）
                </Typography.Title>
                <Popconfirm
                  title="发起推送"
                  description={`将向 ${p?.recipients ?? '—'} 个地址发送邮件，每个地址至多一次。发起后不能撤回。`}
                  okText="发起"
                  cancelText="取消"
                  onConfirm={() => launch.mutate()}
                  disabled={!p || p.recipients === 0 || p.setSize === 0}
                >
                  <Button type="primary" loading={launch.isPending} disabled={!p || p.recipients === 0 || p.setSize === 0}>
                    发起推送
                  </Button>
                </Popconfirm>
              </Flex>
              {preview.error && <Alert type="error" showIcon message={(preview.error as Error).message} />}
              {preview.isLoading && <Typography.Text type="secondary">正在计算收件企业与推送条目…</Typography.Text>}
              {p && (
                <div data-testid="campaign-preview">
                  <Flex gap={32} wrap style={{ marginBottom: 16 }}>
                    <Statistic title="收件地址数" value={p.recipients} />
                    <Statistic title="企业数" value={p.organizations} suffix={<small>/ 符合条件 {p.enterprises}</small>} />
                    <Statistic title="退订已排除" value={p.unsubscribedExcluded} />
                    <Statistic title="可推送条目" value={p.setSize} />
                  </Flex>
                  {(p.recipients === 0 || p.setSize === 0) && (
                    <Alert
                      type="warning"
                      showIcon
                      style={{ marginBottom: 16 }}
                      message={p.setSize === 0 ? '没有符合推送内容的已发布条目' : '目标企业中没有可收件的地址'}
                      description="请新建一个推送活动，放宽推送内容或目标企业的条件。"
                    />
                  )}
                  <Table
                    size="small"
                    rowKey="id"
                    title={() => '各条目的收件地址数'}
                    pagination={{ pageSize: 10, hideOnSinglePage: true }}
                    dataSource={p.entries}
                    columns={[
                      { title: '条目', dataIndex: 'title' },
                      { title: '收件地址数', dataIndex: 'recipients', width: 120, align: 'right' },
                    ]}
                  />
                  <Table
                    size="small"
                    rowKey="email"
                    style={{ marginTop: 16 }}
                    title={() =>
                      p.recipients > p.mails.length
                        ? `前 ${p.mails.length} 封邮件（共 ${p.recipients} 封）`
                        : `全部 ${p.mails.length} 封邮件`
                    }
                    pagination={false}
                    dataSource={p.mails}
                    data-testid="preview-mails"
                    columns={[
                      { title: '企业', dataIndex: 'organizationName', width: 200 },
                      { title: '邮箱', dataIndex: 'email', width: 220 },
                      { title: '推送条目及理由', dataIndex: 'items', render: (items: Item[]) => <Items items={items} /> },
                    ]}
                  />
                </div>
              )}
            </>
          )}

          {c.state !== 'draft' && (
            <>
              <Typography.Title level={5} style={{ marginTop: 24 }}>
                推送记录
              </Typography.Title>
              {c.state === 'launching' && (
                <Alert type="info" showIcon style={{ marginBottom: 12 }} message="正在生成收件名单，完成后逐一发送。" />
              )}
              {deliveries.error && <Alert type="error" showIcon message={(deliveries.error as Error).message} />}
              <Table<Delivery>
                size="small"
                rowKey="id"
                data-testid="campaign-deliveries"
                columns={deliveryColumns}
                dataSource={deliveries.data?.items}
                loading={deliveries.isLoading}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                expandable={{ expandedRowRender: (d) => <Items items={d.items} /> }}
              />
            </>
          )}
        </div>
      )}
      {reviewing && (
        <ReviewModal
          delivery={reviewing}
          onClose={() => setReviewing(null)}
          onDone={() => {
            setReviewing(null);
            refresh();
          }}
        />
      )}
    </Drawer>
  );
}

/** 投递核查: after checking with the recipient or the mail server's log, 已送达 or 重新发送, with a note. */
function ReviewModal({ delivery, onClose, onDone }: { delivery: Delivery; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ outcome: 'delivered' | 'resend'; note: string }>();
  const review = useMutation({
    mutationFn: (v: { outcome: string; note: string }) => api('POST', `/campaigns/deliveries/${delivery.id}/review`, { body: v }),
    onSuccess: () => {
      message.success('已记录核查结果');
      onDone();
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Modal
      open
      title="投递核查"
      okText="提交"
      cancelText="取消"
      confirmLoading={review.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {delivery.organizationName} · {delivery.email}：发送进程中断，无法确定邮件是否已送达。请向收件企业或邮件服务器日志核实。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => review.mutate(v)} initialValues={{ outcome: 'delivered' }}>
        <Form.Item name="outcome" label="核查结果" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'delivered', label: '已送达' },
              { value: 'resend', label: '重新发送' },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label="说明" rules={[{ required: true, message: '请填写核查说明' }, { max: 500 }]}>
          <Input.TextArea rows={3} placeholder="如：收件企业来电确认已收到邮件" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
