import fc from 'fast-check';
import { deadlineInfo } from '../src/consultations/deadline-warnings';
import { addDays, addMonths, nextWorkingDayOnOrAfter, nonWorkingReason, subtractWorkingDays, workingDaysBetween } from '../src/shared/working-days';

describe('Swedish working days (lagen 1930:173)', () => {
  it('knows weekends, public holidays and the three aftnar', () => {
    expect(nonWorkingReason('2020-12-02')).toBeNull(); // onsdag
    expect(nonWorkingReason('2020-11-28')).toBe('lördag');
    expect(nonWorkingReason('2020-11-29')).toBe('söndag');
    expect(nonWorkingReason('2020-12-24')).toBe('julafton');
    expect(nonWorkingReason('2020-12-31')).toBe('nyårsafton');
    expect(nonWorkingReason('2021-06-25')).toBe('midsommarafton');
    expect(nonWorkingReason('2021-05-13')).toBe('Kristi himmelsfärdsdag');
    expect(nonWorkingReason('2020-04-30')).toBeNull(); // valborgsmässoafton is a working day
  });

  it('moves a deadline on a non-working day to the next working day', () => {
    expect(nextWorkingDayOnOrAfter('2020-11-27')).toBe('2020-11-27');
    expect(nextWorkingDayOnOrAfter('2020-12-24')).toBe('2020-12-28'); // julafton, juldagen, annandag, söndag
    expect(nextWorkingDayOnOrAfter('2021-01-01')).toBe('2021-01-04');
  });

  it('counts and subtracts working days', () => {
    expect(workingDaysBetween('2020-11-23', '2020-11-27')).toBe(4);
    expect(workingDaysBetween('2020-11-27', '2020-11-23')).toBe(0);
    expect(subtractWorkingDays('2020-12-02', 5)).toBe('2020-11-25');
    expect(subtractWorkingDays('2021-01-07', 5)).toBe('2020-12-28'); // skips trettondedag, nyårsdag, nyårsafton, weekend
  });

  it('counts working days across weekends, holidays, year ends and leap days as a day-by-day count does', () => {
    const day = fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (from, to) => {
        let expected = 0;
        for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (nonWorkingReason(d) === null) expected++;
        expect(workingDaysBetween(from, to)).toBe(expected);
      }),
      { numRuns: 200 },
    );
    expect(workingDaysBetween('2020-12-23', '2021-01-07')).toBe(6); // julafton to trettondedag: 28, 29, 30 Dec, 4, 5, 7 Jan
    expect(workingDaysBetween('2024-02-28', '2024-03-01')).toBe(2); // the leap day is a Thursday
  });

  it('adds calendar months, clamping to the month end', () => {
    expect(addMonths('2020-08-28', 3)).toBe('2020-11-28');
    expect(addMonths('2020-11-30', 3)).toBe('2021-02-28');
  });
});

describe('deadline warnings', () => {
  it('warn, in Swedish, about a short remisstid and a deadline on a holiday, suggesting the next working day', () => {
    const info = deadlineInfo('2027-01-06', '2026-11-22', '2026-11-22');
    expect(info.workingDaysRemaining).toBe(28);
    expect(info.warnings.map((w) => w.code)).toEqual(['short_consultation_period', 'due_date_not_working_day']);
    expect(info.warnings[1]).toEqual({
      code: 'due_date_not_working_day',
      message: 'Sista svarsdag 2027-01-06 infaller på trettondedag jul; enligt lagen (1930:173) flyttas den till nästa vardag, 2027-01-07.',
      suggestedDueDate: '2027-01-07',
    });
    expect(deadlineInfo('2027-03-01', '2026-11-22', '2026-11-22').warnings).toEqual([]);
    expect(deadlineInfo('2027-02-28', '2026-11-22', '2026-11-22').warnings[0].message).toContain('infaller på en söndag');
  });
});
