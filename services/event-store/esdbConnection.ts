import { EventStoreDBClient, type Credentials } from '@eventstore/db-client';

/**
 * The query keys @eventstore/db-client 6.2.1 knows (Client/parseConnectionString.js, mapToQueryOption). For any
 * other key, and for tlsVerifyCert=false, its verifyKeyValuePair console.warns the whole connection string —
 * password included — so those never reach it.
 */
const CLIENT_QUERY_KEYS = new Set(
  [
    'userCertFile',
    'userKeyFile',
    'maxDiscoverAttempts',
    'connectionName',
    'defaultDeadline',
    'discoveryInterval',
    'gossipTimeout',
    'nodePreference',
    'tls',
    'tlsVerifyCert',
    'tlsCAFile',
    'throwOnAppendFailure',
    'keepAliveInterval',
    'keepAliveTimeout',
  ].map(flat),
);

/** The client's own key matching (toflatCase): case, `-` and `_` do not matter. */
function flat(key: string): string {
  return key.trim().toLowerCase().replace(/[_-]/g, '');
}

export interface EsdbConnection {
  readonly client: EventStoreDBClient;
  /** Passed with every call, so they never travel inside a string the client logs (see openEsdbClient). */
  readonly credentials?: Credentials;
  /** Keys of the connection string the client would have ignored; named, never with their values. */
  readonly ignoredKeys: readonly string[];
}

/**
 * Opens a client on an `esdb://`, `kurrentdb://`, `kurrent://` or `kdb://` connection string (each also `+discover`).
 * 6.2.1 predates the KurrentDB rebrand and accepts only esdb:// and esdb+discover:// (parseProtocol); the rest of
 * the string kept its meaning. The credentials are cut out before the client sees the string: its
 * connectionString() writes the string to its debug log ("Using connection string"), a ParseError keeps it as a
 * property and in the debug log, and verifyKeyValuePair warns it on the console.
 */
export function openEsdbClient(connectionString: string): EsdbConnection {
  const match =
    /^\s*(?:esdb|kurrentdb|kurrent|kdb)(\+discover)?:\/\/(?:([^:@/?]+):([^@/?]+)@)?([^?]*)(?:\?(.*))?$/i.exec(
      connectionString,
    );
  if (!match) {
    throw new Error('ESDB_CONNECTION_STRING is not an esdb://, kurrentdb:// or kdb:// connection string');
  }
  const [, discover = '', username, password, hosts = '', query = ''] = match;
  const ignoredKeys: string[] = [];
  const kept = query
    .split('&')
    .filter((pair) => pair.length > 0)
    .filter((pair) => {
      const [key = '', value = ''] = pair.split('=');
      const known = CLIENT_QUERY_KEYS.has(flat(key));
      // Without effect in this client (it says so itself), and its warning would carry the string.
      const noOp = flat(key) === 'tlsverifycert' && value.trim() === 'false';
      if (!known || noOp) ignoredKeys.push(key);
      return known && !noOp;
    });
  const safe = `esdb${discover.toLowerCase()}://${hosts}${kept.length > 0 ? `?${kept.join('&')}` : ''}`;
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(safe);
  } catch (error) {
    // The message names a place in `safe`, which holds no secret.
    throw new Error(`ESDB_CONNECTION_STRING: ${error instanceof Error ? error.message : String(error)}`);
  }
  const credentials =
    username !== undefined && password !== undefined
      ? { username: decodeURIComponent(username), password: decodeURIComponent(password) }
      : undefined;
  return { client, credentials, ignoredKeys };
}
