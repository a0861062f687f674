import { Button, Space } from 'antd';
import type { useUrlState } from './url-state';

/** 回到第一页 / 下一页 over the API's keyset cursor, kept in the URL (`cursor`). */
export function Pager({ url, next }: { url: ReturnType<typeof useUrlState>; next: string | null | undefined }) {
  const cursor = url.get('cursor');
  return (
    <Space>
      <Button disabled={!cursor} onClick={() => url.update({ cursor: undefined })}>
        回到第一页
      </Button>
      <Button disabled={!next} onClick={() => url.update({ cursor: next ?? undefined })}>
        下一页
      </Button>
    </Space>
  );
}
