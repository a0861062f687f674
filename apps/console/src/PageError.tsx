import { Button, Result } from 'antd';
import { useRouteError } from 'react-router';

/** What a page that failed to render shows (in Chinese, with the reason), instead of the router's English default. */
export function PageError() {
  const error = useRouteError();
  return (
    <Result
      status="error"
      title="页面出错了"
      subTitle={error instanceof Error ? error.message : String(error)}
      extra={<Button onClick={() => window.location.reload()}>重新加载</Button>}
    />
  );
}
