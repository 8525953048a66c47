import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { parse } from "yaml";
import { ENV_KEYS } from "../lib/env";
import { recourseMetrics } from "../lib/observability/registry";
import { registerDatabaseGauges } from "../lib/observability/database-gauges";
import type { Db } from "../lib/db";
import { SCALED_ROLES } from "../workers/role-names";

/**
 * docker-compose.yml and its companions stay consistent with the code: pinned images, documented
 * variables, health checks where something waits on them, one worker service per role running
 * the real entrypoint, the Hatchet version README promises, no secret in the file, and Prometheus
 * and the Grafana dashboard asking only for metrics the code exports.
 */
interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string | number | null>;
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  profiles?: string[];
  ports?: string[];
  volumes?: string[];
  container_name?: string;
}

const raw = readFileSync("docker-compose.yml", "utf8");
const compose = parse(raw, { merge: true }) as { name: string; services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;
const envExample = readFileSync(".env.example", "utf8");
const documented = new Set([...envExample.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));
const ONE_SHOT = new Set(["migrate", "hatchet-token"]);

test("the stack has its services, and the workers one service per role", () => {
  for (const name of ["postgres", "hatchet-postgres", "hatchet-lite", "hatchet-token", "livekit", "redis", "migrate", "app", "prometheus", "grafana", "loki", "promtail"]) assert.ok(services[name], `service ${name}`);
  const workerServices = Object.keys(services).filter((name) => name.startsWith("worker-")).sort();
  assert.deepEqual(workerServices, SCALED_ROLES.map((role) => `worker-${role}`).sort());
  for (const role of SCALED_ROLES) {
    const worker = services[`worker-${role}`]!;
    assert.equal(worker.environment?.RECOURSE_WORKER_ROLE, role);
    const command = Array.isArray(worker.command) ? worker.command : [];
    const entry = command.find((part) => part.startsWith("workers/"));
    assert.ok(entry && existsSync(entry), `worker-${role} runs an entrypoint that exists (${entry})`);
    // Scalable with --scale: no fixed container name and no host port to collide on.
    assert.equal(worker.container_name, undefined);
    assert.equal(worker.ports, undefined, `worker-${role} publishes no host port`);
  }
  for (const name of ["prometheus", "grafana", "loki", "promtail"]) assert.deepEqual(services[name]!.profiles, ["observability"], name);
});

test("every image is pinned to a tag or digest, never latest", () => {
  for (const [name, service] of Object.entries(services)) {
    assert.ok(service.image, `${name} names its image`);
    const image = service.image!;
    if (service.build) {
      assert.match(image, /^recourse:/, `${name} is the app image`);
      continue;
    }
    const pinned = /@sha256:[0-9a-f]{64}$/.test(image) || /:[\w][\w.-]*$/.test(image.split("/").pop()!);
    assert.ok(pinned, `${name}: ${image} has no tag or digest`);
    assert.doesNotMatch(image, /:latest$/, `${name}: ${image}`);
  }
});

test("every variable the file reads is documented in .env.example", () => {
  const referenced = new Set([...raw.matchAll(/\$\{([A-Z][A-Z0-9_]*)(?::?[-?][^}]*)?\}/g)].map((m) => m[1]!));
  assert.ok(referenced.size > 10);
  const missing = [...referenced].filter((name) => !documented.has(name));
  assert.deepEqual(missing, [], `not in .env.example: ${missing.join(", ")}`);
});

test("the variables handed to Recourse containers are ones lib/env.ts knows", () => {
  const known = new Set([...ENV_KEYS, "HATCHET_CLIENT_TOKEN_FILE", "HATCHET_CLIENT_LOG_LEVEL"]);
  for (const name of ["app", "migrate", ...SCALED_ROLES.map((r) => `worker-${r}`)]) {
    const unknown = Object.keys(services[name]!.environment ?? {}).filter((key) => !known.has(key));
    assert.deepEqual(unknown, [], `${name}: ${unknown.join(", ")}`);
    for (const key of Object.keys(services[name]!.environment ?? {})) assert.ok(documented.has(key), `${name}: ${key} is documented`);
  }
});

test("no secret is written in the file: credentials are interpolated from .env", () => {
  const secretish = /(PASSWORD|SECRET|_TOKEN$|API_KEY)/;
  for (const [name, service] of Object.entries(services)) {
    for (const [key, value] of Object.entries(service.environment ?? {})) {
      if (!secretish.test(key) || value === null) continue;
      assert.match(String(value), /^\$\{[A-Z_]+(:\?[^}]*)?\}$/, `${name}.${key} must come from .env`);
    }
  }
  // Inside URLs and multi-line configs too: a literal after "password" or a key pair would be a leak.
  assert.doesNotMatch(raw, /postgres(ql)?:\/\/\w+:(?!\$\{)[^@]+@/, "database URLs take their password from .env");
});

