/**
 * Prisma's WebAssembly schema engine (from npm) driven over node-postgres, so migrations can be
 * generated on machines where the Prisma CLI cannot download its native engine. The adapter
 * below papers over the gaps TOOLCHAIN.md lists: the catalogue's `"char"` columns, scripts split
 * on ';', and a shadow database that must be a real separate database, closed before it is dropped.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import pg from "pg";

/** The slice of the engine's API these tools use (types from @prisma/schema-engine-wasm). */
export interface WasmSchemaEngine {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
}

const PG_CHAR_OID = 18; // Postgres' internal one-byte "char" type, used by pg_catalog
const PG_TEXT_OID = 25;
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils

interface PatchableAdapter {
  client: pg.Pool;
  performIO(query: unknown): Promise<{ fields: { dataTypeID: number }[] }>;
  queryRaw(query: unknown): Promise<{ columnTypes: number[] }>;
  executeScript(script: string): Promise<void>;
  onError(error: unknown): never;
  dispose(): Promise<void>;
}

function patchAdapter<T>(adapter: T): T {
  const target = adapter as unknown as PatchableAdapter;
  // The adapter has no mapping for "char" columns (pg_constraint.contype and friends): decode them
  // as text, then tell the engine they are Character, which is what its catalogue reader expects.
  const performIO = target.performIO.bind(target);
  const queryRaw = target.queryRaw.bind(target);
  // Keyed by the query object, which queryRaw hands to performIO: safe with queries in flight.
  const charColumns = new WeakMap<object, number[]>();
  target.performIO = async (query) => {
    const result = await performIO(query);
    const indexes: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        indexes.push(index);
      }
    });
    if (indexes.length > 0 && typeof query === "object" && query !== null) charColumns.set(query, indexes);
    return result;
  };
  target.queryRaw = async (query) => {
    const result = await queryRaw(query);
    const indexes = typeof query === "object" && query !== null ? charColumns.get(query) : undefined;
    for (const index of indexes ?? []) result.columnTypes[index] = COLUMN_TYPE_CHARACTER;
    return result;
  };
  // One simple-protocol query: Postgres runs the whole script, $$ bodies and all, in one go.
  target.executeScript = async (script) => {
    try {
      await target.client.query(script);
    } catch (error) {
      target.onError(error);
    }
  };
  return adapter;
}

function adapterFactory(databaseUrl: string) {
  const base = new PrismaPg({ connectionString: databaseUrl });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => patchAdapter(await base.connect()),
    async connectToShadowDb() {
      const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      // In node-postgres the connection string wins over a `database` option: name it in the URL.
      const shadowUrl = new URL(databaseUrl);
      shadowUrl.pathname = `/${name}`;
      const shadow = patchAdapter(await new PrismaPg({ connectionString: shadowUrl.toString() }).connect());
      const target = shadow as unknown as PatchableAdapter;
      const dispose = target.dispose.bind(target);
      target.dispose = async () => {
        await dispose(); // closes the shadow pool first: a database with sessions cannot be dropped
        const cleanup = new pg.Client({ connectionString: databaseUrl });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await cleanup.end();
      };
      return shadow;
    },
  };
}

/** The engine reports Rust panics through this global; without it a panic surfaces as a TypeError. */
const panics = { last: "" };
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
  set_message(message: string) {
    panics.last = message;
  },
};

/** The last panic message of the wasm engine, for error reports. */
export function lastEnginePanic(): string {
  return panics.last;
}

/** Loads the wasm engine by hand: Node 20 cannot `import` a .wasm module without a flag. */
async function loadEngineModule() {
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as Record<string, unknown> & {
    __wbg_set_wasm(exports: WebAssembly.Exports): void;
    SchemaEngine: { new: (options: unknown, log: (message: string) => void, adapter: unknown) => Promise<WasmSchemaEngine> };
  };
  const bytes = await readFile(gluePath.replace(/schema_engine_bg\.js$/, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue as WebAssembly.ModuleImports });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

let engineModule: ReturnType<typeof loadEngineModule> | undefined;

/** A schema engine connected to `databaseUrl`, whose cluster also hosts its shadow databases. */
export async function openSchemaEngine(databaseUrl: string, schema: { path: string; content: string }): Promise<WasmSchemaEngine> {
  engineModule ??= loadEngineModule();
  const { SchemaEngine } = await engineModule;
  return SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => undefined, bindMigrationAwareSqlAdapterFactory(adapterFactory(databaseUrl) as never));
}
