import fc from 'fast-check';
import { auditDiff, flatten } from '../src/audit/audit-diff';

describe('an audit event’s before/after as rows', () => {
  it('flattens nested objects to dotted paths and lists of plain values to one value', () => {
    const before = { name: 'Nora', roles: ['handlaggare'], active: true, header: { officer: { phone: null } }, sections: [{ key: 'a', heading: 'A' }] };
    const after = { name: 'Nora', roles: ['handlaggare', 'attestant'], active: false, header: { officer: { phone: '08-1' } }, sections: [{ key: 'a', heading: 'B' }], passwordChanged: true };
    expect(auditDiff(before, after)).toEqual([
      { field: 'roles', before: 'handlaggare', after: 'handlaggare, attestant' },
      { field: 'active', before: 'true', after: 'false' },
      { field: 'header.officer.phone', before: '(tomt)', after: '08-1' },
      { field: 'sections.0.heading', before: 'A', after: 'B' },
      { field: 'passwordChanged', before: undefined, after: 'true' },
    ]);
  });

  it('lists every field of a created record, and of a removed one, on its side only', () => {
    expect(auditDiff(null, { username: 'nora', active: true })).toEqual([
      { field: 'username', before: undefined, after: 'nora' },
      { field: 'active', before: undefined, after: 'true' },
    ]);
    expect(auditDiff({ name: 'X' }, null)).toEqual([{ field: 'name', before: 'X', after: undefined }]);
  });

  it('shortens a long value', () => {
    const [row] = auditDiff({ text: '' }, { text: 'å'.repeat(1000) });
    expect(row.after!.length).toBe(200);
    expect(row.after!.endsWith('…')).toBe(true);
  });

  it('finds nothing between a value and itself, and every leaf between nothing (null: no record) and a value', () => {
    fc.assert(
      fc.property(fc.jsonValue().filter((value) => value !== null), (value) => {
        expect(auditDiff(value, structuredClone(value))).toEqual([]);
        const rows = auditDiff(null, value);
        expect(rows.map((row) => row.field)).toEqual([...flatten(value).keys()]);
        expect(rows.every((row) => row.before === undefined)).toBe(true);
      }),
    );
  });
});
