import { CSV_COLUMNS } from '@tandem/shared';
import fc from 'fast-check';
import {
  columnOfField,
  CsvTooManyRowsError,
  CsvUnreadableError,
  joinList,
  mapHeader,
  MAX_IMPORT_ROWS,
  neutralizeFormula,
  readCsvTable,
  restoreFormula,
  splitList,
} from './organization-csv.service';

describe('organization CSV helpers', () => {
  describe('neutralizeFormula', () => {
    it.each(['=HYPERLINK("http://evil.test","click")', '+1 503 555 0142', '-2+3', '@SUM(A1)', '\tfoo', '\rfoo'])(
      'prefixes %j with a single quote',
      (value) => {
        expect(neutralizeFormula(value)).toBe(`'${value}`);
      },
    );

    it.each(['Harbor House', '', "O'Neil Center", "'quoted", 'a=b', ' =not first'])('leaves %j alone', (value) => {
      expect(neutralizeFormula(value)).toBe(value);
    });

    it('adds one more quote to a value that already starts with quotes and a trigger', () => {
      expect(neutralizeFormula("'=1")).toBe("''=1");
    });
  });

  describe('restoreFormula', () => {
    it('removes exactly the one quote the export added', () => {
      expect(restoreFormula("'=HYPERLINK(1)")).toBe('=HYPERLINK(1)');
      expect(restoreFormula("''=1")).toBe("'=1");
      expect(restoreFormula("'+1 503")).toBe('+1 503');
    });

    it('keeps a leading quote that does not guard a formula', () => {
      expect(restoreFormula("'quoted'")).toBe("'quoted'");
      expect(restoreFormula("'")).toBe("'");
    });

    it('undoes neutralizeFormula for every string', () => {
      const tricky = fc.stringMatching(/^['=+\-@\t\r a-z]{0,8}$/);
      fc.assert(
        fc.property(fc.oneof(tricky, fc.string()), (value) => restoreFormula(neutralizeFormula(value)) === value),
      );
    });

    it('never exports a cell that starts with a trigger', () => {
      fc.assert(fc.property(fc.string(), (value) => !/^[=+\-@\t\r]/.test(neutralizeFormula(value))));
    });
  });

  describe('splitList / joinList', () => {
    it('splits on ";" and trims, dropping empty items', () => {
      expect(splitList(' Teens ;Seniors;; ;Adults learning English ')).toEqual([
        'Teens',
        'Seniors',
        'Adults learning English',
      ]);
      expect(splitList('')).toEqual([]);
      expect(splitList('   ')).toEqual([]);
    });

    it('joins with "; " and splits back to the same names', () => {
      const names = ['Youth experiencing homelessness', 'Meeting space', 'Paid internships'];
      expect(joinList(names)).toBe('Youth experiencing homelessness; Meeting space; Paid internships');
      expect(splitList(joinList(names))).toEqual(names);
      expect(joinList([])).toBe('');
    });
  });

  describe('columnOfField', () => {
    it('names the CSV column of a DTO field', () => {
      expect(columnOfField('audienceIds')).toBe('audiences');
      expect(columnOfField('seeksCapabilityIds')).toBe('seeksCapabilities');
      expect(columnOfField('ownerId')).toBe('owner');
      expect(columnOfField('fit.missionOverlap')).toBe('fitMissionOverlap');
      expect(columnOfField('fit.notes')).toBe('fitNotes');
      expect(columnOfField('stage')).toBe('stage');
      expect(columnOfField('tags.2')).toBe('tags');
    });
  });

  describe('mapHeader', () => {
    it('accepts every export column, in any order and case', () => {
      const { columns, errors } = mapHeader(['NAME', 'id', 'Owner']);
      expect(errors).toEqual([]);
      expect(columns).toEqual(['name', 'id', 'owner']);
      expect(mapHeader([...CSV_COLUMNS]).errors).toEqual([]);
    });

    it('exports no ownerEmail column but still imports one from older files, not together with owner', () => {
      expect(CSV_COLUMNS).not.toContain('ownerEmail');
      expect(mapHeader(['name', 'OwnerEmail'])).toEqual({ columns: ['name', 'ownerEmail'], errors: [] });
      expect(mapHeader(['name', 'owner', 'ownerEmail']).errors).toEqual([
        { row: 1, field: 'ownerEmail', message: 'cannot be used together with owner; keep one of them' },
      ]);
    });

    it('reports unknown, unnamed, repeated and missing columns on row 1', () => {
      const { errors } = mapHeader(['id', 'colour', '', 'id']);
      expect(errors).toEqual([
        { row: 1, field: 'colour', message: expect.stringMatching(/^is not a known column/) },
        { row: 1, field: null, message: 'column 3 has no name' },
        { row: 1, field: 'id', message: 'is a column twice' },
        { row: 1, field: 'name', message: 'column is missing' },
      ]);
    });
  });

  describe('readCsvTable', () => {
    const csv = (text: string) => Buffer.from(text, 'utf8');

    it('numbers rows as a spreadsheet does, skipping blank rows and strips a BOM', () => {
      const table = readCsvTable(csv('\uFEFFname,notes\r\nA,"two\nlines"\r\n\r\n,\r\nB,x\r\n'));
      expect(table.header).toEqual(['name', 'notes']);
      expect(table.rows).toEqual([
        { row: 2, cells: ['A', 'two\nlines'] },
        { row: 5, cells: ['B', 'x'] },
      ]);
      expect(table.syntaxError).toBeUndefined();
    });

    it('reports a syntax error with its row and keeps the rows before it', () => {
      const table = readCsvTable(csv('name\nA\nB "x"\nC\n'));
      expect(table.rows).toEqual([{ row: 2, cells: ['A'] }]);
      expect(table.syntaxError).toEqual({
        row: 3,
        field: null,
        message: expect.stringMatching(/^cannot be read as CSV/),
      });
    });

    it('refuses an empty file and one that is not UTF-8', () => {
      expect(() => readCsvTable(csv(''))).toThrow(CsvUnreadableError);
      expect(() => readCsvTable(csv('\n\n'))).toThrow(CsvUnreadableError);
      expect(() => readCsvTable(Buffer.from('name\nBiblioth\xe8que\n', 'latin1'))).toThrow(/not UTF-8/);
    });

    it(`allows ${MAX_IMPORT_ROWS} data rows and refuses one more`, () => {
      const rows = (n: number) => csv(`name\n${Array.from({ length: n }, (_, i) => `Org ${i}`).join('\n')}\n`);
      expect(readCsvTable(rows(MAX_IMPORT_ROWS)).rows).toHaveLength(MAX_IMPORT_ROWS);
      expect(() => readCsvTable(rows(MAX_IMPORT_ROWS + 1))).toThrow(CsvTooManyRowsError);
    });
  });
});
