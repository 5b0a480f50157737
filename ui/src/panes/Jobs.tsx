import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, type Job } from '../api';
import { Card, ErrorMessage, ProgressBar, TierBadge } from '../components/ui';
import { bytes } from '../format';
import { eta, TERMINAL, type LiveJob } from '../jobs';
import { useLive } from '../live';

export function Jobs() {
  const { jobs, refreshJobs } = useLive();
  const selected = useParams().id ? Number(useParams().id) : null;
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [filter, setFilter] = useState<'all' | 'active' | 'failed'>('all');
  useEffect(() => { refreshJobs().catch(setError); }, [refreshJobs]);

  const act = async (what: () => Promise<unknown>) => {
    setError(null);
    try {
      await what();
      await refreshJobs();
    } catch (err) {
      setError(err);
    }
  };
  const list = [...jobs.values()].sort((a, b) => b.id - a.id).filter((j) =>
    filter === 'all' || (filter === 'failed' ? j.state === 'failed' : !TERMINAL.has(j.state)));

  return (
    <div className="pane">
      <h1>Jobs</h1>
      <div className="row">
        {(['all', 'active', 'failed'] as const).map((f) => (
          <button key={f} className={filter === f ? '' : 'secondary'} onClick={() => setFilter(f)}>{f}</button>))}
      </div>
      <ErrorMessage error={error} />
      <div className="jobs-layout">
        <div className="job-list">
          {list.map((j) => (
            <JobRow key={j.id} job={j} selected={j.id === selected}
              onOpen={() => navigate(`/ui/jobs/${j.id}`)}
              onRetry={() => act(() => api.retry(j.id))}
              onInject={() => act(() => api.injectFailure(j.id))} />
          ))}
          {list.length === 0 && <p className="empty">No jobs{filter === 'all' ? ' yet: plan a migration from a dataset' : ''}.</p>}
        </div>
        {selected && <Timeline jobId={selected} live={jobs.get(selected)} />}
      </div>
    </div>
  );
}

function JobRow({ job, selected, onOpen, onRetry, onInject }: {
  job: LiveJob; selected: boolean; onOpen: () => void; onRetry: () => void; onInject: () => void;
}) {
  const left = eta(job);
  return (
    <article className={`job ${selected ? 'selected' : ''}`} data-testid={`job-${job.id}`} data-state={job.state}>
      <header>
        <button className="link" onClick={onOpen}>Job {job.id}</button>
        <span>dataset <Link to={`/ui/datasets/${job.dataset_id}`}>#{job.dataset_id}</Link> → <TierBadge tier={job.storage_class} /></span>
        {job.kind === 'replicate' && <span className="state" data-testid="job-kind" title="a secondary copy; the source stays">replica</span>}
        <span className={`state state-${job.state}`} data-testid="job-state">{job.state}</span>
        <span className="small">attempt {job.attempt}</span>
      </header>
      <ProgressBar done={job.bytes_done} total={job.bytes_total} state={job.state} />
      <div className="small job-facts">
        <span className="mono">{job.target_uri}</span>
        {!!job.objects_total && <span data-testid="job-objects">{job.objects_done ?? 0} of {job.objects_total} objects</span>}
        {job.throughput !== null && !TERMINAL.has(job.state) && <span>{bytes(job.throughput)}/s</span>}
        {left !== null && <span>ETA {Math.ceil(left)} s</span>}
      </div>
      {job.error && <ErrorMessage error={job.error} />}
      <div className="row">
        {job.state === 'failed' && <button onClick={onRetry}>Retry</button>}
        {!TERMINAL.has(job.state) && !job.failure_injected && <button className="danger" onClick={onInject}>Inject failure</button>}
      </div>
    </article>
  );
}

/** The job's transitions as the service recorded them, read again whenever the stream reports a change. */
function Timeline({ jobId, live }: { jobId: number; live?: LiveJob }) {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const version = live ? `${live.state}:${live.attempt}` : '';
  useEffect(() => { api.job(jobId).then(setJob, setError); }, [jobId, version]);
  return (
    <Card title={`Timeline of job ${jobId}`} className="timeline">
      <ErrorMessage error={error} />
      {job && (
        <>
          <p className="mono small">{job.source_uri} → {job.target_uri}</p>
          <ol>
            {(job.events ?? []).map((e, i) => (
              <li key={i} className={`state-${e.state}`}>
                <strong>{e.state}</strong> <span className="small">{new Date(e.ts).toLocaleTimeString()}</span>
                {' '}{bytes(e.bytes_done)} / {bytes(e.bytes_total)}{e.message && <div className="error-text">{e.message}</div>}
              </li>
            ))}
          </ol>
          {job.checksum_sha256 && <p className="small">SHA-256 <span className="mono">{job.checksum_sha256}</span></p>}
        </>
      )}
    </Card>
  );
}
