/** A body's time in office: both ends inclusive ISO dates, an open end meaning "since always" / "still". */
export interface ActivePeriod {
  activeFrom?: string | null;
  activeTo?: string | null;
}

/** Whether the body existed on `day` (ISO date). */
export function isActiveOn(period: ActivePeriod, day: string): boolean {
  return (!period.activeFrom || period.activeFrom <= day) && (!period.activeTo || period.activeTo >= day);
}

/** The SQL form of isActiveOn for organisations aliased `alias`, with the day bound as `:param`. */
export function activeOnSql(alias: string, param: string): string {
  return `((${alias}.active_from IS NULL OR ${alias}.active_from <= :${param}) AND (${alias}.active_to IS NULL OR ${alias}.active_to >= :${param}))`;
}