test("health checks exist where something waits on them; one-shot jobs are waited for to complete", () => {
  for (const name of ["postgres", "hatchet-postgres", "hatchet-lite", "livekit", "redis", "app", "prometheus", "grafana", "loki", ...SCALED_ROLES.map((r) => `worker-${r}`)]) {
    assert.ok(services[name]!.healthcheck?.test, `${name} has a health check`);
  }
  for (const [name, service] of Object.entries(services)) {
    for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
      const target = services[dependency];
      assert.ok(target, `${name} depends on unknown ${dependency}`);
      if (condition === "service_healthy") assert.ok(target.healthcheck, `${name} waits for ${dependency} to be healthy, which has no health check`);
      else assert.equal(condition, "service_completed_successfully", `${name} → ${dependency}`);
      if (condition === "service_completed_successfully") assert.ok(ONE_SHOT.has(dependency) && !target.restart, `${dependency} is a one-shot job`);
    }
  }
  assert.equal(services.app!.depends_on?.migrate?.condition, "service_completed_successfully");
  // The app and the workers health-check the endpoints this code serves.
  assert.match(JSON.stringify(services.app!.healthcheck?.test), /:3000\/healthz/);
  assert.match(JSON.stringify(services["worker-core"]!.healthcheck?.test), /:9464\/healthz/);
});

test("Hatchet runs the engine version README names as compatible with the SDK in package.json", () => {
  const sdk = (JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string> }).dependencies["@hatchet-dev/typescript-sdk"];
  const readme = readFileSync("README.md", "utf8");
  const line = readme.split("\n").find((l) => l.includes("Compatible Hatchet engine"));
  assert.ok(line, "README has a 'Compatible Hatchet engine' line");
  const engine = line.match(/hatchet-lite:(v\d+\.\d+\.\d+)/)?.[1];
  assert.ok(engine, line);
  assert.ok(line.includes(`@hatchet-dev/typescript-sdk ${sdk}`), `README's line names the SDK version in package.json (${sdk})`);
  for (const name of ["hatchet-lite", "hatchet-token"]) assert.equal(services[name]!.image, `ghcr.io/hatchet-dev/hatchet/hatchet-lite:${engine}`, name);
  // Workers and the console reach that engine through the token the setup job writes.
  for (const name of ["app", ...SCALED_ROLES.map((r) => `worker-${r}`)]) {
    assert.equal(services[name]!.environment?.HATCHET_CLIENT_TOKEN_FILE, "/run/hatchet/token");
    assert.ok(services[name]!.volumes?.includes("hatchet-token:/run/hatchet:ro"), `${name} mounts the token read-only`);
  }
  assert.match(String(services["hatchet-token"]!.command), /hatchet-admin token create/);
});

test("Prometheus scrapes the app and every worker role; the dashboard queries only exported metrics", () => {
  const prometheus = parse(readFileSync("docker/prometheus/prometheus.yml", "utf8")) as { scrape_configs: { job_name: string; static_configs?: { targets: string[] }[]; dns_sd_configs?: { names: string[]; port: number }[] }[] };
  const targets = prometheus.scrape_configs.flatMap((job) => [...(job.static_configs ?? []).flatMap((c) => c.targets), ...(job.dns_sd_configs ?? []).flatMap((c) => c.names.map((n) => `${n}:${c.port}`))]);
  assert.ok(targets.includes("app:3000"));
  for (const role of SCALED_ROLES) assert.ok(targets.includes(`worker-${role}:9464`), role);

  const metrics = recourseMetrics();
  // Only the metric definitions are read; nothing here touches a database.
  registerDatabaseGauges(metrics, {} as Db);
  const exported = new Set(metrics.registry.getMetricsAsArray().map((m) => m.name));
  const dashboard = JSON.parse(readFileSync("docker/grafana/dashboards/recourse.json", "utf8")) as { uid: string; panels: { title: string; targets: { expr: string; datasource: { uid: string } }[] }[] };
  assert.equal(dashboard.uid, "recourse-overview");
  const datasources = readFileSync("docker/grafana/provisioning/datasources/datasources.yml", "utf8");
  let queried = 0;
  for (const panel of dashboard.panels) {
    for (const target of panel.targets) {
      assert.ok(datasources.includes(`uid: ${target.datasource.uid}`), `${panel.title}: datasource ${target.datasource.uid} is provisioned`);
      for (const [name] of target.expr.matchAll(/recourse_[a-z0-9_]+/g)) {
        const base = name.replace(/_(bucket|count|sum)$/, "");
        assert.ok(exported.has(name) || exported.has(base), `${panel.title}: ${name} is not exported`);
        queried++;
      }
    }
  }
  assert.ok(queried >= 10, `the dashboard queries ${queried} series`);
});
