import m0001 from './0001-initial';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** In order. The database's user_version says how many have run. */
export const MIGRATIONS: Migration[] = [m0001];
