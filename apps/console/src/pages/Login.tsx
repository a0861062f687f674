import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, login, takeEndReason, useLoggedIn } from '../api';
import DemoStatusNotice from '../DemoStatus';

/** 登录: plain antd Form (Pro's LoginForm brings all of ProForm, ~250 KB gzip, to the first page). */
export default function Login() {
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/catalog';
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice] = useState(takeEndReason);
  const loggedIn = useLoggedIn();
  if (loggedIn) return <Navigate to={from} replace />;
  return (
    <main style={{ minHeight: '100vh', background: '#f0f4fa', paddingTop: 96 }}>
      <Card style={{ width: 400, margin: '0 auto' }}>
        <Typography.Title level={2} style={{ textAlign: 'center', marginBottom: 4 }}>
          吉林省科技大市场
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          省、市（州）、县三级技术市场管理控制台
        </Typography.Paragraph>
        <DemoStatusNotice />
        {notice && <Alert type="warning" showIcon message={notice} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form
          name="login"
          size="large"
          onFinish={async (v: { username: string; password: string }) => {
            setError(null);
            setBusy(true);
            try {
              await login(v.username, v.password);
              navigate(from, { replace: true });
            } catch (e) {
              setError(e instanceof ApiError ? e.message : '无法连接服务器，请稍后重试');
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} placeholder="用户名，如 changchun_bureau" autoComplete="username" aria-label="用户名" />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" aria-label="密码" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
