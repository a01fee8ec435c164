// Reference tables for match tests, loaded once from resources/.
import path from 'node:path';
import type { CleanTables } from '../../../../src/domain/clean-record';
import { loadEmailLists, loadZipTable } from '../../../../src/jobs/reference-data';

const resources = path.resolve(import.meta.dirname, '../../../../resources');
export const emptyTables: CleanTables = { zips: loadZipTable(resources), email: loadEmailLists(resources), defaultCountry: 'US' };
