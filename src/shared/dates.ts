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
