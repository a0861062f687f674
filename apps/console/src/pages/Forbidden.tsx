import { Button, Result } from 'antd';
import { Link } from 'react-router';

export default function Forbidden() {
  return (
    <Result
      status="403"
      title="403 无权访问"
      subTitle="您的账号没有使用此页面的权限。如需开通，请联系本级平台管理员。"
      extra={
        <Link to="/catalog">
          <Button type="primary">返回成果检索</Button>
        </Link>
      }
    />
  );
}
