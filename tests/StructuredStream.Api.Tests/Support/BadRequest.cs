using System.Net;
using System.Text.Json.Nodes;

namespace StructuredStream.Api.Tests.Support;

/// <summary>One bad request of the catalogue: what is sent, and the status and words of the problem that answers it.</summary>
public sealed record BadRequest(string Name, string Method, string Path, string? Body, HttpStatusCode Status, string Mention)
{
    public string ContentType { get; init; } = "application/json";

    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];

    public override string ToString() => Name;

    public static IReadOnlyList<BadRequest> All { get; } =
    [
        // The body.
        Post("malformed JSON", """{"schemaId":"chat",""", HttpStatusCode.BadRequest, "not JSON"),
        Post("empty body", "", HttpStatusCode.BadRequest, "not a stream request"),
        Post("JSON null", "null", HttpStatusCode.BadRequest, "empty or null"),
        Post("an array, not an object", "[]", HttpStatusCode.BadRequest, "not a stream request"),
        Post("a string, not an object", "\"hello\"", HttpStatusCode.BadRequest, "not a stream request"),
        Post("text/plain body", """{"schemaId":"chat","prompt":"x"}""", HttpStatusCode.UnsupportedMediaType, "Content-Type") with { ContentType = "text/plain" },
        Post("form body", "schemaId=chat&prompt=x", HttpStatusCode.UnsupportedMediaType, "Content-Type") with { ContentType = "application/x-www-form-urlencoded" },
        Post("body over the size limit", $$"""{"schemaId":"chat","prompt":"{{new string('x', 300_000)}}"}""", HttpStatusCode.RequestEntityTooLarge, "262144 bytes"),
        Post("unknown field", """{"schemaId":"chat","promt":"x"}""", HttpStatusCode.BadRequest, "Unknown field '$.promt'"),
        Post("unknown nested field", """{"schemaId":"chat","prompt":"x","model":{"temp":1}}""", HttpStatusCode.BadRequest, "Unknown field '$.model.temp'"),
        Post("prompt of the wrong type", """{"schemaId":"chat","prompt":12}""", HttpStatusCode.BadRequest, "'$.prompt'"),
        Post("messages not an array", """{"schemaId":"chat","messages":"hi"}""", HttpStatusCode.BadRequest, "'$.messages'"),
        Post("temperature of the wrong type", """{"schemaId":"chat","prompt":"x","model":{"temperature":"hot"}}""", HttpStatusCode.BadRequest, "'$.model.temperature'"),

        // The fields.
        Post("no prompt or messages", """{"schemaId":"chat"}""", HttpStatusCode.BadRequest, "exactly one of 'prompt'"),
        Post("both prompt and messages", """{"schemaId":"chat","prompt":"x","messages":[{"role":"user","content":"y"}]}""", HttpStatusCode.BadRequest, "exactly one of 'prompt'"),
        Post("no schema or schemaId", """{"prompt":"x"}""", HttpStatusCode.BadRequest, "exactly one of 'schema'"),
        Post("both schema and schemaId", """{"schema":{"type":"string"},"schemaId":"chat","prompt":"x"}""", HttpStatusCode.BadRequest, "exactly one of 'schema'"),
        Post("unknown message role", """{"schemaId":"chat","messages":[{"role":"robot","content":"x"}]}""", HttpStatusCode.BadRequest, "messages[0] needs a role"),
        Post("empty messages", """{"schemaId":"chat","messages":[]}""", HttpStatusCode.BadRequest, "conversation is empty"),
        Post("unknown patch mode", """{"schemaId":"chat","prompt":"x","patch":"rfc"}""", HttpStatusCode.BadRequest, "'rfc' is not a patch mode"),
        Post("unknown violation policy", """{"schemaId":"chat","prompt":"x","onViolation":"ignore"}""", HttpStatusCode.BadRequest, "'ignore' is not a violation policy"),
        Post("maxOutputTokens below 1", """{"schemaId":"chat","prompt":"x","model":{"maxOutputTokens":0}}""", HttpStatusCode.BadRequest, "at least 1"),
        Post("negative simulation settings", """{"schemaId":"chat","prompt":"x","simulation":{"afterTokens":-1}}""", HttpStatusCode.BadRequest, "cannot be negative"),
        Post("unknown simulation scenario", """{"schemaId":"chat","prompt":"x","simulation":{"scenario":"explode"}}""", HttpStatusCode.BadRequest, "'$.simulation.scenario'"),
        Post("prompt over the limit", $$"""{"schemaId":"chat","prompt":"{{new string('x', 1001)}}"}""", HttpStatusCode.BadRequest, "at most 1000"),
        Post("messages over the limit together", $$"""{"schemaId":"chat","messages":[{"role":"user","content":"{{new string('x', 600)}}"},{"role":"user","content":"{{new string('y', 600)}}"}]}""", HttpStatusCode.BadRequest, "at most 1000"),

        // The schema.
        Post("unknown schemaId", """{"schemaId":"no-such-schema","prompt":"x"}""", HttpStatusCode.NotFound, "no schema named 'no-such-schema'"),
        Post("schema that is a number", """{"schema":42,"prompt":"x"}""", HttpStatusCode.UnprocessableEntity, "schema"),
        Post("misspelt keyword", """{"schema":{"type":"object","requried":["a"]},"prompt":"x"}""", HttpStatusCode.UnprocessableEntity, "'requried'"),
        Post("unknown type", """{"schema":{"type":"objekt"},"prompt":"x"}""", HttpStatusCode.UnprocessableEntity, "objekt"),
        Post("type array that repeats a name", """{"schema":{"type":["object","object"]},"prompt":"x"}""", HttpStatusCode.UnprocessableEntity, "'object' twice"),
        Post("remote $ref over http", """{"schema":{"$ref":"https://example.com/s.json"},"prompt":"x"}""", HttpStatusCode.UnprocessableEntity, "https://example.com/s.json"),
        Post("$ref to a file", """{"schema":{"$ref":"file:///etc/passwd"},"prompt":"x"}""", HttpStatusCode.UnprocessableEntity, "file:///etc/passwd"),
        Post("$ref that points nowhere", """{"schema":{"$ref":"#/$defs/missing"},"prompt":"x"}""", HttpStatusCode.UnprocessableEntity, "#/$defs/missing"),
        Post("$ref loop", """{"schema":{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"},"prompt":"x"}""", HttpStatusCode.UnprocessableEntity, "Cycle detected"),
        Post("invalid regular expression", """{"schema":{"type":"string","pattern":"(["},"prompt":"x"}""", HttpStatusCode.UnprocessableEntity, "pattern"),
        Post("schema nested too deep", $$"""{"schema":{{string.Concat(Enumerable.Repeat("""{"items":""", 70))}}{}{{new string('}', 70)}},"prompt":"x"}""", HttpStatusCode.UnprocessableEntity, "nests deeper than 64 levels"),
        Post("body nested too deep", $$"""{"schema":{{new string('[', 300)}}{{new string(']', 300)}},"prompt":"x"}""", HttpStatusCode.BadRequest, "nests deeper than 256 levels"),
        Post("schema with too many properties", "{\"schema\":{\"type\":\"object\",\"properties\":{" + string.Join(",", Enumerable.Range(0, 5001).Select(i => $"\"p{i}\":{{}}")) + "}},\"prompt\":\"x\"}", HttpStatusCode.UnprocessableEntity, "5000"),
        Post("enum with too many values", $$"""{"schema":{"enum":[{{string.Join(",", Enumerable.Range(0, 1001))}}]},"prompt":"x"}""", HttpStatusCode.UnprocessableEntity, "1000"),
        Post("pattern over the length limit", $$"""{"schema":{"type":"string","pattern":"{{new string('a', 1001)}}"},"prompt":"x"}""", HttpStatusCode.UnprocessableEntity, "1000"),

        // Headers and cursors.
        Post("Accept without NDJSON or SSE", """{"schemaId":"chat","prompt":"x"}""", HttpStatusCode.NotAcceptable, "Accept") with { Headers = [("Accept", "text/html")] },
        new("Last-Event-ID that is not a number", "GET", "/v1/streams/{done}/events", null, HttpStatusCode.BadRequest, "Last-Event-ID") { Headers = [("Last-Event-ID", "abc")] },
        new("negative Last-Event-ID", "GET", "/v1/streams/{done}/events", null, HttpStatusCode.BadRequest, "Last-Event-ID") { Headers = [("Last-Event-ID", "-5")] },
        new("negative after", "GET", "/v1/streams/{done}/events?after=-1", null, HttpStatusCode.BadRequest, "non-negative"),
        new("after in the future", "GET", "/v1/streams/{done}/events?after=100000", null, HttpStatusCode.BadRequest, "no event 100000"),
        new("after that is not a number", "GET", "/v1/streams/{done}/events?after=ten", null, HttpStatusCode.BadRequest, "\"ten\""),

        // Streams that are not there, or not in a state for it.
        new("unknown stream state", "GET", "/v1/streams/st_00000000000000000000000000000000", null, HttpStatusCode.NotFound, "no stream"),
        new("unknown stream events", "GET", "/v1/streams/st_00000000000000000000000000000000/events", null, HttpStatusCode.NotFound, "no stream"),
        new("cancel an unknown stream", "DELETE", "/v1/streams/st_00000000000000000000000000000000", null, HttpStatusCode.NotFound, "no stream"),
        new("regenerate an unknown stream", "POST", "/v1/streams/st_00000000000000000000000000000000/regenerate", null, HttpStatusCode.NotFound, "no stream"),
        new("regenerate with another schema", "POST", "/v1/streams/{done}/regenerate", """{"schemaId":"chat"}""", HttpStatusCode.BadRequest, "keeps its schema"),
        new("continue a completed stream", "POST", "/v1/streams/{done}/continue", null, HttpStatusCode.Conflict, "nothing to continue"),

        // Schemas and routes.
        new("schema id with capitals and spaces", "PUT", "/v1/schemas/Bad%20Id", """{"type":"object"}""", HttpStatusCode.BadRequest, "not a schema id"),
        new("stored schema that is not JSON", "PUT", "/v1/schemas/broken", """{"type":""", HttpStatusCode.UnprocessableEntity, "is not JSON"),
        new("unknown stored schema", "GET", "/v1/schemas/no-such-schema", null, HttpStatusCode.NotFound, "no schema named"),
        new("unknown provider for a schema check", "POST", "/v1/schemas/check?provider=nobody", """{"type":"object"}""", HttpStatusCode.BadRequest, "nobody"),
        new("a method the route does not take", "PATCH", "/v1/streams", """{}""", HttpStatusCode.MethodNotAllowed, "PATCH"),
        new("a route that does not exist", "GET", "/v1/nothing-here", null, HttpStatusCode.NotFound, "no endpoint"),
    ];

    private static BadRequest Post(string name, string body, HttpStatusCode status, string mention) =>
        new(name, "POST", "/v1/streams", body, status, mention);
}
