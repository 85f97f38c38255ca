/**
 * docker-compose.yml checked against the code it deploys, with no container engine: the services the README
 * names, the connection settings of the api and the worker, Temporal on the PostgreSQL service, the search
 * attributes of workflows/search-attributes.ts, pinned images, the database roles and init script, the Keycloak
 * realm's client and users against the api's OIDC settings, the Dockerfile's assumptions about tsconfig.json; and `docker-compose config -q` (Debian's docker-compose, installed by
 * scripts/ensure-tools.sh) must accept the file.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TypedSearchAttributes } from '@temporalio/common';
import * as ts from 'typescript';
import { parse } from 'yaml';
import { validateEnv } from '@app/config';
import { validateApiEnv } from '../../apps/api/src/api.config';
import { DEFAULT_AUDIENCE } from '../../apps/api/src/auth/auth.config';
import { principalFromClaims } from '../../apps/api/src/auth/principal';
import { regulationSearchAttributes } from '../../workflows/search-attributes';

const root = path.resolve(__dirname, '../..');
const composePath = path.join(root, 'docker-compose.yml');
const readmeSection = '## Deployment with docker-compose';

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: (string | number | { target?: number; published?: string | number })[];
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  healthcheck?: { test?: string | string[] };
  restart?: string;
}

/** The parts of deploy/keycloak/reglife-realm.json (a Keycloak realm export) the api depends on. */
interface KeycloakRealm {
  realm: string;
  clients: {
    clientId: string;
    redirectUris: string[];
    attributes: Record<string, string>;
    protocolMappers: { protocolMapper: string; config: Record<string, string> }[];
  }[];
  users: { id: string; username: string; attributes: Record<string, string[] | undefined> }[];
}

interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const compose = parse(fs.readFileSync(composePath, 'utf8')) as ComposeFile;
const services = compose.services;

/**
 * Compose interpolation with the defaults written in the file (`${NAME:-default}`, `${NAME-default}`);
 * `$$` is a literal `$`. A variable without a default would make the file depend on the caller's shell.
 */
function interpolate(value: string): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (match, braced, op, fallback, bare) => {
    if (match === '$$') return '$';
    const name = (braced ?? bare) as string;
    if (op === undefined) throw new Error(`${name} is interpolated without a default in docker-compose.yml`);
    return fallback as string;
  });
}

function environmentOf(name: string): Record<string, string> {
  const environment = services[name]?.environment ?? {};
  const entries = Array.isArray(environment)
    ? environment.map((item) => {
        const at = item.indexOf('=');
        return at < 0 ? [item, ''] : [item.slice(0, at), item.slice(at + 1)];
      })
    : Object.entries(environment).map(([key, value]) => [key, value === null ? '' : String(value)]);
  return Object.fromEntries(entries.map(([key, value]) => [key, interpolate(value)]));
}

function dependsOn(name: string): Record<string, string> {
  const deps = services[name]?.depends_on ?? [];
  return Array.isArray(deps)
    ? Object.fromEntries(deps.map((dep) => [dep, 'service_started']))
    : Object.fromEntries(Object.entries(deps).map(([dep, spec]) => [dep, spec?.condition ?? 'service_started']));
}

/** `[host_ip:]published:target` (and the long form) → {published, target}. */
function portsOf(name: string): { published: string; target: string }[] {
  return (services[name]?.ports ?? []).map((port) => {
    if (typeof port === 'object') return { published: String(port.published), target: String(port.target) };
    const parts = interpolate(String(port)).split('/')[0].split(':');
    return { published: parts.length >= 2 ? parts[parts.length - 2] : '', target: parts[parts.length - 1] };
  });
}

function commandText(name: string): string {
  const command = services[name]?.command ?? '';
  return Array.isArray(command) ? command.join(' ') : command;
}

/** `registry:5000/owner/name:tag@sha256:…` → the tag (after the last colon following the last slash). */
function tagOf(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon < 0 ? undefined : withoutDigest.slice(colon + 1);
}

