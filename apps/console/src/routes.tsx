import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { Spin } from 'antd';
import { Guard } from './Guard';
import { PageError } from './PageError';

/** Each page is its own chunk: the first page loads only what it shows (docs/decisions/0015-console.md). */
const Shell = lazy(() => import('./Shell'));
const Login = lazy(() => import('./pages/Login'));
const Catalog = lazy(() => import('./pages/Catalog'));
const Policies = lazy(() => import('./pages/Policies'));
const Subsidies = lazy(() => import('./pages/Subsidies'));
const Dashboard = lazy(() => import('./pages/Dashboard'));
const Demands = lazy(() => import('./pages/Demands'));
const Forbidden = lazy(() => import('./pages/Forbidden'));
const PluginCatalog = lazy(() => import('./pages/PluginCatalog'));
const SubMarkets = lazy(() => import('./pages/SubMarkets'));
const Registrations = lazy(() => import('./pages/Registrations'));
const Mine = lazy(() => import('./pages/Mine'));
const AgriRouting = lazy(() => import('./pages/AgriRouting'));
const LocalOrgs = lazy(() => import('./pages/LocalOrgs'));
const Imports = lazy(() => import('./pages/Imports'));
const Campaigns = lazy(() => import('./pages/Campaigns'));

const page = (el: ReactNode) => <Suspense fallback={<Spin style={{ display: 'block', margin: 64 }} />}>{el}</Suspense>;

/**
 * The console's paths. The API serves index.html for exactly these (CONSOLE_ROUTES in
 * apps/api/src/console.ts); none is an API route.
 */
export const router = createBrowserRouter([
  { path: '/login', element: page(<Login />) },
  {
    element: page(<Shell />),
    errorElement: <PageError />,
    children: [
      { path: '/', element: <Navigate to="/catalog" replace /> },
      { path: '/catalog', element: page(<Catalog />) },
      {
        path: '/policies',
        element: page(
          <Guard action="update" subject="PluginInstallation">
            <Policies />
          </Guard>,
        ),
      },
      {
        path: '/subsidies',
        element: page(
          <Guard action="read" subject="SubsidyApplication">
            <Subsidies />
          </Guard>,
        ),
      },
      {
        path: '/dashboard',
        element: page(
          <Guard action="read" subject="RollupStatistic">
            <Dashboard />
          </Guard>,
        ),
      },
      {
        path: '/demand-desk',
        element: page(
          <Guard action="create" subject="Demand">
            <Demands />
          </Guard>,
        ),
      },
      { path: '/403', element: page(<Forbidden />) },
      {
        path: '/plugin-catalog',
        element: page(
          <Guard action="create" subject="PluginInstallation">
            <PluginCatalog />
          </Guard>,
        ),
      },
      {
        path: '/sub-markets',
        element: page(
          <Guard action="update" subject="Tenant">
            <SubMarkets />
          </Guard>,
        ),
      },
      {
        path: '/registration-desk',
        element: page(
          <Guard action="review" subject="TechContract">
            <Registrations />
          </Guard>,
        ),
      },
      {
        path: '/mine',
        element: page(
          <Guard action="submit" subject="Achievement">
            <Mine />
          </Guard>,
        ),
      },
      {
        path: '/agri-routing',
        element: page(
          <Guard action="create" subject="PluginInstallation">
            <AgriRouting />
          </Guard>,
        ),
      },
      {
        path: '/local-orgs',
        element: page(
          <Guard action="create" subject="Organization">
            <LocalOrgs />
          </Guard>,
        ),
      },
      {
        path: '/bulk-import',
        element: page(
          <Guard action="create" subject="CatalogImport">
            <Imports />
          </Guard>,
        ),
      },
      {
        path: '/campaign-desk',
        element: page(
          <Guard action="create" subject="Campaign">
            <Campaigns />
          </Guard>,
        ),
      },
      { path: '*', element: <Navigate to="/catalog" replace /> },
    ],
  },
]);
