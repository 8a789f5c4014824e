import request from 'supertest';
import { prepareDatabase } from '../src/db/prepare-database';
import { DEMO_STATEMENTS, seedDemoStatements } from '../src/demo/demo-statements';
import { sectionBodySchema, type Block } from '../src/statements/statement-body';
import { SECTION_KEY, headerSchema } from '../src/statements/statements.schemas';
import catalogue from '../templates/sections/catalogue.json';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { connect, createDatabase } from './support/test-database';

let t: TestApp;
let registrator: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  registrator = bearer(await t.login('registrator'));
});
afterAll(() => t.close());

interface Section {
  key: string;
  heading: string;
  body: Block[];
  stance: string | null;
}

/** The response of `organisation` on the remiss `caseNumber`, through the status board as a registrator sees it. */
async function responseIdOf(caseNumber: string, organisation: string): Promise<string> {
  const found = await request(t.app).get('/api/consultations').query({ q: caseNumber }).set(registrator);
  expect(found.status).toBe(200);
  const remiss = found.body.items.find((c: { caseNumber: string }) => c.caseNumber === caseNumber);
  const board = await request(t.app).get(`/api/consultations/${remiss.id}/recipients`).set(registrator);
  expect(board.status).toBe(200);
  const row = board.body.items.find((r: { organisation: { name: string } }) => r.organisation.name === organisation);
  expect(row).toMatchObject({ status: 'submitted' });
  return row.responseId;
}

async function statementOf(responseId: string) {
  const res = await request(t.app).get(`/api/responses/${responseId}/statement`).set(registrator);
  expect(res.status).toBe(200);
  return res.body as { header: Record<string, unknown>; sections: Section[]; signatories: unknown[]; enclosures: Array<{ title: string }>; stance: string };
}

const sectionBy = (sections: Section[], key: string) => sections.find((s) => s.key === key)!;
const listsIn = (section: Section, type: Block['type']) => section.body.filter((b) => b.type === type) as Array<Extract<Block, { items: unknown[] }>>;

describe('demo statement content', () => {
  it('passes the same checks an edit through the API would', () => {
    const catalogueKeys = new Set(catalogue.sections.map((section) => section.key));
    for (const demo of DEMO_STATEMENTS) {
      expect(headerSchema.safeParse(demo.header).error?.issues).toBeUndefined();
      for (const section of demo.sections) {
        expect(section.key).toMatch(SECTION_KEY);
        expect(catalogueKeys.has(section.key) || (section.key.startsWith('egen-') && section.heading.length > 0)).toBe(true);
        expect(sectionBodySchema.safeParse(section.body).error?.issues).toBeUndefined();
      }
      expect(new Set(demo.sections.map((s) => s.key)).size).toBe(demo.sections.length);
      expect(demo.signatories.every((s) => s.name !== '' && s.title.trim())).toBe(true);
      // Printed or assumed, the dates must tell a possible story: drafted, attested and decided before the answer.
      expect(demo.decision.meetingDate > demo.header.date).toBe(true);
    }
  });
});

