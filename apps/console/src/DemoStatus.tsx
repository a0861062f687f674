import { useQuery } from '@tanstack/react-query';
import { Alert, Progress } from 'antd';
import { api } from './api';

interface DemoStatus {
  state: 'loading' | 'done' | 'failed' | 'none';
  step?: number;
  steps?: number;
  message?: string;
}

/**
 * 演示数据加载进度: `npm start` serves at once and loads the demo catalog in the background;
 * while it loads, the login page says how far it is (GET /demo/status, public), and nothing when done.
 */
export default function DemoStatusNotice() {
  const { data } = useQuery({
    queryKey: ['demo-status'],
    queryFn: () => api<DemoStatus>('GET', '/demo/status'),
    refetchInterval: (q) => (q.state.data?.state === 'loading' ? 2000 : false),
  });
  if (!data || data.state === 'none' || data.state === 'done') return null;
  if (data.state === 'failed')
    return <Alert type="error" showIcon style={{ marginBottom: 16 }} message="演示数据加载失败" description={data.message} />;
  const percent = Math.round(((data.step ?? 0) / (data.steps ?? 1)) * 100);
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="demo-status"
      message="演示数据正在后台加载，可先登录，检索结果将在加载完成后出现"
      description={<Progress percent={percent} size="small" status="active" aria-label="演示数据加载进度" />}
    />
  );
}
