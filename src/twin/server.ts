/**
 * The twin as a go-plugin gRPC server (hashicorp/go-plugin: docs/guide-plugin-write-non-go.md,
 * docs/internals.md). Terraform starts it with the magic cookie and PLUGIN_CLIENT_CERT; it answers
 * with one handshake line on stdout, `1|6|tcp|127.0.0.1:<port>|grpc|<base64 DER cert, no padding>`,
 * and nothing else ever goes to stdout (diagnostics go to stderr, which Terraform logs).
 * AutoMTLS: Terraform trusts exactly the certificate in the line (ServerName "localhost"), and the
 * server requires the client certificate Terraform passed.
 */
import * as grpc from "@grpc/grpc-js";
import { webcrypto } from "crypto";
import * as fs from "fs";
import * as path from "path";
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata polyfill first.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { CloudCache, providerCloudFile, TWIN_CLOUD_ENV } from "./cloud";
import {
  ApiError,
  applyResource,
  computedOnly,
  fillUnknowns,
  nextIdIn,
  planResource,
  readResource,
  ResourceModels,
} from "./engine";
import { protocolServices } from "./proto";
import { loadProviderSchemas, ProviderSchemas, schemaMessage } from "./schema";
import { decodeValue, encodeValue, TfObject, TfValue } from "./values";

export const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
export const MAGIC_COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

export interface TwinOptions {
  /** `tencentcloud` or `alicloud`: the schema file and the cloud section. */
  readonly provider: string;
  readonly models: ResourceModels;
  readonly schemas?: ProviderSchemas;
  /** The account's base path (each provider keeps `<base>.<provider>.json`); default: $SERVERLESS_CANARY_TWIN_CLOUD. */
  readonly cloudFile?: string;
}

interface Cert {
  readonly certPem: string;
  readonly keyPem: string;
  readonly der: Buffer;
}

