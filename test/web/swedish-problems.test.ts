import { HttpProblem } from '../../src/http/problem';
import { formErrorsFrom } from '../../src/web/form-errors';

/* What a page shows of a service's problem: Swedish, beside the field, never the English text. */
test('an unprintable character is named beside its field, in Swedish', () => {
  const problem = new HttpProblem(400, '1 field is invalid.', {
    errors: [{ path: 'body.title', message: 'holds characters the documents cannot print: U+2713 ✓, U+1F600 😀. Latin (with Sámi), Greek, Cyrillic and Hebrew letters can be printed.' }],
  });
  expect(formErrorsFrom(problem)).toEqual([
    { field: 'title', message: 'Texten innehåller tecken som inte kan skrivas ut i dokumenten: U+2713 ✓, U+1F600 😀. Latinska (även samiska), grekiska, kyrilliska och hebreiska bokstäver går bra.' },
  ]);
});

test('an English message nobody translated becomes a general Swedish sentence, and a known slug its own', () => {
  expect(formErrorsFrom(new HttpProblem(400, 'x', { errors: [{ path: 'body.dueDate', message: 'has some new English rule' }] }))).toEqual([{ field: 'dueDate', message: 'Kontrollera uppgiften.' }]);
  expect(formErrorsFrom(new HttpProblem(409, 'The sender already has…', { slug: 'duplicate-case-number' }))).toEqual([{ message: 'Avsändaren har redan en remiss med det diarienumret.' }]);
  expect(formErrorsFrom(new HttpProblem(409, 'Something else entirely.'))).toEqual([{ message: 'Ändringen går inte att göra just nu.' }]);
});
