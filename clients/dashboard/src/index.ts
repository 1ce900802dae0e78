export { DASHBOARD_ASSET_PREFIX, dashboardPage } from './page.ts';
