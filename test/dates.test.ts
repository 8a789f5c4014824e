import { todayInStockholm } from '../src/shared/dates';

describe("Stockholm's day", () => {
  it('follows Europe/Stockholm, not UTC, across midnight and daylight saving time', () => {
    expect(todayInStockholm(new Date('2026-11-22T22:59:00Z'))).toBe('2026-11-22');
    expect(todayInStockholm(new Date('2026-11-22T23:00:00Z'))).toBe('2026-11-23'); // CET, UTC+1
    expect(todayInStockholm(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
    expect(todayInStockholm(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01'); // CEST, UTC+2
    expect(todayInStockholm(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
  });
});
