import '@ant-design/v5-patch-for-react-19';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiError } from './api';
import { router } from './routes';
import './styles.css';

dayjs.locale('zh-cn');

/**
 * Colours that meet WCAG AA contrast (4.5:1) on white and on their tag backgrounds — antd's
 * defaults (secondary text at 45 % black, #ff4d4f errors, #52c41a success) do not; axe-core
 * checks the pages in the browser tests.
 */
const THEME = {
  token: {
    colorPrimary: '#1a5fb4',
    // antd lightens on hover (#3a7cc2: 4.3:1 under white text); darken instead.
    colorPrimaryHover: '#174f96',
    colorPrimaryActive: '#123f78',
    colorLink: '#1a5fb4',
    colorInfo: '#1a5fb4',
    // Dark seeds give muddy derived backgrounds (#adb8a5): name the light ones.
    colorSuccess: '#237804',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarning: '#ad4e00',
    colorWarningBg: '#fff7e6',
    colorWarningBorder: '#ffd591',
    colorError: '#cf1322',
    colorErrorBg: '#fff1f0',
    colorErrorBorder: '#ffa39e',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.6)',
  },
};

const queryClient = new QueryClient({
  defaultOptions: {
    // 4xx answers are final (refused, invalid, not found): retry only what might pass next time.
    queries: { retry: (n, e) => n < 2 && !(e instanceof ApiError && e.problem.status < 500), refetchOnWindowFocus: false },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={THEME}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
