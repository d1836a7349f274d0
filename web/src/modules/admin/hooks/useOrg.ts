// Admin API of the organisation: districts, departments, service centres and their windows, the category tree and key
// projects. Every write invalidates its list and the look-ups the forms and pickers read.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CategoryNode,
  centreView,
  departmentView,
  districtView,
  projectView,
  windowView,
} from '@tingquan/common/schemas/org';
import { api, get, post } from '../../../api/client.ts';

export type DistrictView = z.infer<typeof districtView>;
export type DepartmentView = z.infer<typeof departmentView>;
export type CentreView = z.infer<typeof centreView>;
export type WindowView = z.infer<typeof windowView>;
export type ProjectView = z.infer<typeof projectView>;

export const orgKeys = {
  all: ['admin', 'org'] as const,
  districts: ['admin', 'org', 'districts'] as const,
  departments: ['admin', 'org', 'departments'] as const,
  centres: ['admin', 'org', 'centres'] as const,
  windows: (centreId: string) => ['admin', 'org', 'centres', centreId, 'windows'] as const,
  categories: ['admin', 'org', 'categories'] as const,
  projects: ['projects'] as const,
};

export const useDistricts = () =>
  useQuery({ queryKey: orgKeys.districts, queryFn: () => get<DistrictView[]>('/api/admin/districts') });
export const useDepartments = () =>
  useQuery({ queryKey: orgKeys.departments, queryFn: () => get<DepartmentView[]>('/api/admin/departments') });
export const useCentres = () =>
  useQuery({ queryKey: orgKeys.centres, queryFn: () => get<CentreView[]>('/api/admin/centres') });
export const useWindows = (centreId: string | null) =>
  useQuery({
    queryKey: orgKeys.windows(centreId ?? ''),
    enabled: !!centreId,
    queryFn: () => get<WindowView[]>(`/api/admin/centres/${encodeURIComponent(centreId!)}/windows`),
  });
export const useAdminCategories = () =>
  useQuery({ queryKey: orgKeys.categories, queryFn: () => get<CategoryNode[]>('/api/admin/categories') });
export const useProjectList = () =>
  useQuery({ queryKey: orgKeys.projects, queryFn: () => get<ProjectView[]>('/api/projects') });

export type OrgWrite = { method: 'POST' | 'PATCH' | 'DELETE'; path: string; body?: unknown };

/** One mutation for every organisation write: the admin lists, the projects and the look-ups are refetched after it. */
export function useOrgWrite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ method, path, body }: OrgWrite) =>
      method === 'POST' ? post<unknown>(path, body) : api<unknown>(method, path, body),
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: orgKeys.all }),
        qc.invalidateQueries({ queryKey: orgKeys.projects }),
        qc.invalidateQueries({ queryKey: ['lookups'] }),
      ]);
    },
  });
}
