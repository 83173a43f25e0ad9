import { createClient } from '../../../shared/contract/bridge';

/** The one typed client: every read and write of state goes through the contract. */
export const client = createClient(window.keydeck);
