/** The one error type the review tooling throws for input it cannot use. */

/**
 * Bad input: a missing file, a file that is not Terraform JSON, a malformed plan, an unknown stage.
 * `what` says what is wrong and `where` where (a path, an address, an option); the CLI prints
 * `serverless-canary: <what>: <where>` and exits 2.
 */
export class InputError extends Error {
  readonly what: string;
  readonly where: string;

  constructor(what: string, where: string) {
    super(`${what}: ${where}`);
    this.name = "InputError";
    this.what = what;
    this.where = where;
  }
}