describe('demo statements on the demo remisser', () => {
  it('Södermalm on KS 2020/924: headings, the sub-headings of Ärendet and the goals as printed in seed 003, signatories, bilaga, stance', async () => {
    const responseId = await responseIdOf('KS 2020/924', 'Södermalms stadsdelsnämnd');
    const statement = await statementOf(responseId);
    expect(statement.header).toMatchObject({
      administration: 'Södermalms stadsdelsförvaltning',
      to: 'Södermalms stadsdelsnämnd',
      remissCaseNumber: 'KS 2020/924',
      subtitle: 'Svar på remiss från kommunstyrelsen KS 2020/924',
      ownCaseNumber: null,
    });
    expect(statement.sections.map((s) => s.heading)).toEqual([
      'Förslag till beslut',
      'Sammanfattning',
      'Bakgrund',
      'Ärendets beredning',
      'Ärendet',
      'Synpunkter och förslag',
    ]);
    // Seed 003 heads four parts of Ärendet: sub-headings of that section, the goals under theirs.
    const arendet = sectionBy(statement.sections, 'arendet').body;
    expect(arendet.map((block) => (block.type === 'subheading' ? block.text : block.type))).toEqual([
      'paragraph',
      'paragraph',
      'Syfte med programmet',
      'paragraph',
      'Programmets innehåll och struktur',
      'paragraph',
      'paragraph',
      'paragraph',
      'Programmets mål',
      'bullet_list',
      'Ansvar och uppföljning',
      'paragraph',
    ]);
    const goals = listsIn(sectionBy(statement.sections, 'arendet'), 'bullet_list');
    expect(goals).toHaveLength(1);
    expect(goals[0]!.items).toHaveLength(7);
    expect(sectionBy(statement.sections, 'arendets-beredning').body[0]).toMatchObject({ content: [{ text: expect.stringContaining('17 november 2020') }] });
    expect(sectionBy(statement.sections, 'forvaltningens-synpunkter').stance).toBe('tillstyrker');
    expect(statement.signatories).toEqual([
      { name: 'Ann-Christine Jenvén', title: 'Stadsdelsdirektör' },
      { name: 'Maria Klemets Hellberg', title: 'Avdelningschef' },
    ]);
    expect(statement.enclosures).toHaveLength(1);
    expect(statement.enclosures[0]!.title).toMatch(/^Stockholms stads program mot våld i nära relationer.*2021-2025\.$/);
    expect(statement.stance).toBe('tillstyrker');

    const response = await request(t.app).get(`/api/responses/${responseId}`).set(registrator);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'submitted', stance: 'tillstyrker', answeredDate: '2020-12-02', hasStatement: true });
    expect(response.body.approvals).toEqual([{ name: 'Ann-Christine Jenvén', title: 'Stadsdelsdirektör', approvedAt: expect.stringMatching(/^2020-11-10T/) }]);
    expect(response.body.decisions).toEqual([
      { id: expect.any(String), meetingDate: '2020-11-26', paragraph: '§ 15', outcome: 'approved_as_proposed', decisionText: expect.stringContaining('kommunstyrelsen'), recordedAt: expect.stringMatching(/^2020-11-26T/), protokollsutdrag: null },
    ]);
  });

  it('Hässelby-Vällingby on KS 2020/924: header block, attest of 2020-10-03 and Bilagor as printed in seed 001', async () => {
    const responseId = await responseIdOf('KS 2020/924', 'Hässelby-Vällingby stadsdelsnämnd');
    const statement = await statementOf(responseId);
    expect(statement.header).toMatchObject({
      officer: { name: 'Susanne Rydberg-Lif', phone: '0850805097', email: null },
      to: 'Hässelby-Vällingby stadsdelsnämnd',
      date: '2020-10-22',
      subtitle: 'Remiss från kommunstyrelsen',
    });
    expect(statement.sections.map((s) => s.heading)).toEqual(['Förslag till beslut', 'Sammanfattning', 'Bakgrund', 'Ärendets beredning', 'Ärendet', 'Förvaltningens synpunkter']);
    expect(statement.signatories).toEqual([
      { name: 'Susanna Halldin Olsson', title: 'Stadsdelsdirektör' },
      { name: null, title: 'Avdelningschef' },
    ]);
    expect(statement.enclosures.map((e) => e.title)).toEqual([expect.stringMatching(/^Stockholms stads program/), 'Remissbrev, 2020-08-28.']);

    const response = await request(t.app).get(`/api/responses/${responseId}`).set(registrator);
    expect(response.body).toMatchObject({ status: 'submitted', stance: 'tillstyrker_med_andringar' });
    expect(response.body.approvals).toEqual([{ name: 'Susanna Halldin Olsson', title: 'Stadsdelsdirektör', approvedAt: expect.stringMatching(/^2020-10-03T/) }]);
    expect(response.body.decisions).toEqual([expect.objectContaining({ outcome: 'approved_as_proposed', paragraph: '§ 12' })]);

    const revisions = await request(t.app).get(`/api/responses/${responseId}/revisions`).set(registrator);
    expect(revisions.body.items).toEqual([expect.objectContaining({ number: 1, kind: 'created', authorName: 'Susanne Rydberg-Lif' })]);
  });

  it('Östermalm on KS 2020/924: own Dnr, the seven goals as a numbered list, two Bilagor (seed 000)', async () => {
    const statement = await statementOf(await responseIdOf('KS 2020/924', 'Östermalms stadsdelsnämnd'));
    expect(statement.header).toMatchObject({ ownCaseNumber: '3.1.1-723/2019', remissCaseNumber: 'KS 2020/924', subtitle: 'Svar på remiss till kommunstyrelsen, Dnr 3.1.1-723/2019' });
    expect(statement.sections.map((s) => s.heading)).toEqual(['Förslag till beslut', 'Sammanfattning', 'Bakgrund', 'Ärendets beredning', 'Ärendet', 'Synpunkter och förslag']);
    const goals = listsIn(sectionBy(statement.sections, 'arendet'), 'numbered_list');
    expect(goals.map((list) => list.items.length)).toEqual([7]);
    expect(statement.signatories).toEqual([
      { name: 'Kerstin Andersson', title: 'stadsdelsdirektör' },
      { name: 'Jan Rönnberg', title: 'avdelningschef' },
    ]);
    expect(statement.enclosures).toHaveLength(2);
    expect(statement.stance).toBe('tillstyrker_med_andringar');
  });

  it('Socialnämnden on KS 2023/553: the motion’s eight att-satser, Jämställdhetsanalys, Barnrättsperspektiv and footnotes (seed 002)', async () => {
    const responseId = await responseIdOf('KS 2023/553', 'Socialnämnden');
    const statement = await statementOf(responseId);
    expect(statement.header).toMatchObject({ administration: 'Socialförvaltningen', to: 'Socialnämnden', remissCaseNumber: 'KS 2023/553' });
    expect(statement.sections.map((s) => s.heading)).toEqual([
      'Förvaltningens förslag till beslut',
      'Sammanfattning',
      'Bakgrund',
      'Ärendet',
      'Ärendets beredning',
      'Jämställdhetsanalys',
      'Barnrättsperspektiv',
      'Förvaltningens synpunkter och förslag',
    ]);
    expect(listsIn(sectionBy(statement.sections, 'arendet'), 'bullet_list').map((list) => list.items.length)).toEqual([8]);
    const views = sectionBy(statement.sections, 'forvaltningens-synpunkter');
    const footnotes = JSON.stringify(views.body).match(/"footnote":/g) ?? [];
    expect(footnotes).toHaveLength(7);
    expect(views.stance).toBe('avstyrker');
    expect(statement.signatories).toEqual([
      { name: 'Veronica Wolgast Carstorp', title: 'Socialdirektör' },
      { name: 'Lina Blombergsson', title: 'Avdelningschef' },
    ]);
    expect(statement.enclosures).toEqual([{ title: 'Motion om lämna-program för individer i våldsamma relationer' }]);
    const response = await request(t.app).get(`/api/responses/${responseId}`).set(registrator);
    expect(response.body).toMatchObject({ status: 'submitted', stance: 'avstyrker', answeredDate: '2023-09-26' });
    expect(response.body.decisions[0].meetingDate < '2023-09-26').toBe(true);
  });

  it('seeded once, audited once per statement; seeding again adds nothing', async () => {
    expect(await seedDemoStatements(t.dataSource)).toBe(0);
    const events: Array<{ actor_user_id: string | null; organisation_id: string | null }> = await t.dataSource.query(
      `SELECT actor_user_id, organisation_id FROM audit_events WHERE action = 'statement.seeded' AND request_id = 'seed:demo-statements'`,
    );
    expect(events).toHaveLength(4);
    expect(events.every((e) => e.actor_user_id === null && e.organisation_id !== null)).toBe(true);
    const [{ statements, revisions }] = await t.dataSource.query(`SELECT (SELECT count(*) FROM statements)::int AS statements, (SELECT count(*) FROM statement_revisions)::int AS revisions`);
    expect({ statements, revisions }).toEqual({ statements: 4, revisions: 4 });
    const untimely = await t.dataSource.query(
      `SELECT r.id FROM responses r JOIN statements s ON s.response_id = r.id JOIN decisions d ON d.response_id = r.id JOIN approvals a ON a.response_id = r.id
        WHERE r.status <> 'submitted' OR r.stance IS DISTINCT FROM s.stance OR d.meeting_date >= r.answered_date OR a.approved_at::date > d.meeting_date`,
    );
    expect(untimely).toEqual([]);
  });

  it('fails loudly, and writes nothing, when the demo remisser are missing', async () => {
    const db = await createDatabase({ empty: true });
    const dataSource = await connect(db.ownerUrl);
    try {
      await prepareDatabase(dataSource, {});
      await expect(seedDemoStatements(dataSource)).rejects.toThrow(/no remiss KS 2020\/924/);
      expect((await dataSource.query('SELECT count(*)::int AS n FROM statements'))[0].n).toBe(0);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });
});