/** The rows of the README section's table whose first header cell is `firstHeader`. */
function readmeTable(firstHeader: string): string[][] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${readmeSection}\n`);
  if (start < 0) throw new Error(`README.md has no "${readmeSection}" section`);
  const rest = readme.slice(start + 1 + readmeSection.length);
  const next = rest.search(/\n## /);
  const lines = (next < 0 ? rest : rest.slice(0, next)).split('\n');
  const cells = (line: string) => line.trim().replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim());
  const headerAt = lines.findIndex((line) => line.trim().startsWith('|') && cells(line)[0] === firstHeader);
  if (headerAt < 0) throw new Error(`README "${readmeSection}" has no table headed "${firstHeader}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(headerAt + 2)) {
    if (!line.trim().startsWith('|')) break;
    rows.push(cells(line));
  }
  return rows;
}

const backticked = (cell: string) => /^`([^`]+)`/.exec(cell)?.[1];

const appServices = ['api', 'worker'] as const;
const postgresEnv = environmentOf('postgresql');
const temporalEnv = environmentOf('temporal');

describe('docker-compose.yml', () => {
  it('has every service the README names, and the README names every service', () => {
    const named = readmeTable('service').map((row) => backticked(row[0]));
    expect(named).not.toContain(undefined);
    for (const name of named) expect(services).toHaveProperty([name as string]);
    expect([...named].sort()).toEqual(Object.keys(services).sort());
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgresql', 'temporal', 'temporal-search-attributes', 'temporal-ui', 'api', 'worker']),
    );
  });

  it('documents every environment variable the api and the worker get', () => {
    const documented = readmeTable('variable').map((row) => backticked(row[0]));
    for (const name of appServices) {
      for (const variable of Object.keys(environmentOf(name))) expect(documented).toContain(variable);
    }
  });

  it('depends only on services it defines, with conditions that make sense', () => {
    for (const name of Object.keys(services)) {
      for (const [target, condition] of Object.entries(dependsOn(name))) {
        expect(services).toHaveProperty([target]);
        expect(target).not.toBe(name);
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(condition);
        if (condition === 'service_healthy') expect(services[target].healthcheck?.test).toBeDefined();
      }
    }
  });

  it('gives the api and the worker DATABASE_URL and TEMPORAL_ADDRESS of the postgresql and temporal services', () => {
    for (const name of appServices) {
      const env = environmentOf(name);
      expect(() => validateEnv(env)).not.toThrow();

      const url = new URL(env.DATABASE_URL);
      expect(url.protocol).toMatch(/^postgres(ql)?:$/);
      expect(url.hostname).toBe('postgresql');
      expect(url.port || '5432').toBe('5432');
      // The application role, never the owner of the tables nor the superuser.
      expect(decodeURIComponent(url.username)).toBe('reglife_app');
      expect(decodeURIComponent(url.password)).toBe(postgresEnv.REGLIFE_APP_PASSWORD);
      expect(url.pathname).toBe('/reglife');
      expect(env.DATABASE_MIGRATION_URL).toBeUndefined();

      const [host, port] = env.TEMPORAL_ADDRESS.split(':');
      expect(host).toBe('temporal');
      expect(services[host].image).toMatch(/^temporalio\/auto-setup:/);
      expect(port).toBe('7233');

      expect(dependsOn(name).postgresql).toBe('service_healthy');
      expect(services[name].restart).toMatch(/^(always|unless-stopped|on-failure(:\d+)?)$/);
    }
    // One system: the same event store, Temporal namespace and task queue on both sides.
    const [api, worker] = appServices.map(environmentOf);
    for (const key of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE']) {
      expect(worker[key]).toBeDefined();
      expect(worker[key]).toBe(api[key]);
    }
  });

  it('migrates as the owner in a one-shot service that the api and the worker wait for', () => {
    expect(services.migrate.image).toBe(services.api.image);
    expect(services.migrate.build).toEqual(services.api.build);
    expect(commandText('migrate')).toBe('node dist/libs/event-store/src/migration.cli.js');
    expect(fs.existsSync(path.join(root, 'libs/event-store/src/migration.cli.ts'))).toBe(true);
    expect(services.migrate.restart).toBe('no');
    expect(dependsOn('migrate').postgresql).toBe('service_healthy');
    const url = new URL(environmentOf('migrate').DATABASE_MIGRATION_URL);
    expect(url.hostname).toBe('postgresql');
    expect(decodeURIComponent(url.username)).toBe('reglife_owner');
    expect(decodeURIComponent(url.password)).toBe(postgresEnv.REGLIFE_OWNER_PASSWORD);
    expect(url.pathname).toBe(new URL(environmentOf('api').DATABASE_URL).pathname);
    for (const name of appServices) expect(dependsOn(name).migrate).toBe('service_completed_successfully');
  });

  it('runs the api and the worker from the one Dockerfile image, the api port published', () => {
    const images = appServices.map((name) => services[name].image);
    expect(images[0]).toBeDefined();
    expect(images[1]).toBe(images[0]);
    for (const name of appServices) {
      const build = services[name].build;
      const context = typeof build === 'string' ? build : build?.context;
      const dockerfile = (typeof build === 'object' && build.dockerfile) || 'Dockerfile';
      expect(path.resolve(root, context ?? '', dockerfile)).toBe(path.join(root, 'Dockerfile'));
    }
    expect(commandText('api')).toBe('node dist/apps/api/src/main.js');
    expect(commandText('worker')).toBe('node dist/apps/worker/src/main.js');

    const api = environmentOf('api');
    expect(() => validateApiEnv(api)).not.toThrow();
    expect(portsOf('api').map((port) => port.target)).toContain(api.PORT ?? '3000');
    expect(portsOf('temporal-ui').map((port) => port.target)).toContain('8080');
  });

  it('gives the api a public key or an identity provider to verify tokens with, and no service a private key', () => {
    const api = environmentOf('api');
    expect(Object.keys(api).filter((name) => name.startsWith('AUTH_')).sort()).toEqual(['AUTH_ISSUER', 'AUTH_JWKS_URL', 'AUTH_PUBLIC_KEY']);
    for (const name of Object.keys(services)) expect({ name, signingKey: 'AUTH_SIGNING_KEY' in environmentOf(name) }).toEqual({ name, signingKey: false });
    // The api keeps nothing on disk: no data volume where a key could be generated or left.
    expect(services.api.volumes ?? []).toEqual([]);
    expect(() => validateApiEnv({ ...api, AUTH_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----…' })).not.toThrow();
  });

  it("checks the api's health by its public readiness probe, on the port it listens on", () => {
    const test = services.api.healthcheck?.test;
    const command = Array.isArray(test) ? test.join(' ') : (test ?? '');
    const port = environmentOf('api').PORT ?? '3000';
    expect(command).toContain(`http://127.0.0.1:${port}/ready`);
    // The probe is public: a healthcheck carrying a token would hide a broken access rule.
    expect(command).not.toMatch(/authorization|bearer/i);
    // The worker shares the image and serves no HTTP: the Dockerfile declares no HEALTHCHECK for both.
    expect(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8')).not.toMatch(/^HEALTHCHECK/m);
  });

  it("registers the api's web sign-in in the Keycloak realm it imports, with users the api accepts", () => {
    const api = environmentOf('api');
    const keycloak = environmentOf('keycloak');
    const mount = (services.keycloak.volumes ?? []).find((volume): volume is string => typeof volume === 'string' && volume.includes(':/opt/keycloak/data/import/'));
    expect(mount).toBeDefined();
    const realm = JSON.parse(fs.readFileSync(path.join(root, (mount as string).split(':')[0]), 'utf8')) as KeycloakRealm;
    expect(api.OIDC_ISSUER).toBe(`${keycloak.KC_HOSTNAME}/realms/${realm.realm}`);
    const client = realm.clients.find((c) => c.clientId === api.OIDC_CLIENT_ID);
    expect(client).toMatchObject({ publicClient: false, secret: api.OIDC_CLIENT_SECRET, standardFlowEnabled: true });
    expect(client?.redirectUris).toContain(api.OIDC_REDIRECT_URI);
    expect(client?.attributes['post.logout.redirect.uris'].split('##')).toContain(api.OIDC_POST_LOGOUT_REDIRECT_URI);
    expect(client?.attributes['pkce.code.challenge.method']).toBe('S256');
    const audience = client?.protocolMappers.find((mapper) => mapper.protocolMapper === 'oidc-audience-mapper');
    expect(audience?.config['included.custom.audience']).toBe(api.AUTH_AUDIENCE || DEFAULT_AUDIENCE);
    for (const user of realm.users) {
      const claims = { sub: user.id, role: user.attributes.role?.[0], wards: user.attributes.wards };
      expect({ user: user.username, principal: principalFromClaims(claims) }).toEqual({ user: user.username, principal: expect.objectContaining({ id: user.id }) });
    }
  });

  it('runs Temporal on the postgresql service', () => {
    expect(services.temporal.image).toMatch(/^temporalio\/auto-setup:/);
    expect(temporalEnv.DB).toBe('postgres12');
    expect(temporalEnv.POSTGRES_SEEDS).toBe('postgresql');
    expect(temporalEnv.DB_PORT).toBe('5432');
    expect(temporalEnv.POSTGRES_USER).toBe(postgresEnv.POSTGRES_USER ?? 'postgres');
    expect(temporalEnv.POSTGRES_PWD).toBe(postgresEnv.POSTGRES_PASSWORD);
    expect(dependsOn('temporal').postgresql).toBe('service_healthy');
    expect(environmentOf('temporal-ui').TEMPORAL_ADDRESS).toBe(environmentOf('api').TEMPORAL_ADDRESS);

    expect(services.postgresql.image).toMatch(/^postgres:16[.-]/);
    const volumes = (services.postgresql.volumes ?? []).map((volume) =>
      typeof volume === 'string' ? volume : `${volume.source}:${volume.target}`,
    );
    const dataVolume = volumes.find((volume) => volume.split(':')[1] === '/var/lib/postgresql/data');
    expect(dataVolume).toBeDefined();
    expect(compose.volumes ?? {}).toHaveProperty([(dataVolume as string).split(':')[0]]);
  });

  it("registers exactly the workflow's search attributes, in the namespace the apps use, before the worker starts", () => {
    const registrars = Object.keys(services).filter((name) => commandText(name).includes('temporal operator search-attribute create'));
    expect(registrars).toHaveLength(1);
    const [registrar] = registrars;
    const script = interpolate(commandText(registrar));
    const createLine = script.split('\n').find((line) => line.includes('temporal operator search-attribute create')) as string;
    // The create command alone: up to the shell's next `;`, `&&`, `||` or `|`.
    const create = createLine.slice(createLine.indexOf('temporal operator search-attribute create')).split(/;|&&|\|\|?/)[0];
    const tokens = create.trim().split(/\s+/);
    const flag = (name: string) => tokens.flatMap((token, i) => (token === name ? [tokens[i + 1]] : []));

    const names = flag('--name');
    const types = flag('--type');
    expect(types).toHaveLength(names.length);
    const registered = names.map((name, i) => `${name}=${types[i]}`).sort();
    const expected = regulationSearchAttributes.map((key) => `${key.name}=${TypedSearchAttributes.toMetadataType(key.type)}`).sort();
    expect(registered).toEqual(expected);

    const api = environmentOf('api');
    expect(flag('--address')).toEqual([api.TEMPORAL_ADDRESS]);
    expect(flag('--namespace')).toEqual([api.TEMPORAL_NAMESPACE ?? 'default']);
    expect(services[registrar].image).toMatch(/^temporalio\/admin-tools:/);
    expect(script).toMatch(/\b(for|while|until)\b[\s\S]*\bsleep\b/); // retries until the server answers
    expect(dependsOn(registrar)).toHaveProperty('temporal');
    expect(dependsOn('worker')[registrar]).toBe('service_completed_successfully');
  });

  it('pins every image (no `latest`, no bare major), in the compose file and the Dockerfile', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, image: service.image }).toEqual({ name, image: expect.any(String) });
      const tag = tagOf(service.image as string);
      expect({ name, tag }).toEqual({ name, tag: expect.any(String) });
      expect(tag).not.toBe('latest');
      if (!service.build) expect({ name, tag }).toEqual({ name, tag: expect.stringMatching(/^v?\d+\.\d+/) });
    }

    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    const args = Object.fromEntries([...dockerfile.matchAll(/^ARG\s+(\w+)=(\S+)/gm)].map((m) => [m[1], m[2]]));
    const bases = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)]
      .map((m) => m[1].replace(/\$\{?(\w+)\}?/g, (_, arg: string) => args[arg] ?? `$${arg}`))
      .filter((image) => !/^\w+$/.test(image)); // a bare word is an earlier stage
    expect(bases.length).toBeGreaterThan(0);
    // The image runs the Node.js major the project requires (package.json engines, .nvmrc).
    const major = fs.readFileSync(path.join(root, '.nvmrc'), 'utf8').trim();
    const engines = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe(`>=${major}`);
    for (const image of bases) expect(image).toMatch(new RegExp(`^node:${major}\\.\\d+\\.\\d+-bookworm-slim(@sha256:[0-9a-f]{64})?$`));
  });

  it('creates the roles and the reglife database, owned by the migration owner, with an init script mounted into postgres', () => {
    const mounts = (services.postgresql.volumes ?? []).flatMap((volume) => {
      const [source, target] = typeof volume === 'string' ? volume.split(':') : [volume.source ?? '', volume.target ?? ''];
      return target.startsWith('/docker-entrypoint-initdb.d/') ? [source] : [];
    });
    expect(mounts).toEqual(['./deploy/postgres-init.sql']);
    const script = path.join(root, 'deploy/postgres-init.sql');
    expect(fs.existsSync(script)).toBe(true);
    const database = new URL(environmentOf('api').DATABASE_URL).pathname.slice(1);
    const sql = fs.readFileSync(script, 'utf8');
    expect(sql).toMatch(new RegExp(`^\\s*CREATE DATABASE\\s+"?${database}"?\\s+OWNER\\s+reglife_owner\\s*;`, 'im'));
    // The passwords come from the postgresql service's environment (psql's \getenv), as the URLs use them.
    for (const [role, variable] of [
      ['reglife_owner', 'REGLIFE_OWNER_PASSWORD'],
      ['reglife_app', 'REGLIFE_APP_PASSWORD'],
    ]) {
      const [, psqlVariable] = new RegExp(`^\\\\getenv\\s+(\\w+)\\s+${variable}\\s*$`, 'm').exec(sql) ?? [];
      expect({ variable, psqlVariable }).toEqual({ variable, psqlVariable: expect.any(String) });
      expect(sql).toMatch(new RegExp(`^CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'${psqlVariable}';`, 'm'));
      expect(postgresEnv[variable]).toBeTruthy();
    }
  });

  it("builds an image whose alias symlinks match tsconfig.json's paths, from a context without local state", () => {
    // The Dockerfile links dist/node_modules/@app/<name> → dist/libs/<name>/src for every library.
    const { config, error } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
    expect(error).toBeUndefined();
    const paths = (config as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths;
    for (const [alias, targets] of Object.entries(paths)) {
      const name = /^@app\/([\w-]+)$/.exec(alias)?.[1];
      expect({ alias, targets }).toEqual({ alias, targets: [`libs/${name}/src`] });
    }
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('npx tsc -p tsconfig.json --outDir dist');
    expect(dockerfile).toContain('ln -s "../../libs/$name/src" "dist/node_modules/@app/$name"');

    const ignored = fs.readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['.git', '**/node_modules', 'dist', 'data']));
  });

  it('is accepted by `docker-compose config -q`', () => {
    // Whatever the binary, the parsed structure must hold.
    expect(Object.keys(services).length).toBeGreaterThan(0);
    expect(Object.values(services).every((service) => typeof service.image === 'string')).toBe(true);

    const result = spawnSync('docker-compose', ['-f', composePath, 'config', '-q'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
      throw new Error('docker-compose is not on PATH: run `bash scripts/ensure-tools.sh` (it installs Debian\'s docker-compose) or install it');
    }
    expect(result.error).toBeUndefined();
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  }, 90_000);
});
