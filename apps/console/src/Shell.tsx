import { LogoutOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Layout, Menu, Result, Space, Spin, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { ApiError, logout, useLoggedIn } from './api';
import { menuFor } from './menu';
import { abilityFrom, AbilityProvider, MeContext, useMeQuery } from './session';

const TIERS: Record<string, string> = { province: '省级', city: '市（州）', county: '县（市、区）' };

/** The signed-in frame: antd Layout and Menu with the entries the caller's CASL rules allow (ProLayout brought ProForm into every page). */
export default function Shell() {
  const loggedIn = useLoggedIn();
  const location = useLocation();
  const me = useMeQuery(loggedIn);
  const client = useQueryClient();
  const ability = useMemo(() => (me.data ? abilityFrom(me.data) : null), [me.data]);

  if (!loggedIn) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (me.error)
    return (
      <Result
        status="error"
        title="无法加载当前用户"
        subTitle={me.error instanceof ApiError ? me.error.message : String(me.error)}
        extra={<Button onClick={() => me.refetch()}>重试</Button>}
      />
    );
  if (!me.data || !ability) return <Spin size="large" style={{ display: 'block', margin: 120 }} />;

  const menu = menuFor(ability, { member: !!me.data.user.organizationId, tier: me.data.tenant.tier });
  return (
    <MeContext.Provider value={me.data}>
      <AbilityProvider value={ability}>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Header className="shell-header">
            <Typography.Title level={4} className="shell-title">
              吉林省科技大市场
            </Typography.Title>
            <Space>
              <Tag color="blue">
                {me.data.tenant.name} · {TIERS[me.data.tenant.tier] ?? me.data.tenant.tier}
              </Tag>
              <span data-testid="current-user">{me.data.user.displayName}</span>
              <Button
                type="text"
                icon={<LogoutOutlined />}
                onClick={async () => {
                  await logout();
                  client.clear();
                }}
              >
                退出
              </Button>
            </Space>
          </Layout.Header>
          <Layout>
            <Layout.Sider width={200} theme="light" breakpoint="lg" collapsedWidth={0}>
              <nav aria-label="主菜单">
                <Menu
                  mode="inline"
                  selectedKeys={[location.pathname]}
                  items={menu.map((m) => ({ key: m.path, label: <Link to={m.path}>{m.name}</Link> }))}
                  style={{ borderInlineEnd: 0 }}
                />
              </nav>
            </Layout.Sider>
            <Layout.Content style={{ padding: 24 }}>
              <Outlet />
            </Layout.Content>
          </Layout>
        </Layout>
      </AbilityProvider>
    </MeContext.Provider>
  );
}
