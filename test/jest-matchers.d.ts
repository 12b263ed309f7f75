/**
 * The `toHaveResource*` matchers that `Testing.setupJest()` (test/setup.ts) registers, declared here
 * rather than imported from a framework's private `lib/testing/adapters/jest` path; cdktf and cdktn
 * declare them identically.
 */
interface TerraformConstructorLike {
  readonly tfResourceType: string;
}

declare namespace jest {
  interface Matchers<R> {
    toHaveResource(resourceConstructor: TerraformConstructorLike): R;
    toHaveResourceWithProperties(
      resourceConstructor: TerraformConstructorLike,
      properties: Record<string, unknown>,
    ): R;
    toHaveDataSource(dataSourceConstructor: TerraformConstructorLike): R;
    toHaveDataSourceWithProperties(
      dataSourceConstructor: TerraformConstructorLike,
      properties: Record<string, unknown>,
    ): R;
    toHaveProvider(providerConstructor: TerraformConstructorLike): R;
    toHaveProviderWithProperties(
      providerConstructor: TerraformConstructorLike,
      properties: Record<string, unknown>,
    ): R;
    toBeValidTerraform(): R;
    toPlanSuccessfully(): R;
  }
}
