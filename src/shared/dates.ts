const STOCKHOLM_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

let memo = { minute: -1, day: '' };

/** Today's date in Stockholm as YYYY-MM-DD: the city's day, whatever the server's time zone. */
export function todayInStockholm(now = new Date()): string {
  // Formatting with a time zone is slow and this runs for every presented organisation; the day
  // cannot change within a minute (Stockholm's offsets are whole hours).
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== memo.minute) memo = { minute, day: STOCKHOLM_DAY.format(now) };
  return memo.day;
}

export const SWEDISH_MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/**
 * "2 december 2020": the date form of letters and documents. A YYYY-MM-DD day is a calendar date
 * and printed as is; an instant (Date) is first placed on Stockholm's calendar.
 */
export function formatSwedishDate(value: string | Date): string {
  const [year, month, day] = dayParts(typeof value === 'string' ? value : STOCKHOLM_DAY.format(value));
  return `${Number(day)} ${SWEDISH_MONTHS[Number(month) - 1]} ${year}`;
}

/** "2020-10-22": the date form of a document's header, as the seeds print it. */
export function formatIsoDay(day: string): string {
  dayParts(day);
  return day;
}

function dayParts(day: string): [string, string, string] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) throw new RangeError(`Not a YYYY-MM-DD date: ${day}`);
  return [match[1], match[2], match[3]];
}
