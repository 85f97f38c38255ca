/** The pure parts of the cluster launcher: SQL visibility capacity, and the server configuration it renders. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { parse } from 'yaml';
import { checkSearchAttributeCapacity, renderTemplate, sqlVisibilityColumns } from './cluster';
import { projectRoot } from './tools';

// The shape of schema/postgresql/v12/visibility/schema.sql (go.temporal.io/server v1.30.4), shortened.
const schemaSql = `
  TemporalScheduledStartTime    TIMESTAMP     GENERATED ALWAYS AS (convert_ts(search_attributes->>'TemporalScheduledStartTime'))  STORED,
  Bool01          BOOLEAN         GENERATED ALWAYS AS ((search_attributes->'Bool01')::boolean)        STORED,
  Datetime01      TIMESTAMP       GENERATED ALWAYS AS (convert_ts(search_attributes->>'Datetime01'))  STORED,
  Keyword01       VARCHAR(255)    GENERATED ALWAYS AS (search_attributes->>'Keyword01')               STORED,
  Keyword02       VARCHAR(255)    GENERATED ALWAYS AS (search_attributes->>'Keyword02')               STORED,
  Keyword03       VARCHAR(255)    GENERATED ALWAYS AS (search_attributes->>'Keyword03')               STORED,
  KeywordList01   JSONB           GENERATED ALWAYS AS (search_attributes->'KeywordList01')            STORED,
  TemporalKeyword01               VARCHAR(255)    GENERATED ALWAYS AS (search_attributes->>'TemporalKeyword01')               STORED,
`;

describe('SQL visibility capacity', () => {
  it('counts the pre-allocated custom columns per type, not the system ones', () => {
    expect(sqlVisibilityColumns(schemaSql)).toEqual({ Bool: 1, Datetime: 1, Keyword: 3, KeywordList: 1 });
  });

  it("fits the project's attributes (three Keyword, one Datetime) and reports what each type uses", () => {
    expect(checkSearchAttributeCapacity(sqlVisibilityColumns(schemaSql))).toEqual(
      expect.arrayContaining([
        { type: 'Keyword', needed: 3, columns: 3 },
        { type: 'Datetime', needed: 1, columns: 1 },
      ]),
    );
  });

  it('refuses attributes that outnumber their columns, with a stable code', () => {
    const texts = ['A', 'B'].map((name) => defineSearchAttributeKey(name, SearchAttributeType.TEXT));
    expect(() => checkSearchAttributeCapacity({ Text: 1 }, texts)).toThrow(/^CLUSTER\.SEARCH_ATTRIBUTES_DO_NOT_FIT: .*Text needs 2, has 1/);
  });
});

describe('server configuration template', () => {
  const template = fs.readFileSync(path.join(projectRoot, 'tools', 'temporal-cluster', 'temporal-server.template.yaml'), 'utf8');
  const values = {
    logLevel: 'warn', pgHost: '127.0.0.1', pgPort: 5999, pgUser: 'temporal', pgPassword: 'temporal', dynamicConfigFile: '/x/dc.yaml',
    frontendPort: 7001, frontendHttpPort: 7002, frontendMembershipPort: 7003, historyPort: 7004, historyMembershipPort: 7005,
    matchingPort: 7006, matchingMembershipPort: 7007, workerPort: 7008, workerMembershipPort: 7009,
  };

  it('renders to the PostgreSQL 12 persistence and SQL visibility with every port filled in', () => {
    const config = parse(renderTemplate(template, values));
    expect(config.persistence.datastores['postgres-default'].sql).toMatchObject({ pluginName: 'postgres12', databaseName: 'temporal', connectAddr: '127.0.0.1:5999' });
    expect(config.persistence.datastores['postgres-visibility'].sql).toMatchObject({ pluginName: 'postgres12', databaseName: 'temporal_visibility' });
    expect(config.services.frontend.rpc).toEqual({ grpcPort: 7001, httpPort: 7002, membershipPort: 7003, bindOnLocalHost: true });
    expect(Object.keys(config.services).sort()).toEqual(['frontend', 'history', 'matching', 'worker']);
    expect(config.clusterMetadata.clusterInformation.active.rpcAddress).toBe('127.0.0.1:7001');
    expect(config.dynamicConfigClient.filepath).toBe('/x/dc.yaml');
  });

  it('fails on a placeholder it has no value for', () => {
    const { workerPort: _missing, ...partial } = values;
    expect(() => renderTemplate(template, partial)).toThrow('no value for {{workerPort}}');
  });
});
