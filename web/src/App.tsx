// The routes: public pages first (small bundles), staff pages behind a session; every page is loaded on demand.
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AppProviders } from './components/AppProviders.tsx';
import { PageLoading } from './components/PageLoading.tsx';

const IntakePage = lazy(() => import('./pages/IntakePage.tsx'));
const TrackPage = lazy(() => import('./pages/TrackPage.tsx'));
const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const StaffLayout = lazy(() => import('./components/StaffLayout.tsx').then((m) => ({ default: m.StaffLayout })));
const WorkbenchPage = lazy(() => import('./pages/WorkbenchPage.tsx'));
const LedgerPage = lazy(() => import('./pages/LedgerPage.tsx'));
const ItemPage = lazy(() => import('./pages/ItemPage.tsx'));
const RegisterPage = lazy(() => import('./pages/RegisterPage.tsx'));
const DashboardPage = lazy(() => import('./pages/DashboardPage.tsx'));
const AdminPage = lazy(() => import('./pages/AdminPage.tsx'));
const DisciplinePage = lazy(() => import('./pages/DisciplinePage.tsx'));
const ProjectsPage = lazy(() => import('./pages/ProjectsPage.tsx'));
const ProjectPage = lazy(() => import('./pages/ProjectPage.tsx'));
const PolicyCalculatorPage = lazy(() => import('./pages/policy/PolicyCalculatorPage.tsx'));
const PolicyCandidatesPage = lazy(() => import('./pages/policy/PolicyCandidatesPage.tsx'));
const PolicyLibraryPage = lazy(() => import('./pages/policy/PolicyLibraryPage.tsx'));
const PolicyItemPage = lazy(() => import('./pages/policy/PolicyItemPage.tsx'));
const PolicyRunsPage = lazy(() => import('./pages/policy/PolicyRunsPage.tsx'));
const PolicyFiguresPage = lazy(() => import('./pages/policy/PolicyFiguresPage.tsx'));
const PolicyConsentPage = lazy(() => import('./pages/policy/PolicyConsentPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));

export function App() {
  return (
    <AppProviders>
      <BrowserRouter>
        <Suspense fallback={<PageLoading />}>
          <Routes>
            <Route path="/report" element={<IntakePage />} />
            <Route path="/track" element={<TrackPage />} />
            <Route path="/policy/calculator" element={<PolicyCalculatorPage />} />
            <Route path="/policy/consent" element={<PolicyConsentPage />} />
            <Route path="/login" element={<LoginPage />} />
            <Route element={<StaffLayout />}>
              <Route index element={<WorkbenchPage />} />
              <Route path="items" element={<LedgerPage />} />
              <Route path="items/:id" element={<ItemPage />} />
              <Route path="register" element={<RegisterPage />} />
              <Route path="dashboard" element={<DashboardPage />} />
              <Route path="admin/*" element={<AdminPage />} />
              <Route path="discipline" element={<DisciplinePage />} />
              <Route path="projects" element={<ProjectsPage />} />
              <Route path="projects/:id" element={<ProjectPage />} />
              <Route path="policy/candidates" element={<PolicyCandidatesPage />} />
              <Route path="policy" element={<PolicyLibraryPage />} />
              <Route path="policy/items/:id" element={<PolicyItemPage />} />
              <Route path="policy/runs" element={<PolicyRunsPage />} />
              <Route path="policy/figures" element={<PolicyFiguresPage />} />
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </AppProviders>
  );
}
