import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiError, type Tier } from '../api';
import { bytes } from '../format';
import { percent as pct } from '../jobs';

export function TierBadge({ tier }: { tier: Tier | string }) {
  return <span className={`badge tier-${tier}`}>{tier}</span>;
}

export function ProgressBar({ done, total, state }: { done: number; total: number; state: string }) {
  const p = pct(done, total);
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={p}
      aria-label={`${state} ${p}%`} data-state={state}>
      <div className={`progress-fill state-${state}`} style={{ width: `${p}%` }} />
      <span className="progress-text">{p}% · {bytes(done)} of {bytes(total)}</span>
    </div>
  );
}

/** An API failure as a sentence, or nothing. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const text = error instanceof ApiError
    ? `${error.message}${error.status ? ` (HTTP ${error.status})` : ''}`
    : error instanceof Error ? error.message : String(error);
  return <div className="error" role="alert">{text}</div>;
}

/** A form field whose API error, when the API names this field, is shown right under it. */
export function Field({ label, name, error, children, hint }: {
  label: string; name: string; error: unknown; children: ReactNode; hint?: string;
}) {
  const mine = error instanceof ApiError && error.field === name ? error.message : null;
  return (
    <label className={`field${mine ? ' invalid' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {hint && !mine && <span className="hint">{hint}</span>}
      {mine && <span className="field-error" role="alert" data-field={name}>{mine}</span>}
    </label>
  );
}

/** The error for the form as a whole: one the API did not pin on a field the form shows. */
export function FormError({ error, fields }: { error: unknown; fields: string[] }) {
  if (error instanceof ApiError && error.field && fields.includes(error.field)) return null;
  return <ErrorMessage error={error} />;
}

/** Loads something on mount (and when asked again), with its error kept for the pane to show. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const reload = useCallback(() => {
    setLoading(true);
    return load().then((d) => { setData(d); setError(null); }, setError).finally(() => setLoading(false));
  }, deps);
  useEffect(() => { reload(); }, [reload]);
  return { data, error, loading, reload, setData };
}

export function Card({ title, children, className }: { title?: string; children: ReactNode; className?: string }) {
  return (
    <section className={`card ${className ?? ''}`}>
      {title && <h2>{title}</h2>}
      {children}
    </section>
  );
}
