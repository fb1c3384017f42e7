/**
 * A parsed JSON body in a test (an API or emulator response, a webhook, the OpenAPI document).
 * Tests read it field by field and `expect` checks the shape at run time, failing the test on a
 * wrong one; declaring a type for every response would copy the routes' zod schemas into the tests.
 * Source code never uses this: there, JSON is `unknown` until a schema has checked it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one deliberate `any` of the tests, explained above
export type Json = any;
