import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const TIMELINE_TYPES = ['visit', 'session', 'feedback', 'note', 'stage-change', 'task'] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];

/**
 * One kind of event on an organization's timeline: a SELECT giving `at` (timestamptz),
 * `summary` (text) and `ref_id` (uuid) for the organization bound to `$1`. Adding a kind of
 * event is registering one of these from the module that owns the data.
 */
export interface TimelineSource {
  type: TimelineType;
  sql: string;
}

export interface TimelineEntry {
  type: TimelineType;
  at: string;
  summary: string;
  refId: string;
}

@Injectable()
export class TimelineService {
  private readonly sources = new Map<TimelineType, TimelineSource>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  register(source: TimelineSource): void {
    this.sources.set(source.type, source);
  }

  registeredTypes(): TimelineType[] {
    return [...this.sources.keys()];
  }

  /** Newest first, every registered kind merged in one statement. */
  async forOrganization(
    organizationId: string,
    limit: number,
    offset: number,
  ): Promise<{ data: TimelineEntry[]; total: number }> {
    if (this.sources.size === 0) return { data: [], total: 0 };
    const union = [...this.sources.values()]
      .map(
        (source) =>
          `SELECT '${source.type}'::text AS type, at, summary, ref_id FROM (${source.sql}) AS ${source.type.replace('-', '_')}`,
      )
      .join('\nUNION ALL\n');
    const rows: { type: TimelineType; at: Date; summary: string; ref_id: string; total: string }[] =
      await this.dataSource.query(
        `SELECT type, at, summary, ref_id, count(*) OVER () AS total FROM (${union}) AS events
       ORDER BY at DESC, ref_id DESC LIMIT $2 OFFSET $3`,
        [organizationId, limit, offset],
      );
    return {
      data: rows.map((row) => ({
        type: row.type,
        at: new Date(row.at).toISOString(),
        summary: row.summary,
        refId: row.ref_id,
      })),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
    };
  }
}
