import Holidays from 'date-holidays';

const swedishHolidays = new Holidays('SE');
const nonWorkingByYear = new Map<number, Map<string, string>>();

/**
 * Days that are not working days under lagen (1930:173) om beräkning av lagstadgad tid: Sundays and
 * other public holidays (date-holidays type "public"), midsommarafton, julafton and nyårsafton
 * (type "bank" in date-holidays' Swedish data), plus every Saturday.
 */
function holidaysOf(year: number): Map<string, string> {
  let days = nonWorkingByYear.get(year);
  if (!days) {
    days = new Map(
      swedishHolidays
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public' || holiday.type === 'bank')
        .map((holiday) => [holiday.date.slice(0, 10), holiday.name]),
    );
    nonWorkingByYear.set(year, days);
  }
  return days;
}

const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  const date = toDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return toDay(date);
}

export function addMonths(day: string, months: number): string {
  const date = toDate(day);
  const dayOfMonth = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastOfMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(dayOfMonth, lastOfMonth));
  return toDay(date);
}

/** Why a day is not a working day ("lördag", "julafton" …), or null for a working day. */
export function nonWorkingReason(day: string): string | null {
  const weekday = toDate(day).getUTCDay();
  const holiday = holidaysOf(Number(day.slice(0, 4))).get(day);
  if (holiday) return holiday;
  if (weekday === 6) return 'lördag';
  if (weekday === 0) return 'söndag';
  return null;
}

export const isWorkingDay = (day: string) => nonWorkingReason(day) === null;

/** The day itself when it is a working day, else the next one (the rule of lagen 1930:173). */
export function nextWorkingDayOnOrAfter(day: string): string {
  let current = day;
  while (!isWorkingDay(current)) current = addDays(current, 1);
  return current;
}

/**
 * Per year, the working days from 1 January up to and including each day of it: counting working
 * days is then two lookups, not a walk over the days. The deadlines view and the remiss list count
 * them for every row they show (bench:consultations), many months ahead.
 */
const workingThroughByYear = new Map<number, Uint16Array>();
const DAY_MS = 86_400_000;
const dayIndex = (year: number, day: string) => (Date.UTC(year, Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) - Date.UTC(year, 0, 1)) / DAY_MS;

function workingThrough(year: number): Uint16Array {
  let counts = workingThroughByYear.get(year);
  if (!counts) {
    const length = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS;
    counts = new Uint16Array(length);
    for (let index = 0, count = 0; index < length; index++) {
      if (isWorkingDay(toDay(new Date(Date.UTC(year, 0, 1 + index))))) count++;
      counts[index] = count;
    }
    workingThroughByYear.set(year, counts);
  }
  return counts;
}

/** Working days after `from` up to and including `to` (0 when `to` is not later). */
export function workingDaysBetween(from: string, to: string): number {
  if (to <= from) return 0;
  const fromYear = Number(from.slice(0, 4));
  const toYear = Number(to.slice(0, 4));
  const fromCounts = workingThrough(fromYear);
  let count = workingThrough(toYear)[dayIndex(toYear, to)] - fromCounts[dayIndex(fromYear, from)];
  for (let year = fromYear; year < toYear; year++) count += workingThrough(year)[workingThrough(year).length - 1];
  return count;
}

/** The working day `count` working days before `day` (day itself need not be a working day). */
export function subtractWorkingDays(day: string, count: number): string {
  let current = day;
  for (let left = count; left > 0; ) {
    current = addDays(current, -1);
    if (isWorkingDay(current)) left--;
  }
  return current;
}
