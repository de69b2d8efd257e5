using StructuredStream.Protocol;
using StructuredStream.Schemas;
using StructuredStream.Streaming;
using StructuredStream.Tests.Support;

namespace StructuredStream.Tests.Schemas;

/// <summary>The example schemas in schemas/ load, and a realistic answer for each streams to completed in small chunks.</summary>
public sealed class ShippedSchemasTests
{
    public static TheoryData<string, string> Examples => new()
    {
        { "signup-form.json", """{"fullName":"Ada Lovelace","email":"ada@example.org","birthDate":"1815-12-10","country":"GB","plan":"team","seats":12,"interests":["math","engines"],"acceptsTerms":true}""" },
        { "sales-dashboard.json", """{"period":{"from":"2026-07-01","to":"2026-09-30"},"kpis":[{"label":"Revenue","value":1250000.5,"unit":"EUR","change":12.5}],"rows":[{"region":"EMEA","product":"Widget","revenue":1000,"units":10},{"region":"APAC","product":"Gadget","revenue":2500.25,"units":7}],"series":[{"name":"Daily","points":[["2026-07-01",100],["2026-07-02",120.5]]}],"summary":"Up **12%**."}""" },
        { "research-answer.json", """{"question":"Why?","answer":"Because:\n\n```csharp\nConsole.WriteLine(\"hi\");\n```\n","confidence":0.8,"citations":[{"id":1,"title":"RFC 6902","url":"https://www.rfc-editor.org/rfc/rfc6902"}]}""" },
        { "support-ticket.json", """{"ticketId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","summary":"Cannot log in","category":"account","priority":"high","sentiment":"negative","customerEmail":null,"nextSteps":["Reset password"],"escalate":false}""" },
        { "chat.json", "\"Hello! Streaming text is just a string schema.\"" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void An_answer_that_fits_the_schema_streams_to_completed(string file, string answer)
    {
        var schema = SchemaLoader.Load(File.ReadAllText(Repository.PathOf("schemas", file)));

        var run = StreamRun.Of(ChunkedText.CutEvery(answer, 3), new EventStreamOptions { Schema = schema });

        Assert.Null(run.Error);
        Assert.Equal(StreamOutcome.Completed, run.Final.Outcome);
    }
}
