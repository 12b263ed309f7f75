import { Diagnostic, formatDiagnostic } from "../routing";

/**
 * A construct was given a configuration the cloud (or the library) would reject. The message
 * starts with the construct path (once: a message whose subject is already the path is not prefixed
 * again) and names the bad value and what is allowed.
 */
export class ReleaseValidationError extends Error {
  constructor(
    public readonly constructPath: string,
    message: string,
    public readonly diagnostics: readonly Diagnostic[] = [],
  ) {
    super(message.startsWith(`${constructPath} `) ? message : `${constructPath}: ${message}`);
    this.name = "ReleaseValidationError";
  }

  static fromDiagnostics(constructPath: string, diagnostics: readonly Diagnostic[]): ReleaseValidationError {
    const errors = diagnostics.filter((d) => d.severity === "error");
    const lines = errors.map(formatDiagnostic);
    return new ReleaseValidationError(
      constructPath,
      lines.length === 1 ? lines[0] : `${lines.length} problems:\n  ${lines.join("\n  ")}`,
      diagnostics,
    );
  }
}
