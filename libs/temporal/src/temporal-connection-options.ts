/** The one mapping from the Temporal configuration to connection options, for the worker's and the clients' connections. */
import * as fs from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import type { TemporalConfig } from '@app/config';

/** Options that both `Connection` (@temporalio/client) and `NativeConnection` (@temporalio/worker) accept. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
}

/** Reads the TLS files now, so that a missing or unreadable one stops the start with its variable named. */
export function temporalConnectionOptions(config: Pick<TemporalConfig, 'address' | 'tls' | 'apiKey'>): TemporalConnectionOptions {
  const options: TemporalConnectionOptions = { address: config.address };
  if (config.tls) {
    const { caFile, certFile, keyFile, serverName } = config.tls;
    if ((certFile === null) !== (keyFile === null)) {
      throw new Error('TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together (mTLS): one is missing');
    }
    options.tls = {
      ...(serverName !== null && { serverNameOverride: serverName }),
      ...(caFile !== null && { serverRootCACertificate: read('TEMPORAL_TLS_CA_FILE', caFile) }),
      ...(certFile !== null && keyFile !== null && {
        clientCertPair: { crt: read('TEMPORAL_TLS_CERT_FILE', certFile), key: read('TEMPORAL_TLS_KEY_FILE', keyFile) },
      }),
    };
  }
  if (config.apiKey !== null) {
    // The key is a bearer credential: never over a plaintext connection.
    if (!config.tls) throw new Error('TEMPORAL_API_KEY needs TEMPORAL_TLS=on');
    options.apiKey = config.apiKey;
  }
  return options;
}

function read(variable: string, file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new Error(`${variable}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
