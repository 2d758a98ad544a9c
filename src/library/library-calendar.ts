import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { LibrarySettingsService } from './library-settings.service';

/** The calendar date ("2026-12-07") `instant` falls on in `zone`. */
export function isoDateIn(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

/** The first instant of the day `isoDate` in `zone`: its midnight, or the first moment after a skipped one. */
export function startOfDayIn(isoDate: string, zone: string): Date {
  return DateTime.fromISO(isoDate, { zone }).startOf('day').toJSDate();
}

/**
 * The end of the calendar day `isoDate` in `zone`, as the first instant of the next day: what a
 * date-only due date means ("due by the end of 7 December"), so a task due then becomes overdue
 * exactly at the library's midnight.
 */
export function endOfDayIn(isoDate: string, zone: string): Date {
  return DateTime.fromISO(isoDate, { zone }).plus({ days: 1 }).startOf('day').toJSDate();
}

/**
 * The calendar date in `zone` a due time is due by: the day of its last moment before it, so a
 * date-only due date (the next day's midnight) reads back as the date given, and 17:00 as its own day.
 */
export function dueDateIn(dueAt: Date, zone: string): string {
  return isoDateIn(new Date(dueAt.getTime() - 1), zone);
}

/** The end (as above) of the day `days` calendar days after the day `now` falls on in `zone`. */
export function endOfDayAfter(now: Date, days: number, zone: string): Date {
  const date = DateTime.fromJSDate(now, { zone }).plus({ days }).toISODate()!;
  return endOfDayIn(date, zone);
}

/**
 * The library's calendar: "today", due dates and day boundaries in the library's time zone (the
 * library settings), with now from the Clock. The zone is read from the settings on every call —
 * an admin may change it from the API while the worker runs — so callers take it once per
 * request or job (`zone()`) and use the pure helpers above for the rest.
 */
@Injectable()
export class LibraryCalendar {
  constructor(
    private readonly settings: LibrarySettingsService,
    private readonly clock: Clock,
  ) {}

  /** The library's IANA time zone. */
  async zone(manager?: EntityManager): Promise<string> {
    return (await this.settings.current(manager)).settings.timezone;
  }

  /** Today's date in the library, "2026-12-07". */
  async today(manager?: EntityManager): Promise<string> {
    return isoDateIn(this.clock.now(), await this.zone(manager));
  }

  /** The first instant of `isoDate` in the library. */
  async startOfDay(isoDate: string, manager?: EntityManager): Promise<Date> {
    return startOfDayIn(isoDate, await this.zone(manager));
  }

  /** The end of `isoDate` in the library: the first instant of the next library day. */
  async endOfDay(isoDate: string, manager?: EntityManager): Promise<Date> {
    return endOfDayIn(isoDate, await this.zone(manager));
  }

  /** The end of the library day `days` days after `now`'s ("due in 7 days"). */
  async endOfDayAfter(now: Date, days: number, manager?: EntityManager): Promise<Date> {
    return endOfDayAfter(now, days, await this.zone(manager));
  }
}
