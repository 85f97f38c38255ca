/**
 * The embedded provider's stateful data (its browser sessions, grants, refresh tokens, authorization codes and
 * interactions) for oidc-provider's `adapter`. With a file (DATA_DIR/idp/provider-store.json, `npm start`), they are
 * written there after every change, whole, to a temporary file renamed over the old one (readable by the owner only),
 * and read back at start, so that restarting the provider signs no one out and the api's refresh tokens stay valid.
 * Without one (the tests) they are kept in memory. oidc-provider's own development adapter would keep them in memory
 * and drop the oldest beyond 1,000 entries. A demo provider holds a few hundred entries; a deployment uses its own
 * provider (Keycloak in docker-compose.yml).
 */
import * as fs from 'node:fs';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { inNativeRealm } from '@app/config';

interface Entry {
  payload: AdapterPayload;
  /** Epoch milliseconds; null: kept until destroyed. */
  expiresAt: number | null;
}

/** The models whose entries belong to a grant, revoked with it (oidc-provider's own list). */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

export class ProviderStore {
  /** By `<model>:<id>`. */
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly file: string | null,
    private readonly now: () => number = Date.now,
  ) {
    if (file === null || !fs.existsSync(file)) return;
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Entry>;
    for (const [key, entry] of Object.entries(saved)) if (this.live(entry)) this.entries.set(key, entry);
  }

  /** oidc-provider's adapter of one model (`Session`, `Grant`, `RefreshToken`, ...). */
  adapter(model: string): Adapter {
    const key = (id: string) => `${model}:${id}`;
    const findWhere = (test: (payload: AdapterPayload) => boolean) => {
      for (const [entryKey, entry] of this.entries) {
        if (entryKey.startsWith(`${model}:`) && this.live(entry) && test(entry.payload)) return inNativeRealm(entry.payload);
      }
      return undefined;
    };
    return {
      upsert: async (id, payload, expiresIn) => {
        this.entries.set(key(id), { payload, expiresAt: typeof expiresIn === 'number' ? this.now() + expiresIn * 1000 : null });
        this.save();
      },
      find: async (id) => {
        const entry = this.entries.get(key(id));
        return entry && this.live(entry) ? inNativeRealm(entry.payload) : undefined;
      },
      findByUid: async (uid) => findWhere((payload) => payload.uid === uid),
      findByUserCode: async (userCode) => findWhere((payload) => payload.userCode === userCode),
      consume: async (id) => {
        const entry = this.entries.get(key(id));
        if (!entry) return;
        entry.payload = { ...entry.payload, consumed: Math.floor(this.now() / 1000) };
        this.save();
      },
      destroy: async (id) => {
        if (this.entries.delete(key(id))) this.save();
      },
      revokeByGrantId: async (grantId) => {
        let revoked = false;
        for (const [entryKey, entry] of this.entries) {
          if (!GRANTABLE.has(entryKey.slice(0, entryKey.indexOf(':'))) || entry.payload.grantId !== grantId) continue;
          this.entries.delete(entryKey);
          revoked = true;
        }
        if (revoked) this.save();
      },
    };
  }

  private live(entry: Entry): boolean {
    return entry.expiresAt === null || entry.expiresAt > this.now();
  }

  private save(): void {
    if (this.file === null) return;
    for (const [key, entry] of this.entries) if (!this.live(entry)) this.entries.delete(key);
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(Object.fromEntries(this.entries)), { mode: 0o600 });
    fs.renameSync(temporary, this.file);
  }
}
