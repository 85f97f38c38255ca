/** The unit list kept in the repository (libs/admin-units/data, sources in its README): what a new database is loaded with. */
import seedFile from '../data/ha-noi-hoan-kiem.json';
import { toUnitList, UnitList } from './unit-list';

export function seedUnitList(): UnitList {
  return toUnitList(seedFile);
}
