const STOCKHOLM_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Stockholm as YYYY-MM-DD: the city's day, whatever the server's time zone. */
export function todayInStockholm(now = new Date()): string {
  return STOCKHOLM_DAY.format(now);
}
