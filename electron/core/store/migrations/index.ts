import m0001 from './0001-initial';
import m0002 from './0002-workspace-sync';
import m0003 from './0003-expiry-and-settings';
import m0004 from './0004-rotation';
import m0005 from './0005-refresh-backoff';
import m0007 from './0007-key-handles';
import m0008 from './0008-provider-options';
import m0009 from './0009-key-list-order';
import m0011 from './0011-workspace-policy';
import m0010 from './0010-leak-findings';
import m0012 from './0012-key-list-search';
import m0013 from './0013-key-changes';
import m0014 from './0014-change-counters';
import m0015 from './0015-key-search';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** In order. The database's user_version says how many have run. */
export const MIGRATIONS: Migration[] = [m0001, m0002, m0003, m0004, m0005, m0007, m0008, m0009, m0010, m0011, m0012, m0013, m0014, m0015];