/** ECDSA P-256, SAN DNS:localhost, CA:TRUE, serverAuth: what go-plugin's AutoMTLS client expects. */
export async function serverCertificate(): Promise<Cert> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  x509.cryptoProvider.set(webcrypto as any);
  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
      .toString("hex")
      .replace(/^[89a-f]/, "1"),
    name: "CN=localhost, O=serverless-canary twin",
    notBefore: new Date(now - 30_000),
    notAfter: new Date(now + 24 * 3600_000),
    keys,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature |
          x509.KeyUsageFlags.keyEncipherment |
          x509.KeyUsageFlags.keyCertSign,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([
        x509.ExtendedKeyUsage.serverAuth,
        x509.ExtendedKeyUsage.clientAuth,
      ]),
      new x509.SubjectAlternativeNameExtension([{ type: "dns", value: "localhost" }]),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString("base64").replace(/(.{64})/g, "$1\n")}\n-----END PRIVATE KEY-----\n`;
  return { certPem: cert.toString("pem"), keyPem, der: Buffer.from(cert.rawData) };
}

function log(message: string): void {
  process.stderr.write(`[twin] ${message}\n`);
}

type Diag = { severity: number; summary: string; detail: string };
const error = (summary: string, detail = ""): Diag => ({ severity: 1, summary, detail });
const warning = (summary: string, detail = ""): Diag => ({ severity: 2, summary, detail });

function dyn(value: TfValue): { msgpack: Uint8Array } {
  return { msgpack: encodeValue(value) };
}

function asObject(v: TfValue): TfObject | null {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as TfObject) : null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Req = any;

/** The Provider service's handlers, callable without gRPC (tests drive them directly). */
export function providerHandlers(options: TwinOptions) {
  const schemas = options.schemas ?? loadProviderSchemas(options.provider);
  const base = options.cloudFile ?? process.env[TWIN_CLOUD_ENV];
  const cache = new CloudCache(base ? providerCloudFile(base, options.provider) : undefined);
  const schemaOf = (type: string) => {
    const s = schemas.resources[type];
    if (!s) throw new Error(`the twin has no schema for resource type ${type}`);
    return s;
  };
  const providerSchema = () => ({
    provider: schemaMessage(schemas.provider),
    resource_schemas: Object.fromEntries(
      Object.entries(schemas.resources).map(([k, s]) => [k, schemaMessage(s)]),
    ),
    data_source_schemas: Object.fromEntries(
      Object.entries(schemas.dataSources).map(([k, s]) => [k, schemaMessage(s)]),
    ),
    diagnostics: [],
    server_capabilities: { plan_destroy: false, get_provider_schema_optional: false },
  });
  return {
    /** Writes the cloud back now (before the process exits). */
    flush: () => cache.flush(),
    GetMetadata: () => ({
      server_capabilities: { plan_destroy: false, get_provider_schema_optional: false },
      diagnostics: [],
      data_sources: Object.keys(schemas.dataSources).map((type_name) => ({ type_name })),
      resources: Object.keys(schemas.resources).map((type_name) => ({ type_name })),
    }),
    GetProviderSchema: providerSchema,
    ValidateProviderConfig: () => ({ diagnostics: [] }),
    ConfigureProvider: () => ({ diagnostics: [] }),
    StopProvider: () => {
      cache.flush();
      return { Error: "" };
    },
    ValidateDataResourceConfig: () => ({ diagnostics: [] }),
    ReadDataSource: (req: Req) => ({
      state: req.config,
      diagnostics: [warning("the twin returns a data source's config as its state", req.type_name)],
    }),
    ImportResourceState: (req: Req) => ({
      diagnostics: [
        error("import is not modelled by the serverless-canary twin", `${req.type_name} ${req.id}`),
      ],
    }),
    ValidateResourceConfig: (req: Req) => {
      const schema = schemaOf(req.type_name);
      const config = asObject(decodeValue(req.config?.msgpack));
      // terraform-plugin-sdk refuses a value on a Computed-only attribute (Terraform core does not).
      const diagnostics = computedOnly(schema.block)
        .filter((name) => config && config[name] !== null && config[name] !== undefined)
        .map((name) =>
          error(
            `Invalid or unknown key: ${name}`,
            `${req.type_name}.${name} is computed by the provider and cannot be set in configuration`,
          ),
        );
      return { diagnostics };
    },
    UpgradeResourceState: (req: Req) => {
      const raw = req.raw_state?.json ? JSON.parse(Buffer.from(req.raw_state.json).toString("utf8")) : null;
      const schema = schemaOf(req.type_name);
      // Terraform needs every attribute and block present; state written by an older twin may lack some.
      const full: TfObject = {};
      for (const name of Object.keys(schema.block.attributes ?? {})) full[name] = raw?.[name] ?? null;
      for (const [name, nb] of Object.entries(schema.block.block_types ?? {}))
        full[name] = raw?.[name] ?? (nb.nesting_mode === "single" ? null : []);
      return { upgraded_state: dyn(full), diagnostics: [] };
    },
    PlanResourceChange: (req: Req) => {
      const type = req.type_name as string;
      const schema = schemaOf(type);
      const prior = asObject(decodeValue(req.prior_state?.msgpack));
      const proposed = asObject(decodeValue(req.proposed_new_state?.msgpack));
      const config = asObject(decodeValue(req.config?.msgpack));
      const out = planResource(type, schema, options.models[type], prior, proposed, config);
      return {
        planned_state: dyn(out.planned),
        requires_replace: out.requiresReplace.map((name) => ({ steps: [{ attribute_name: name }] })),
        planned_private: req.prior_private ?? Buffer.alloc(0),
        diagnostics: out.warnings.map((w) => warning(w)),
        legacy_type_system: true,
      };
    },
    ApplyResourceChange: (req: Req) => {
      const type = req.type_name as string;
      const schema = schemaOf(type);
      const prior = asObject(decodeValue(req.prior_state?.msgpack));
      const planned = asObject(decodeValue(req.planned_state?.msgpack));
      const config = asObject(decodeValue(req.config?.msgpack));
      try {
        const cloud = cache.get();
        cache.markDirty();
        const state = applyResource(
          {
            type,
            schema,
            cloud,
            prior,
            planned,
            config,
            nextId: (kind) => nextIdIn(cloud, kind),
            complete: (state) => {
              fillUnknowns(state, schema.block, String(state.id ?? ""));
              return state;
            },
          },
          options.models[type],
        );
        return { new_state: dyn(state), private: Buffer.alloc(0), diagnostics: [], legacy_type_system: true };
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        // The provider wraps the SDK error; Terraform prints it with the resource address.
        return {
          new_state: dyn(prior),
          private: Buffer.alloc(0),
          diagnostics: [
            error(
              `${e.code}: ${e.message}`,
              `(serverless-canary provider twin${e.source ? `; rule: ${e.source}` : ""})`,
            ),
          ],
          legacy_type_system: true,
        };
      }
    },
    ReadResource: (req: Req) => {
      const type = req.type_name as string;
      const schema = schemaOf(type);
      const state = asObject(decodeValue(req.current_state?.msgpack));
      if (state === null) return { new_state: dyn(null), diagnostics: [], private: req.private };
      const next = readResource({ type, schema, cloud: cache.get(), state }, options.models[type]);
      return { new_state: dyn(next), diagnostics: [], private: req.private ?? Buffer.alloc(0) };
    },
  };
}

/**
 * `SERVERLESS_CANARY_TWIN_PROFILE=<folder>`: each twin process writes `twin-<pid>.json` there when it
 * exits — its CPU time, its life span and the time spent in each gRPC method (count, ms) — so a
 * rehearsal's cost can be split between Terraform and the twin (`bench/rehearse-profile.ts`).
 */
export const TWIN_PROFILE_ENV = "SERVERLESS_CANARY_TWIN_PROFILE";

interface CallStats {
  count: number;
  ms: number;
}

const profileDir = process.env[TWIN_PROFILE_ENV];
const callStats = new Map<string, CallStats>();

function writeProfile(provider: string, handshakeMs: number): void {
  if (!profileDir) return;
  const cpu = process.cpuUsage();
  const calls = Object.fromEntries(
    [...callStats].map(([k, v]) => [k, { count: v.count, ms: Math.round(v.ms * 10) / 10 }]),
  );
  fs.writeFileSync(
    path.join(profileDir, `twin-${process.pid}.json`),
    JSON.stringify({
      provider,
      pid: process.pid,
      lifeMs: Math.round(process.uptime() * 1000),
      handshakeMs: Math.round(handshakeMs),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      calls,
    }),
  );
}

function unary<T>(name: string, fn: (req: Req) => T): grpc.handleUnaryCall<Req, T> {
  return (call, callback) => {
    const t0 = profileDir ? performance.now() : 0;
    try {
      const out = fn(call.request);
      if (profileDir) {
        const s = callStats.get(name) ?? { count: 0, ms: 0 };
        s.count++;
        s.ms += performance.now() - t0;
        callStats.set(name, s);
      }
      callback(null, out);
    } catch (e) {
      log(`${name} failed: ${(e as Error).stack ?? e}`);
      callback({
        code: grpc.status.INTERNAL,
        details: `twin ${name}: ${(e as Error).message}`,
      } as grpc.ServiceError);
    }
  };
}

/** Serves the twin as Terraform expects; resolves once the handshake line is written. */
export async function serve(options: TwinOptions): Promise<grpc.Server> {
  if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE) {
    process.stderr.write(
      "This binary is a plugin: Terraform starts it (serverless-canary rehearse installs it for you).\n",
    );
    process.exit(1);
  }
  const clientCert = process.env.PLUGIN_CLIENT_CERT;
  if (!clientCert) throw new Error("PLUGIN_CLIENT_CERT is not set: the twin needs go-plugin AutoMTLS");
  const cert = await serverCertificate();
  const services = protocolServices();
  const server = new grpc.Server();
  const { flush, ...handlers } = providerHandlers(options);
  process.on("exit", flush);
  let handshakeMs = 0;
  if (profileDir) process.on("exit", () => writeProfile(options.provider, handshakeMs));
  server.addService(
    services.provider,
    Object.fromEntries(
      Object.entries(handlers).map(([name, fn]) => [name, unary(name, fn as (r: Req) => unknown)]),
    ),
  );
  server.addService(services.controller, {
    Shutdown: (_call: unknown, callback: grpc.sendUnaryData<object>) => {
      flush();
      callback(null, {});
      setImmediate(() => process.exit(0));
    },
  });
  server.addService(services.health, {
    Check: (_call: unknown, callback: grpc.sendUnaryData<object>) => callback(null, { status: 1 }),
  });
  const creds = grpc.ServerCredentials.createSsl(
    Buffer.from(clientCert),
    [{ private_key: Buffer.from(cert.keyPem), cert_chain: Buffer.from(cert.certPem) }],
    true,
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", creds, (err, p) => (err ? reject(err) : resolve(p))),
  );
  const b64 = cert.der.toString("base64").replace(/=+$/, "");
  handshakeMs = process.uptime() * 1000;
  process.stdout.write(`1|6|tcp|127.0.0.1:${port}|grpc|${b64}\n`);
  return server;
}
