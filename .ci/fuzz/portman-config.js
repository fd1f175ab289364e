// Builds the portman config (printed as JSON on stdout). Generated rather than hand-written JSON
// because the same hostile values go into many operations; everything here is a fixed table, so
// two runs send exactly the same requests (no faker, no random seeds).
//
// The ids in {{...}} are newman environment variables the run script sets from the seeded data.
'use strict';

const b64url = (s) => Buffer.from(s).toString('base64url');

// Every operation of openapi.yaml, with the path variables and query parameters that make its
// main ("happy path") request hit seeded data.
const OPS = {
  'GET::/api/v1/pipelines': { query: { limit: '2' } },
  'GET::/api/v1/pipelines/{pipelineId}': { path: { pipelineId: 'std' } },
  // Replacements go to their own pipeline so that a bad definition accepted by mistake cannot
  // break the seeded one.
  'PUT::/api/v1/pipelines/{pipelineId}': { path: { pipelineId: 'fz-put' }, body: true },
  'POST::/api/v1/transitions': { body: true },
  // A 202 (Prefer: respond-async, the header's example) is documented like the 200.
  'GET::/api/v1/ingest/status': {},
  'GET::/api/v1/opportunities': { query: { pipelineId: 'std', asOf: '2026-02-10T00:00:00Z', limit: '2' } },
  'GET::/api/v1/visits': { query: { pipelineId: 'std', limit: '2' } },
  'GET::/api/v1/opportunities/{opportunityId}': { path: { opportunityId: 'fz-o1' }, query: { asOf: '2026-02-10T00:00:00Z' } },
  'POST::/api/v1/opportunities/{opportunityId}/handoffs': { path: { opportunityId: 'fz-o4' }, body: true },
  'GET::/api/v1/handoffs': { query: { pipelineId: 'std', limit: '2' } },
  'GET::/api/v1/handoffs/{handoffId}': { path: { handoffId: '{{handoffId}}' } },
  'GET::/api/v1/frozen': { query: { pipelineId: 'std', limit: '2' } },
  'GET::/api/v1/webhooks': { query: { limit: '1' } },
  'POST::/api/v1/webhooks': { body: true },
  'GET::/api/v1/webhooks/{id}': { path: { id: '{{webhookId}}' } },
  'DELETE::/api/v1/webhooks/{id}': { path: { id: '{{webhookToDeleteId}}' } },
  'GET::/api/v1/webhooks/{id}/deliveries': { path: { id: '{{webhookId}}' }, query: { limit: '2' } },
  'GET::/api/v1/analytics/reps': { query: { pipelineId: 'std', from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' } },
  'GET::/api/v1/reps/{ownerId}/profile': { path: { ownerId: 'ana' }, query: { pipelineId: 'std' } },
  'GET::/api/v1/analytics/reps/{ownerId}/trend': { path: { ownerId: 'ana' }, query: { pipelineId: 'std', stage: 'qualify' } },
  'GET::/api/v1/analytics/stages': { query: { pipelineId: 'std' } },
  'GET::/api/v1/analytics/standards': { query: { pipelineId: 'std' } },
  'GET::/api/v1/tenants': { query: { limit: '2' } },
  'POST::/api/v1/tenants': { body: true },
  'GET::/api/v1/keys': { query: { limit: '2' } },
  'POST::/api/v1/keys': { body: true },
  'DELETE::/api/v1/keys/{id}': { path: { id: '{{keyToDeleteId}}' } },
  'GET::/api/v1/audit': { query: { limit: '2' } },
  'GET::/api/v1/connectors': { query: { limit: '2' } },
  'POST::/api/v1/connectors': { body: true },
  'GET::/api/v1/connectors/{id}': { path: { id: '{{connectorId}}' } },
  'PUT::/api/v1/connectors/{id}': { path: { id: '{{connectorId}}' }, body: true },
  'DELETE::/api/v1/connectors/{id}': { path: { id: '{{connectorToDeleteId}}' } },
  'GET::/api/v1/connectors/{id}/log': { path: { id: '{{connectorId}}' }, query: { limit: '2' } },
  // Inbound CRM requests authenticate the CRM's way (openapi.yaml: no bearer key required): the
  // happy path is a Pipedrive deal event with the seeded Pipedrive connector's HTTP basic auth.
  'POST::/api/v1/inbound/{connectorId}': {
    path: { connectorId: '{{inboundConnectorId}}' }, body: true,
    headers: { Authorization: `Basic ${Buffer.from('fuzz-hook:fuzz-password').toString('base64')}` },
  },
};

// Happy-path bodies (the openapi examples need data this run does not have).
const BODIES = {
  'PUT::/api/v1/pipelines/{pipelineId}': {
    name: 'Fuzz put',
    stages: [{ key: 'qualify', name: 'Qualify', standard: 'P5D' }, { key: 'propose', standard: 'P7D', frozenAfter: 'P15D' }, { key: 'won', kind: 'WON' }],
    overrides: [{ when: { region: 'south' }, stage: 'propose', standard: 'P10D' }],
    // with every optional object present, portman's required-field variants drop real fields
    calendar: { zone: 'Europe/Paris', workdays: ['MON', 'TUE', 'WED', 'THU', 'FRI'], hours: { from: '09:00', to: '18:00' }, holidays: ['2026-05-01'] },
  },
  'POST::/api/v1/transitions': [
    { eventId: 'fz-main-1', opportunityId: 'fz-main', pipelineId: 'std', stage: 'qualify', occurredAt: '2026-01-05T00:00:00Z', ownerId: 'ana', amount: 500, currency: 'EUR', attributes: { region: 'south' } },
  ],
  'POST::/api/v1/opportunities/{opportunityId}/handoffs': { direction: 'TO_NURTURING', at: '2026-02-01T00:00:00Z', reason: 'no budget this year', by: 'mia' },
  'POST::/api/v1/webhooks': { url: 'http://127.0.0.1:9/fuzz-hook', events: ['opportunity.frozen'] },
  'POST::/api/v1/tenants': { id: 'fz-tenant', name: 'Fuzz tenant' },
  'POST::/api/v1/keys': { name: 'fuzz reader', roles: ['read'], expiresAt: '2099-01-01T00:00:00Z' },
  'POST::/api/v1/connectors': { kind: 'SALESFORCE_CSV', name: 'Fuzz export', stages: [{ crmStage: 'Prospecting', pipelineId: 'std', stage: 'qualify' }], owners: { '005A': 'ana' } },
  'PUT::/api/v1/connectors/{id}': { kind: 'SALESFORCE_CSV', name: 'Fuzz export', stages: [{ crmStage: 'Prospecting', pipelineId: 'std', stage: 'qualify' }, { crmStage: 'Closed Won', pipelineId: 'std', stage: 'won' }] },
  'POST::/api/v1/inbound/{connectorId}': {
    meta: { action: 'create', entity: 'deal', entity_id: '7001', company_id: '42', version: '2.0', timestamp: '2026-01-05T09:00:00Z' },
    data: { id: 7001, stage_id: 1, owner_id: 8001, value: 900, currency: 'EUR', status: 'open', add_time: '2026-01-05T09:00:00Z', update_time: '2026-01-05T09:00:00Z', stage_change_time: null },
    previous: null,
  },
};

const NUL = 'x\u0000y';
const LONE_SURROGATE = 's\ud800x';
const INSTANTS = {
  'year-999999999': '+999999999-12-31T23:59:59Z',
  'year-minus-999999999': '-999999999-01-01T00:00:00Z',
  'feb-30': '2026-02-30T00:00:00Z',
  'no-offset': '2026-01-01T00:00:00',
  'not-an-instant': 'yesterday',
  nul: '2026-01-01T00:00:00Z\u0000',
};
const CURSORS = {
  garbage: '%%%not-base64',
  'not-json': b64url('hello'),
  'empty-list': b64url('[]'),
  'bad-instant': b64url('["+999999999-12-31T23:59:59Z","o1"]'),
  'feb-30': b64url('["2026-02-30T00:00:00Z","o1"]'),
  'wrong-types': b64url('[{"a":1},[2]]'),
  nul: b64url('["2026-01-01T00:00:00Z","a\\u0000b"]'),
};
const LIMITS = { zero: '0', negative: '-1', 'over-max': '1001', 'beyond-long': '99999999999999999999', text: 'ten' };
// Query parameters that hold ids or plain strings, by operation (from openapi.yaml).
const ID_PARAMS = ['pipelineId', 'ownerId', 'stage', 'status', 'direction', 'format'];
// Long strings are built by a pre-request script (see globals) rather than stored in the config:
// 100,000 characters in bodies; 3,000 in paths and queries, which stays under the HTTP server's
// 4 KB request-line limit so that the service itself has to judge the value.
const HUGE = '{{hugeString}}';
const LONG = '{{longString}}';

const variations = new Map(); // operation -> its variations
// A variation names one documented response; portman makes one request per matching response,
// so each operation names its first 4xx exactly (the verdict ignores it; see check-report.js).
function addVariation(op, v) {
  if (!variations.has(op)) variations.set(op, []);
  variations.get(op).push({ openApiResponse: OPS[op].firstClientError, tests: { contractTests: [] }, ...v });
}
// Hostile input must be refused: a 2xx would mean the service stored or answered for something
// it should have named as wrong (the "silent changes" of issue 9). Values that may be fine
// (an unknown id, an empty filter) are sent with { refuse: false } and judged on the contract only.
const REFUSED = "pm.test('hostile input is refused with a 4xx', () => pm.expect(pm.response.code).to.be.within(400, 499));";
const refusedTests = { contractTests: [], extendTests: [{ tests: [REFUSED] }] };
const variation = (name, op, overwrites, { refuse = true } = {}) =>
  addVariation(op, { name, overwrites: [overwrites], ...(refuse ? { tests: refusedTests } : {}) });
const hasParam = (op, name) => OPS[op].paramNames.includes(name);

function queryVariations(op) {
  const q = (name, value) => ({ overwriteRequestQueryParams: [{ key: name, value, overwrite: true, insert: true }] });
  for (const name of ['asOf', 'from', 'to']) {
    if (!hasParam(op, name)) continue;
    for (const [label, value] of Object.entries(INSTANTS)) variation(`query ${name} ${label}`, op, q(name, encodeURIComponent(value)));
  }
  if (hasParam(op, 'cursor')) {
    for (const [label, value] of Object.entries(CURSORS)) variation(`query cursor ${label}`, op, q('cursor', encodeURIComponent(value)));
  }
  if (hasParam(op, 'limit')) {
    // the visit feed's pages go up to 10,000 rows (BI tools pull whole tables); other lists to 1,000
    const limits = op === 'GET::/api/v1/visits' ? { ...LIMITS, 'over-max': '10001' } : LIMITS;
    for (const [label, value] of Object.entries(limits)) variation(`query limit ${label}`, op, q('limit', value));
  }
  for (const name of ['minVisits', 'share', 'alpha']) {
    if (!hasParam(op, name)) continue;
    for (const value of ['0', '-1', '1e309', 'NaN', 'abc', '99999999999999999999']) variation(`query ${name} ${value}`, op, q(name, value));
  }
  if (hasParam(op, 'format')) {
    // The CSV answer is part of the contract too (its Content-Type is checked).
    variation('query format csv', op, q('format', 'csv'), { refuse: false });
    variation('query format unknown', op, q('format', 'xlsx'));
  }
  for (const name of ID_PARAMS) {
    if (!hasParam(op, name)) continue;
    variation(`query ${name} NUL`, op, q(name, 'a%00b'));
    variation(`query ${name} lone surrogate`, op, q(name, 'a%ED%A0%80b'));
    variation(`query ${name} long`, op, q(name, LONG));
    variation(`query ${name} empty`, op, q(name, ''), { refuse: false });
  }
}

function pathVariations(op) {
  for (const name of Object.keys(OPS[op].path || {})) {
    const p = (value) => ({ overwriteRequestPathVariables: [{ key: name, value, overwrite: true }] });
    variation(`path ${name} NUL`, op, p('a%00b'));
    variation(`path ${name} lone surrogate`, op, p('a%ED%A0%80b'));
    variation(`path ${name} invalid UTF-8`, op, p('a%FF%FEb'));
    variation(`path ${name} long`, op, p(LONG));
    variation(`path ${name} unknown`, op, p('fz-does-not-exist'), { refuse: false });
    variation(`path ${name} number overflow`, op, p('99999999999999999999'), { refuse: false });
    variation(`path ${name} negative`, op, p('-1'), { refuse: false });
  }
}

// Whole replacement bodies: each a class of hostile input for that operation.
function bodyVariations(op) {
  const base = BODIES[op];
  const b = (value) => ({ overwriteRequestBody: [{ key: '.', value, overwrite: true }] });
  const mutants = {};
  if (op.startsWith('PUT::/api/v1/pipelines')) {
    const st = base.stages;
    Object.assign(mutants, {
      'NUL in name': { ...base, name: NUL },
      'NUL in stage key': { ...base, stages: [{ ...st[0], key: NUL }, ...st.slice(1)] },
      'NUL in override key and value': { ...base, overrides: [{ when: { [NUL]: NUL }, stage: 'propose', standard: 'P10D' }] },
      'lone surrogate in name': { ...base, name: LONE_SURROGATE },
      'huge name': { ...base, name: HUGE },
      'huge standard': { ...base, stages: [{ key: 'qualify', standard: 'P106751991167300D' }, ...st.slice(1)] },
      'huge frozenAfter': { ...base, stages: [{ key: 'qualify', standard: 'P5D', frozenAfter: 'P106751991167300D' }, ...st.slice(1)] },
      'negative standard': { ...base, stages: [{ key: 'qualify', standard: 'P-5D' }, ...st.slice(1)] },
      'standard in months': { ...base, stages: [{ key: 'qualify', standard: 'P1M' }, ...st.slice(1)] },
      'rushedBelow huge': { ...base, stages: [{ key: 'qualify', standard: 'P5D', rushedBelow: 1e308, slowAbove: 1e309 }, ...st.slice(1)] },
      'unknown field': { ...base, autoHandof: true },
      'unknown stage kind': { ...base, stages: [{ key: 'qualify', kind: 'MAYBE' }] },
      'stages as string': { ...base, stages: 'qualify' },
      'stages as null': { ...base, stages: null },
      'stage as number': { ...base, stages: [42] },
      'autoHandoff as string': { ...base, autoHandoff: 'yes' },
      'calendar unknown zone': { ...base, calendar: { zone: 'Mars/Olympus' } },
      'calendar NUL zone': { ...base, calendar: { zone: NUL } },
      'calendar hours reversed': { ...base, calendar: { zone: 'Europe/Paris', hours: { from: '18:00', to: '09:00' } } },
      'calendar null workday and holiday': { ...base, calendar: { zone: 'UTC', workdays: [null], holidays: [null, '2026-02-30'] } },
      'calendar as string': { ...base, calendar: 'Europe/Paris' },
      'empty object': {},
      'array instead of object': [base],
    });
  } else if (op === 'POST::/api/v1/transitions') {
    const e = base[0];
    const ev = (over) => [{ ...e, eventId: `fz-mut-${Object.keys(over).join('-')}`, ...over }];
    Object.assign(mutants, {
      'NUL in attribute value': ev({ attributes: { region: NUL } }),
      'NUL in attribute key': ev({ attributes: { [NUL]: 'v' } }),
      'NUL in eventId': [{ ...e, eventId: NUL }],
      'NUL in ownerId': ev({ ownerId: NUL }),
      'lone surrogate in eventId': [{ ...e, eventId: LONE_SURROGATE }],
      'huge eventId': [{ ...e, eventId: HUGE }],
      'huge attribute value': ev({ attributes: { region: HUGE } }),
      'occurredAt year 999999999': ev({ occurredAt: INSTANTS['year-999999999'] }),
      'occurredAt year -999999999': ev({ occurredAt: INSTANTS['year-minus-999999999'] }),
      'occurredAt 30 February': ev({ occurredAt: INSTANTS['feb-30'] }),
      'occurredAt without offset': ev({ occurredAt: INSTANTS['no-offset'] }),
      'amount as string': ev({ amount: 'lots' }),
      'amount negative': ev({ amount: -1 }),
      'amount huge': ev({ amount: 1e308 }),
      'attributes as array': ev({ attributes: ['south'] }),
      'attribute value as object': ev({ attributes: { region: { nested: true } } }),
      'unknown field': ev({ ammount: 12 }),
      'unknown pipeline': ev({ pipelineId: 'fz-no-such-pipeline' }),
      'unknown stage': ev({ stage: 'fz-no-such-stage' }),
      'missing eventId': [{ ...e, eventId: undefined }],
      'null event': [null],
      'empty batch': [],
      'object instead of array': e,
      'number instead of array': 42,
    });
  } else if (op.endsWith('/handoffs')) {
    Object.assign(mutants, {
      'NUL in reason': { ...base, reason: NUL },
      'NUL in by': { ...base, by: NUL },
      'lone surrogate in reason': { ...base, reason: LONE_SURROGATE },
      'huge reason': { ...base, reason: HUGE },
      'at year 999999999': { ...base, at: INSTANTS['year-999999999'] },
      'at 30 February': { ...base, at: INSTANTS['feb-30'] },
      'unknown direction': { ...base, direction: 'SIDEWAYS' },
      'direction as number': { ...base, direction: 1 },
      'TO_SALES without stage': { ...base, direction: 'TO_SALES', ownerId: 'bob' },
      'TO_SALES with NUL stage': { ...base, direction: 'TO_SALES', stage: NUL, ownerId: 'bob' },
      'unknown field': { ...base, resaon: 'typo' },
      'array instead of object': [base],
    });
  } else if (op === 'POST::/api/v1/webhooks') {
    Object.assign(mutants, {
      'NUL in url': { ...base, url: `http://127.0.0.1:9/${NUL}` },
      'lone surrogate in url': { ...base, url: `http://127.0.0.1:9/${LONE_SURROGATE}` },
      'huge url': { ...base, url: `http://127.0.0.1:9/${HUGE}` },
      'relative url': { ...base, url: '/hook' },
      'javascript url': { ...base, url: 'javascript:alert(1)' },
      'unknown event': { ...base, events: ['opportunity.exploded'] },
      'events as string': { ...base, events: 'opportunity.frozen' },
      'NUL in event': { ...base, events: [NUL] },
      'unknown field': { ...base, secret: 'mine' },
      'array instead of object': [base],
    });
  } else if (op === 'POST::/api/v1/tenants') {
    Object.assign(mutants, {
      'NUL in id': { ...base, id: NUL },
      'NUL in name': { ...base, id: 'fz-t-nul', name: NUL },
      'lone surrogate in id': { ...base, id: LONE_SURROGATE },
      'huge name': { ...base, id: 'fz-t-huge', name: HUGE },
      'missing id': { name: base.name },
      'id as number': { ...base, id: 42 },
      'unknown field': { ...base, id: 'fz-t-unknown', plan: 'gold' },
      'array instead of object': [base],
    });
  } else if (op === 'POST::/api/v1/keys') {
    Object.assign(mutants, {
      'NUL in name': { ...base, name: NUL },
      'lone surrogate in name': { ...base, name: LONE_SURROGATE },
      'huge name': { ...base, name: HUGE },
      'unknown role': { ...base, roles: ['root'] },
      'no roles': { ...base, roles: [] },
      'rep without ownerId': { ...base, roles: ['rep'] },
      'NUL in ownerId': { ...base, roles: ['rep'], ownerId: NUL },
      'expiresAt in the past': { ...base, expiresAt: '2001-01-01T00:00:00Z' },
      'expiresAt year 999999999': { ...base, expiresAt: INSTANTS['year-999999999'] },
      'expiresAt 30 February': { ...base, expiresAt: INSTANTS['feb-30'] },
      'unknown field': { ...base, key: 'ph_mine' },
      'array instead of object': [base],
    });
  } else if (op.startsWith('POST::/api/v1/connectors') || op.startsWith('PUT::/api/v1/connectors')) {
    Object.assign(mutants, {
      'NUL in name': { ...base, name: NUL },
      'lone surrogate in name': { ...base, name: LONE_SURROGATE },
      'huge name': { ...base, name: HUGE },
      'unknown kind': { ...base, kind: 'ZOHO' },
      'no stages': { ...base, stages: [] },
      'unknown pipeline': { ...base, stages: [{ crmStage: 'x', pipelineId: 'fz-no-such-pipeline', stage: 'qualify' }] },
      'unknown stage': { ...base, stages: [{ crmStage: 'x', pipelineId: 'std', stage: 'fz-no-such-stage' }] },
      'NUL in crmStage': { ...base, stages: [{ crmStage: NUL, pipelineId: 'std', stage: 'qualify' }] },
      'secret for an export': { ...base, secret: 'user:pw' },
      'hubspot without secret': { ...base, kind: 'HUBSPOT' },
      'pipedrive secret without colon': { ...base, kind: 'PIPEDRIVE', secret: 'nocolon' },
      'owners as array': { ...base, owners: ['ana'] },
      'unknown field': { ...base, inboundUrl: 'http://x' },
      'array instead of object': [base],
    });
  }
  const mayPass = ['amount huge'];
  for (const [label, body] of Object.entries(mutants)) variation(`body ${label}`, op, b(body), { refuse: !mayPass.includes(label) });

  const h = (value) => ({ overwriteRequestHeaders: [{ key: 'Content-Type', value, overwrite: true }] });
  for (const [label, value] of Object.entries({
    garbage: '%%%garbage', xml: 'application/xml', 'csv for a json body': 'text/csv',
    'bad charset': 'application/json; charset=klingon',
  })) {
    // an inbound connector takes text/csv as well (a Salesforce export)
    if (op.startsWith('POST::/api/v1/inbound') && label === 'csv for a json body') continue;
    variation(`content-type ${label}`, op, h(value));
  }
}

function build(openapi) {
  const methods = ['get', 'put', 'post', 'delete', 'patch'];
  for (const [path, item] of Object.entries(openapi.paths)) {
    for (const m of methods) {
      if (!item[m]) continue;
      const op = `${m.toUpperCase()}::${path}`;
      if (!OPS[op]) throw new Error(`portman-config.js: no entry for ${op}; add it to OPS`);
      const params = [...(item.parameters || []), ...(item[m].parameters || [])]
        .map((p) => (p.$ref ? openapi.components.parameters[p.$ref.split('/').pop()] : p));
      OPS[op].paramNames = params.filter((p) => p.in === 'query').map((p) => p.name);
      OPS[op].firstClientError = Object.keys(item[m].responses).find((code) => code.startsWith('4'));
    }
  }
  const overwrites = [];
  for (const [op, o] of Object.entries(OPS)) {
    if (!o.paramNames) throw new Error(`portman-config.js: ${op} is not in openapi.yaml`);
    const w = { openApiOperation: op };
    if (o.path) w.overwriteRequestPathVariables = Object.entries(o.path).map(([key, value]) => ({ key, value, overwrite: true }));
    if (o.query) w.overwriteRequestQueryParams = Object.entries(o.query).map(([key, value]) => ({ key, value, overwrite: true, insert: true }));
    if (BODIES[op]) w.overwriteRequestBody = [{ key: '.', value: BODIES[op], overwrite: true }];
    if (o.headers) w.overwriteRequestHeaders = Object.entries(o.headers).map(([key, value]) => ({ key, value, overwrite: true, insert: true }));
    overwrites.push(w);
    // portman's own fuzzing: drop required fields, go below/above minimum, maximum, minLength
    // and maxLength wherever openapi.yaml declares them, in bodies and query parameters.
    const on = { enabled: true };
    const all = { requiredFields: on, minimumNumberFields: on, maximumNumberFields: on, minLengthFields: on, maxLengthFields: on };
    addVariation(op, { name: 'portman fuzz', tests: refusedTests, fuzzing: [{ requestBody: [all], requestQueryParams: [all] }] });
    queryVariations(op);
    pathVariations(op);
    if (o.body) bodyVariations(op);
  }
  return {
    version: 1.0,
    tests: {
      // The verdict on every response comes from check-report.js; the one test portman adds is
      // that the seeded main request of each operation succeeds, so it exercises real code.
      contractTests: [{ openApiOperation: '*::/*', statusSuccess: { enabled: true } }],
      variationTests: [...variations].map(([op, list]) => ({ openApiOperation: op, variations: list })),
    },
    overwrites,
    globals: {
      // openapi.yaml's bearer scheme becomes the collection's auth; the seeded operator + admin key fills it.
      securityOverwrites: { bearer: { token: '{{apiKey}}' } },
      collectionPreRequestScripts: [
        "pm.variables.set('hugeString', 'fz'.repeat(50000)); pm.variables.set('longString', 'fz'.repeat(1500));",
      ],
      orderOfFolders: [],
    },
  };
}

module.exports = { build };

if (require.main === module) {
  const yaml = require('js-yaml');
  const fs = require('fs');
  const openapi = yaml.load(fs.readFileSync(process.argv[2], 'utf8'));
  process.stdout.write(JSON.stringify(build(openapi), null, 2));
}
