#!/usr/bin/env node
// Runs Apache Iceberg's REST Compatibility Kit against a running catalog.
//   node tests/rck/run-rck.mjs <catalog-uri> <client_id:client_secret> [warehouse]
// Resolves the RCK jars from Maven Central on first use (pom.xml → target/lib),
// runs RESTCompatibilityKitCatalogTests with JUnit's console launcher
// (rck.local=false: no embedded server) and prints a JSON summary on the last line:
// { found, passed, failed, aborted, failures: [{ test, message }] }.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const lib = join(here, 'target', 'lib');
const [uri, credential, warehouse = 'analytics'] = process.argv.slice(2);
if (!uri || !credential) {
  console.error('usage: run-rck.mjs <catalog-uri> <client_id:client_secret> [warehouse]');
  process.exit(2);
}

const launcherJar = () => readdirSync(lib).find((f) => f.startsWith('junit-platform-console-standalone-'));
if (!existsSync(lib) || !launcherJar()) {
  execFileSync(
    'mvn',
    [
      '-B',
      '-q',
      '--color=never',
      '-f',
      join(here, 'pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${lib}`,
    ],
    {
      // Maven's output goes to stderr: stdout carries only the JSON summary.
      stdio: ['ignore', 2, 2],
    },
  );
}
const classPath = readdirSync(lib)
  .filter((f) => f.endsWith('.jar'))
  .map((f) => join(lib, f))
  .join(':');

const result = spawnSync(
  'java',
  [
    '-Drck.requires-namespace-create=true',
    '-jar',
    join(lib, launcherJar()),
    'execute',
    '--class-path',
    classPath,
    '--select-class',
    'org.apache.iceberg.rest.RESTCompatibilityKitCatalogTests',
    '--config',
    'rck.local=false',
    '--details=tree',
    '--disable-banner',
    '--disable-ansi-colors',
  ],
  {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      CATALOG_URI: uri,
      CATALOG_WAREHOUSE: warehouse,
      CATALOG_CREDENTIAL: credential,
      CATALOG_IO__IMPL: 'org.apache.iceberg.aws.s3.S3FileIO',
    },
  },
);
const out = `${result.stdout}\n${result.stderr}`;
const count = (what) => Number(new RegExp(`\\[\\s*(\\d+) tests ${what}\\s*\\]`).exec(out)?.[1] ?? Number.NaN);
// Tree lines: "│  ├─ testName() ✘ message"; parameterised cases are nested under their method.
const failures = [];
let method = '';
for (const line of out.split('\n')) {
  const m = /[├└]─ (.+?) ([✔✘↷■])(?: (.*))?$/.exec(line);
  if (!m) continue;
  const [, name, mark, message = ''] = m;
  if (/^\[\d+\]/.test(name)) {
    if (mark === '✘') failures.push({ test: `${method} ${name}`, message });
  } else {
    method = name;
    if (mark === '✘') failures.push({ test: name, message });
  }
}
const summary = {
  found: count('found'),
  passed: count('successful'),
  failed: count('failed'),
  aborted: count('aborted'),
  failures,
};
if (Number.isNaN(summary.found)) {
  console.error(out.slice(-20000));
  process.exit(1);
}
console.log(JSON.stringify(summary));
