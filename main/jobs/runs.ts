import type { EntityManager } from 'typeorm';
import type { Page } from '../../shared/api/define';
import type { JobRunDto } from '../../shared/api/jobs';
import { notFound } from '../../shared/errors';
import { jobDefinition } from './registry';

interface RunRow {
  id: number;
  name: string;
  trigger: JobRunDto['trigger'];
  state: JobRunDto['state'];
  started_at: string;
  finished_at: string | null;
  started_by: string;
  phase: string | null;
  current: number;
  total: number;
  counts_json: string;
  errors_json: string;
  message: string | null;
}

function toDto(r: RunRow): JobRunDto {
  return {
    id: r.id,
    name: r.name,
    label: jobDefinition(r.name)?.label ?? r.name,
    trigger: r.trigger,
    state: r.state,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    startedBy: r.started_by,
    phase: r.phase,
    current: r.current,
    total: r.total,
    counts: JSON.parse(r.counts_json) as Record<string, number>,
    errors: JSON.parse(r.errors_json) as string[],
    message: r.message,
  };
}

export async function readRun(m: EntityManager, id: number): Promise<JobRunDto> {
  const rows = (await m.query(`SELECT * FROM job_run WHERE id = ?`, [id])) as RunRow[];
  if (!rows[0]) throw notFound(`Auftragslauf ${id}`);
  return toDto(rows[0]);
}

export async function latestRuns(m: EntityManager): Promise<{ running: Map<string, JobRunDto>; last: Map<string, JobRunDto> }> {
  const running = (await m.query(`SELECT * FROM job_run WHERE state = 'RUNNING' ORDER BY id`)) as RunRow[];
  const last = (await m.query(
    `SELECT r.* FROM job_run r JOIN (SELECT name, max(id) AS id FROM job_run WHERE state <> 'RUNNING' GROUP BY name) x ON x.id = r.id`,
  )) as RunRow[];
  return { running: new Map(running.map((r) => [r.name, toDto(r)])), last: new Map(last.map((r) => [r.name, toDto(r)])) };
}

export async function runHistory(m: EntityManager, q: { name?: string | undefined; offset: number; limit: number }): Promise<Page<JobRunDto>> {
  const where = q.name ? 'WHERE name = ?' : '';
  const params = q.name ? [q.name] : [];
  const [{ total }] = (await m.query(`SELECT count(*) AS total FROM job_run ${where}`, params)) as [{ total: number }];
  const rows = (await m.query(`SELECT * FROM job_run ${where} ORDER BY id DESC LIMIT ? OFFSET ?`, [...params, q.limit, q.offset])) as RunRow[];
  return { rows: rows.map(toDto), total, offset: q.offset, limit: q.limit };
}
