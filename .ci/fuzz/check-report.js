// Judges every request of a newman JSON report against openapi.yaml:
//   - no 5xx and no request without an answer;
//   - the status is one the operation documents (exact, NXX or default);
//   - the Content-Type is one the contract gives for that status, and a JSON body parses and
//     matches its schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses); no body where the
//     contract gives no content;
//   - the tests portman put in the collection (the seeded main request of each operation
//     answers 2xx) passed.
// Usage: node check-report.js newman-report.json openapi.yaml
// Prints failures and per-operation counts, then "N passed, M failed"; exits 1 on any failure.
'use strict';

const fs = require('fs');
const yaml = require('js-yaml');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats');

const [reportFile, openapiFile] = process.argv.slice(2);
const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
const openapi = yaml.load(fs.readFileSync(openapiFile, 'utf8'));

const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addSchema({ ...openapi, $id: 'openapi' }); // response schemas are compiled by pointer into it

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const pointer = (...parts) => parts.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

// Operations with a matcher for concrete paths; templates with fewer variables win.
const operations = [];
for (const [path, item] of Object.entries(openapi.paths)) {
  const vars = (path.match(/\{[^}]+\}/g) || []).length;
  const re = new RegExp('^' + path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+') + '$');
  for (const m of METHODS) if (item[m]) operations.push({ key: `${m.toUpperCase()} ${path}`, method: m, path, re, vars, op: item[m] });
}
operations.sort((a, b) => a.vars - b.vars);

function resolveResponse(op, opPath, method, status) {
  const code = String(status);
  const key = [code, `${code[0]}XX`, `${code[0]}xx`, 'default'].find((k) => op.responses[k]);
  if (!key) return null;
  let response = op.responses[key];
  let where = ['paths', opPath, method, 'responses', key];
  if (response.$ref) {
    where = response.$ref.replace(/^#\//, '').split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    response = where.reduce((node, k) => node[k], openapi);
  }
  return { key, response, where };
}

const validators = new Map();
function validatorFor(where, mediaType) {
  const ref = 'openapi#/' + pointer(...where, 'content', mediaType, 'schema');
  if (!validators.has(ref)) validators.set(ref, ajv.compile({ $ref: ref }));
  return validators.get(ref);
}

const header = (response, name) =>
  (response.header || []).find((h) => h.key.toLowerCase() === name.toLowerCase())?.value;
const bodyText = (response) => (response.stream ? Buffer.from(response.stream.data || response.stream).toString('utf8') : '');
const clip = (s, n = 160) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);

function judge(execution) {
  const { request, response, item } = execution;
  const reasons = [];
  const path = '/' + (request.url.path || []).join('/');
  const method = request.method.toLowerCase();
  const operation = operations.find((o) => o.method === method && o.re.test(path));
  const opKey = operation ? operation.key : `${request.method} ${path} (not in openapi.yaml)`;
  if (!operation) reasons.push('no operation of openapi.yaml matches this request');
  // portman cannot put a fuzzed value under a map's additionalProperties (or under a property the
  // happy body leaves out): such a variation goes out as the unchanged, valid body, so its 2xx
  // says nothing; only the contract checks below apply to it.
  const unfuzzable = /\[portman fuzz\].*additionalProperties/.test(item.name || '');
  for (const a of execution.assertions || []) {
    if (a.error && !(unfuzzable && /hostile input is refused/.test(a.assertion))) {
      reasons.push(`portman test "${a.assertion}": ${a.error.message}`);
    }
  }
  if (!response) {
    reasons.push(`no answer: ${execution.requestError?.message || execution.requestError?.code || 'the request failed'}`);
    return { opKey, status: '-', reasons };
  }
  const status = response.code;
  if (status >= 500) reasons.push(`server error ${status}`);
  if (operation) {
    const resolved = resolveResponse(operation.op, operation.path, operation.method, status);
    if (!resolved) {
      reasons.push(`status ${status} is not documented (documented: ${Object.keys(operation.op.responses).join(', ')})`);
    } else {
      const content = resolved.response.content || {};
      const mediaTypes = Object.keys(content);
      const contentType = (header(response, 'Content-Type') || '').split(';')[0].trim().toLowerCase();
      const text = bodyText(response);
      if (mediaTypes.length === 0) {
        if (text.length > 0) reasons.push(`status ${status} documents no body, got ${clip(contentType || 'no content type')} "${clip(text, 80)}"`);
      } else if (!mediaTypes.includes(contentType)) {
        reasons.push(`Content-Type "${contentType || '(none)'}" is not one of ${mediaTypes.join(', ')} for ${status}; body "${clip(text, 120)}"`);
      } else if (/[/+]json$/.test(contentType) && content[contentType].schema) {
        let body;
        try {
          body = JSON.parse(text);
        } catch (e) {
          reasons.push(`${contentType} body is not JSON: "${clip(text, 120)}"`);
        }
        if (body !== undefined) {
          const validate = validatorFor(resolved.where, contentType);
          if (!validate(body)) {
            const errs = validate.errors.slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`);
            reasons.push(`body does not match the ${resolved.key} schema: ${errs.join('; ')}${validate.errors.length > 3 ? ` (+${validate.errors.length - 3} more)` : ''}`);
          }
        }
      }
    }
  }
  return { opKey, status, reasons, name: item.name };
}

const executions = report.run.executions || [];
const perOp = new Map();
const failures = [];
const touched = new Set();
for (const execution of executions) {
  const verdict = judge(execution);
  touched.add(verdict.opKey);
  const counts = perOp.get(verdict.opKey) || { sent: 0, failed: 0, statuses: {} };
  counts.sent++;
  counts.statuses[verdict.status] = (counts.statuses[verdict.status] || 0) + 1;
  if (verdict.reasons.length > 0) {
    counts.failed++;
    const url = execution.request.url;
    const query = (url.query || []).filter((q) => !q.disabled).map((q) => `${q.key}=${q.value ?? ''}`).join('&');
    const body = execution.request.body && execution.request.body.raw;
    failures.push({
      line: `FAIL ${verdict.opKey} -> ${verdict.status}  [${execution.item.name}]`,
      request: `  request: ${execution.request.method} /${(url.path || []).join('/')}${query ? '?' + query : ''}${body ? ' body ' + JSON.stringify(body) : ''}`,
      reasons: verdict.reasons,
    });
  }
  perOp.set(verdict.opKey, counts);
}

for (const f of failures) {
  console.log(f.line);
  console.log(clip(f.request, 400));
  for (const r of f.reasons) console.log(`  reason: ${r}`);
}
console.log('');
console.log(`Requests sent: ${executions.length}`);
for (const o of operations) {
  const c = perOp.get(o.key) || { sent: 0, failed: 0, statuses: {} };
  const statuses = Object.entries(c.statuses).map(([s, n]) => `${s}×${n}`).join(' ');
  console.log(`  ${o.key.padEnd(52)} ${String(c.sent).padStart(4)} sent ${String(c.failed).padStart(4)} failed   ${statuses}`);
  perOp.delete(o.key);
}
for (const [key, c] of perOp) console.log(`  ${key.padEnd(52)} ${String(c.sent).padStart(4)} sent ${String(c.failed).padStart(4)} failed`);
const untouched = operations.filter((o) => !touched.has(o.key));
for (const o of untouched) console.log(`FAIL ${o.key}: no request was sent to this operation`);
const failed = failures.length + untouched.length;
console.log(`${executions.length - failures.length} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
