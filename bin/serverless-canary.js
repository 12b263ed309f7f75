#!/usr/bin/env node
/* eslint-disable */
// The serverless-canary CLI. Runs the compiled lib/ when the package is built (as installed from
// npm); in a fresh clone before `npm run build` it runs the TypeScript sources through tsx.
// SERVERLESS_CANARY_FROM_SOURCE=1 forces the sources (tests, development).
"use strict";
const path = require("path");
const fs = require("fs");

const compiled = path.join(__dirname, "..", "lib", "cli", "main.js");
let cli;
if (fs.existsSync(compiled) && !process.env.SERVERLESS_CANARY_FROM_SOURCE) {
  cli = require(compiled);
} else {
  try {
    require("tsx/cjs");
  } catch (e) {
    process.stderr.write(
      "serverless-canary: neither lib/cli/main.js nor tsx is available (run npm run build): " +
        __dirname +
        "\n",
    );
    process.exit(2);
  }
  cli = require(path.join(__dirname, "..", "src", "cli", "main.ts"));
}

cli.main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    // main never rejects; this is the last guard against a stack trace.
    process.stderr.write(
      "serverless-canary: unexpected error (" + (e && e.message) + "): " + __filename + "\n",
    );
    process.exitCode = 2;
  },
);
