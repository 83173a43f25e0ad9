import { createClient, type KeydeckClient } from '../../../shared/contract/bridge';
import { err } from '../../../shared/result';

const bridge = createClient(window.keydeck);

/**
 * The one typed client: every read and write of state goes through the contract. The core
 * answers with a Result and never throws; only a broken transport rejects, and that becomes a
 * Result too, so every caller has a single error path to show.
 */
export const client: KeydeckClient = {
  invoke: (channel, input) =>
    bridge.invoke(channel, input).catch(() => err('internal', 'Keydeck could not reach its core process. Restart Keydeck and try again.')),
  on: bridge.on,
};
