// The public calculator: facts in, the engine's explanations out (nothing stored).
import { useMutation } from '@tanstack/react-query';
import { post } from '../../../api/client.ts';
import type { CalculatorResult } from '../types.ts';

export function useCalculator() {
  return useMutation({
    mutationFn: (body: { facts: Record<string, unknown>; asOf?: string }) =>
      post<CalculatorResult>('/api/public/policy/calculator', body),
  });
}
