import request from 'supertest';
import { bearer } from '../support/test-app';
import { openDemoResponseId } from '../support/factories';
import { checkPage, expectHeading, journey, logIn, notice, startWebJourney, type WebJourney } from '../support/web-journey';

/*
 * A section the catalogue makes required after a draft began (the admin's Avsnittskatalogen) is
 * not in that draft: sending to review says so and leads to the statement page, where it is added
 * at its catalogue place, then written.
 */
let w: WebJourney;
jest.setTimeout(180_000);
let responseId: string;

beforeAll(async () => {
  w = await startWebJourney();
  responseId = await openDemoResponseId(w.t.dataSource, 'sdn-sodermalm');
}, 60_000);
afterAll(async () => w?.close());

test('a section made required after the draft began is added from the statement page, at its catalogue place', async () => {
  const { page } = await w.newPage();
  await journey('missing-section', page, async () => {
    await logIn(page, 'handlaggare.sodermalm');
    await page.goto(`/svar/${responseId}`);
    await page.getByRole('button', { name: 'Påbörja svaret' }).click();
    await page.goto(`/svar/${responseId}/utlatande/avsnitt/barnrattsperspektiv/ta-bort`);
    await page.getByRole('button', { name: /Ta bort/ }).click();
    expect(await notice(page)).toContain('Avsnittet är borttaget');

    // The admin makes Barnrättsperspektiv required for every tjänsteutlåtande.
    const admin = bearer(await w.t.login('admin'));
    const template = await request(w.t.app).get('/api/section-templates/barnrattsperspektiv').set(admin);
    const { key: _key, ...fields } = template.body;
    const changed = await request(w.t.app).put('/api/section-templates/barnrattsperspektiv').set(admin).set('If-Match', template.headers.etag).send({ ...fields, required: true });
    expect(changed.status).toBe(200);

    await page.goto(`/svar/${responseId}/skicka-till-granskning`);
    const missing = page.locator('.govuk-error-summary');
    expect(await missing.textContent()).toContain('Utlåtandet saknar avsnittet Barnrättsperspektiv.');
    await missing.getByRole('link', { name: 'Lägg till avsnittet Barnrättsperspektiv' }).click();
    await expectHeading(page, 'Tjänsteutlåtande');
    await checkPage(page);
    await page.getByRole('button', { name: 'Lägg till avsnittet Barnrättsperspektiv' }).click();
    expect(await notice(page)).toContain('Avsnittet är tillagt');

    await page.goto(`/svar/${responseId}/utlatande`);
    const headings = await page.locator('.remiss-section-list__item h3').allTextContents();
    expect(headings.indexOf('Barnrättsperspektiv')).toBe(headings.indexOf('Förvaltningens synpunkter och förslag') - 1);
    expect(await page.locator('#saknade-avsnitt').count()).toBe(0);
  });
});
