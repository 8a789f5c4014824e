import { todayInStockholm } from '../shared/dates';
import { addMonths, nextWorkingDayOnOrAfter, nonWorkingReason, workingDaysBetween } from '../shared/working-days';

export interface DeadlineWarning {
  code: 'short_consultation_period' | 'due_date_not_working_day' | 'due_date_passed';
  message: string;
  suggestedDueDate?: string;
}

export interface DeadlineInfo {
  dueDate: string | null;
  /** Working days from today until the due date (0 when passed). */
  workingDaysRemaining: number | null;
  warnings: DeadlineWarning[];
}

/**
 * Warnings, never errors: a registrator may have good reasons. Remisstid under three months is
 * short by the city's practice; a deadline on a weekend or holiday moves to the next working day
 * under lagen (1930:173), so suggest that day.
 */
export function deadlineInfo(dueDate: string | null, sentDate: string | null, today = todayInStockholm()): DeadlineInfo {
  if (!dueDate) return { dueDate, workingDaysRemaining: null, warnings: [] };
  const warnings: DeadlineWarning[] = [];
  const start = sentDate ?? today;
  if (dueDate < addMonths(start, 3)) {
    warnings.push({
      code: 'short_consultation_period',
      message: `Remisstiden är kortare än tre månader (från ${start} till ${dueDate}).`,
    });
  }
  const reason = nonWorkingReason(dueDate);
  if (reason) {
    const suggestedDueDate = nextWorkingDayOnOrAfter(dueDate);
    warnings.push({
      code: 'due_date_not_working_day',
      message: `Sista svarsdag ${dueDate} infaller på ${reason === 'lördag' || reason === 'söndag' ? `en ${reason}` : reason}; enligt lagen (1930:173) flyttas den till nästa vardag, ${suggestedDueDate}.`,
      suggestedDueDate,
    });
  }
  if (!sentDate && dueDate < today) {
    warnings.push({ code: 'due_date_passed', message: `Sista svarsdag ${dueDate} har redan passerat.` });
  }
  return { dueDate, workingDaysRemaining: workingDaysBetween(today, dueDate), warnings };
}
