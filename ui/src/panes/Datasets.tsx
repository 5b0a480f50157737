import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type Dataset, type Recommendation } from '../api';
import { ErrorMessage, TierBadge, useLoad } from '../components/ui';
import { ago, bytes, storeFor, storeOf } from '../format';

type Column = 'name' | 'path_uri' | 'store' | 'current_tier' | 'size_bytes' | 'last_access_ts' | 'recommendation';

export interface Row extends Dataset { store: string; recommendation: Recommendation | null }

const COLUMNS: [Column, string][] = [
  ['name', 'Name'], ['path_uri', 'Location'], ['store', 'Store'], ['current_tier', 'Tier'],
  ['size_bytes', 'Size'], ['last_access_ts', 'Last access'], ['recommendation', 'Recommendation'],
];

/** Rows whose name, location or tier contain the filter, sorted by a column. */
export function sortAndFilter(rows: Row[], filter: string, sort: Column, asc: boolean): Row[] {
  const f = filter.trim().toLowerCase();
  const kept = f ? rows.filter((r) => [r.name, r.path_uri, r.current_tier, r.store, r.recommendation?.tier ?? '']
    .some((v) => v.toLowerCase().includes(f))) : rows;
  const key = (r: Row): string | number => {
    if (sort === 'recommendation') return r.recommendation?.tier ?? '';
    if (sort === 'last_access_ts') return r.last_access_ts ? Date.parse(r.last_access_ts) : 0;
    return r[sort] as string | number;
  };
  return [...kept].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return asc ? c : -c;
  });
}

export function Datasets() {
  const { data, error, reload } = useLoad(async () => {
    const [page, recs, health, stores] = await Promise.all([api.datasets(), api.recommendations(), api.health(), api.stores()]);
    const byDataset = new Map(recs.map((r) => [r.dataset_id, r]));
    const roots = health.storage?.roots ?? [];
    return page.items.map((d) => ({
      ...d, store: storeFor(d.path_uri, stores)?.name ?? storeOf(d.path_uri, roots), recommendation: byDataset.get(d.id) ?? null,
    }));
  });
  return (
    <div className="pane">
      <h1>Datasets <button className="secondary" onClick={() => reload()}>Refresh</button> <Link className="button" to="/ui/datasets/new">New dataset</Link></h1>
      <ErrorMessage error={error} />
      {data && <DatasetTable rows={data} />}
    </div>
  );
}

export function DatasetTable({ rows }: { rows: Row[] }) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<Column>('name');
  const [asc, setAsc] = useState(true);
  const shown = useMemo(() => sortAndFilter(rows, filter, sort, asc), [rows, filter, sort, asc]);
  const sortBy = (c: Column) => {
    if (c === sort) setAsc(!asc);
    else { setSort(c); setAsc(true); }
  };
  return (
    <>
      <input className="filter" placeholder="Filter by name, location, tier…" aria-label="Filter datasets"
        value={filter} onChange={(e) => setFilter(e.target.value)} />
      <table className="table" aria-label="Datasets">
        <thead>
          <tr>
            {COLUMNS.map(([c, label]) => (
              <th key={c} aria-sort={sort === c ? (asc ? 'ascending' : 'descending') : 'none'}>
                <button className="th" onClick={() => sortBy(c)}>{label}{sort === c ? (asc ? ' ▲' : ' ▼') : ''}</button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((d) => (
            <tr key={d.id}>
              <td><Link to={`/ui/datasets/${d.id}`}>{d.name}</Link></td>
              <td className="mono" title={d.path_uri}>{d.path_uri}</td>
              <td>{d.store}</td>
              <td><TierBadge tier={d.current_tier} /></td>
              <td className="num">{bytes(d.size_bytes)}</td>
              <td>{ago(d.last_access_ts)}</td>
              <td>{d.recommendation ? <><TierBadge tier={d.recommendation.tier} /> {Math.round(d.recommendation.confidence * 100)}%</> : '–'}</td>
            </tr>
          ))}
          {shown.length === 0 && <tr><td colSpan={COLUMNS.length} className="empty">{rows.length ? 'No dataset matches the filter.' : 'No datasets yet.'}</td></tr>}
        </tbody>
      </table>
    </>
  );
}
