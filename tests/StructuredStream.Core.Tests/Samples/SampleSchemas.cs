using StructuredStream.Schemas;
using StructuredStream.Tests.Support;

namespace StructuredStream.Tests.Samples;

/// <summary>Schemas that exercise every keyword the partial validator checks: the shipped examples and small ones.</summary>
internal static class SampleSchemas
{
    public static readonly string[] Shipped = ["signup-form.json", "sales-dashboard.json", "research-answer.json", "support-ticket.json", "chat.json"];

    public static readonly Dictionary<string, string> Keywords = new()
    {
        ["types and nulls"] = """{"type":"object","properties":{"a":{"type":["string","null"]},"b":{"type":"integer"},"c":{"type":"number"},"d":{"type":"boolean"}},"required":["a","b","c","d"]}""",
        ["closed object"] = """{"type":"object","properties":{"x":{"type":"string","maxLength":5}},"required":["x"],"additionalProperties":false}""",
        ["additional schema and counts"] = """{"type":"object","additionalProperties":{"type":"integer","minimum":1},"minProperties":2,"maxProperties":3}""",
        ["enum and const"] = """{"type":"object","properties":{"e":{"enum":["red","green",7,null]},"k":{"const":"fixed"}},"required":["e","k"]}""",
        ["numeric bounds"] = """{"type":"array","prefixItems":[{"type":"integer","exclusiveMinimum":10,"exclusiveMaximum":13},{"type":"number","minimum":-2.5,"maximum":-2.25},{"type":"integer","multipleOf":7,"minimum":30}],"items":false,"minItems":3}""",
        ["arrays"] = """{"type":"array","items":{"type":"integer","minimum":0,"maximum":3},"minItems":2,"maxItems":4,"uniqueItems":true}""",
        ["strings"] = """{"type":"object","properties":{"code":{"type":"string","pattern":"^[A-Z]{3}-\\d{2,4}$"},"when":{"type":"string","format":"date-time"},"id":{"type":"string","format":"uuid"},"ip":{"type":"string","format":"ipv6"},"v4":{"type":"string","format":"ipv4"},"at":{"type":"string","format":"time"},"long":{"type":"string","minLength":40}},"required":["code","when","id","ip","v4","at","long"]}""",
        ["alternatives"] = """{"type":"array","minItems":5,"items":{"oneOf":[{"type":"string","maxLength":3},{"type":"integer"},{"type":"object","properties":{"kind":{"const":"box"}},"required":["kind"]}]}}""",
        ["anyOf and allOf"] = """{"allOf":[{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]},{"properties":{"b":{"anyOf":[{"type":"integer","minimum":5},{"type":"null"}]}},"required":["b"]}]}""",
        ["recursion through $ref"] = """{"$ref":"#/$defs/node","$defs":{"node":{"type":"object","properties":{"label":{"type":"string"},"children":{"type":"array","items":{"$ref":"#/$defs/node"},"maxItems":2}},"required":["label"],"additionalProperties":false}}}""",
        ["anchors and atomic rows"] = """{"type":"object","properties":{"rows":{"type":"array","items":{"$ref":"#row"}}},"required":["rows"],"$defs":{"r":{"$anchor":"row","type":"object","x-stream":"atomic","properties":{"n":{"type":"integer"},"s":{"type":"string","pattern":"^(yes|no)$"}},"required":["n","s"]}}}""",
        ["pattern properties"] = """{"type":"object","patternProperties":{"^n_":{"type":"number"}},"properties":{"n_a":{"type":"number"},"s":{"type":"string"}},"required":["n_a","s"],"additionalProperties":false}""",
    };

    public static IEnumerable<(string Name, CompiledSchema Schema)> All()
    {
        foreach (var file in Shipped)
        {
            yield return (file, SchemaLoader.Load(File.ReadAllText(Repository.PathOf("schemas", file))));
        }

        foreach (var (name, text) in Keywords)
        {
            yield return (name, SchemaLoader.Load(text));
        }
    }
}
