using System.Net;
using System.Net.Sockets;
using StructuredStream.Schemas;

namespace StructuredStream.Tests.Validation;

public sealed class SchemaLoaderTests
{
    [Fact]
    public void Unknown_keywords_are_refused_and_listed_while_extensions_are_allowed()
    {
        var e = Assert.Throws<SchemaException>(() => SchemaLoader.Load("""
            {"type":"object","requried":["a"],"x-ui":{"widget":"text"},"properties":{"a":{"type":"string","maxLenght":3}}}
            """));

        Assert.Equal(2, e.Problems.Count);
        Assert.Contains("'requried'", Assert.Single(e.Problems, p => p.Location == "").Message, StringComparison.Ordinal);
        Assert.Contains("'maxLenght'", Assert.Single(e.Problems, p => p.Location == "/properties/a").Message, StringComparison.Ordinal);
        Assert.Contains("(and 1 more)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_inside_properties_enum_and_const_are_values_not_keywords()
    {
        SchemaLoader.Load("""
            {"properties":{"requried":{"const":{"notAKeyword":1}},"b":{"enum":[{"typo":true}]}}}
            """);
    }

    [Fact]
    public void A_remote_ref_is_refused_with_its_name_and_nothing_is_fetched()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var remote = $"http://127.0.0.1:{port}/other.json";

        var e = Assert.Throws<SchemaException>(() => SchemaLoader.Load("{\"properties\":{\"a\":{\"$ref\":\"" + remote + "\"}}}"));

        Assert.Contains(remote, e.Message, StringComparison.Ordinal);
        Assert.Contains("never fetched", e.Message, StringComparison.Ordinal);
        Assert.False(listener.Pending(), "the loader connected to the remote host");
    }

    [Theory]
    [InlineData("other.json")]
    [InlineData("file:///etc/passwd")]
    [InlineData("#/$defs/missing")]
    [InlineData("#nowhere")]
    public void References_that_lead_nowhere_inside_the_schema_are_refused(string reference)
    {
        var e = Assert.Throws<SchemaException>(() => SchemaLoader.Load($$"""{"$defs":{"a":true},"$ref":"{{reference}}"}"""));

        Assert.Contains(reference, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_refs_anchors_and_recursion_compile()
    {
        var schema = SchemaLoader.Load("""
            {
              "$defs": {"node": {"$anchor": "node", "type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#node"}}}}},
              "definitions": {"name": {"type": "string"}},
              "properties": {"tree": {"$ref": "#/$defs/node"}, "name": {"$ref": "#/definitions/name"}}
            }
            """);

        Assert.StartsWith("sha256:", schema.Hash, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_dialect_is_refused()
    {
        var e = Assert.Throws<SchemaException>(() => SchemaLoader.Load("""{"$schema":"http://json-schema.org/draft-07/schema#"}"""));

        Assert.Contains("2020-12", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_give_clear_errors()
    {
        var limits = new SchemaLimits { MaxLength = 100, MaxDepth = 4, MaxEnumValues = 2, MaxProperties = 1 };
        var options = new SchemaLoadOptions { Limits = limits };

        Assert.Contains("limit is 100", Assert.Throws<SchemaException>(() => SchemaLoader.Load(new string(' ', 101) + "{}", options)).Message, StringComparison.Ordinal);
        Assert.Contains("deeper than 4", Assert.Throws<SchemaException>(() => SchemaLoader.Load("""{"a":{"b":{"c":{"d":{}}}}}""", options)).Message, StringComparison.Ordinal);
        Assert.Contains("limit is 2", Assert.Throws<SchemaException>(() => SchemaLoader.Load("""{"enum":[1,2,3]}""", options)).Message, StringComparison.Ordinal);
        Assert.Contains("more than 1 properties", Assert.Throws<SchemaException>(() => SchemaLoader.Load("""{"properties":{"a":{},"b":{}}}""", options)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"strin"}""", "Unknown type 'strin'")]
    [InlineData("""{"type":["string","null","string"]}""", "'type' names 'string' twice")]
    [InlineData("""{"minLength":-1}""", "non-negative integer")]
    [InlineData("""{"pattern":"(unclosed"}""", "not a regular expression")]
    [InlineData("""{"items":[{}]}""", "prefixItems")]
    [InlineData("""{"x-stream":"sometimes"}""", "\"atomic\"")]
    [InlineData("""{"required":"a"}""", "array of strings")]
    [InlineData("""not json""", "not JSON")]
    public void Keyword_values_of_the_wrong_shape_are_refused_precisely(string schema, string expected)
    {
        var e = Assert.Throws<SchemaException>(() => SchemaLoader.Load(schema));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
