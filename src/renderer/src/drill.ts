import { useEffect } from 'react';
import type { DataFocus } from './navigation';

/**
 * A drill-through as an address, `#rows?kpi=nps&period=2026-Q2&segment=SMB&label=…`: any link in
 * the page (or a test) can open the rows behind a number without a handle on the shell's state.
 * Keys other than kpi, period and label are filters.
 */
export function focusFromAddress(hash: string): DataFocus | null {
  if (!hash.startsWith('#rows?')) return null;
  const params = new URLSearchParams(hash.slice('#rows?'.length));
  const kpi = params.get('kpi');
  if (!kpi) return null;
  const period = params.get('period');
  const filters: Record<string, string> = {};
  for (const [key, value] of params) if (!['kpi', 'period', 'label'].includes(key)) filters[key] = value;
  const described = [kpi.toUpperCase(), period, ...Object.entries(filters).map(([k, v]) => `${k} = ${v}`)];
  return {
    kpi,
    ...(period ? { period } : {}),
    ...(Object.keys(filters).length ? { filters } : {}),
    label: params.get('label') ?? described.filter(Boolean).join(', '),
  };
}

/** Follows `#rows?…` addresses: each one opens the Data screen on those rows, then is cleared. */
export function useFocusFromAddress(showRows: (focus: DataFocus) => void): void {
  useEffect(() => {
    const follow = () => {
      const focus = focusFromAddress(window.location.hash);
      if (!focus) return;
      showRows(focus);
      history.replaceState(null, '', window.location.pathname + window.location.search);
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [showRows]);
}
