// The wire protocol (docs/protocol.md) and the HTTP bodies (openapi.yaml), as types.
// test/protocol-types.test.mjs holds every event interface here to its component in openapi.yaml:
// property names, which are required, and the `type` literal.
export {};
