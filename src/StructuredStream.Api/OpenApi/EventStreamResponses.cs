using Microsoft.OpenApi;
using StructuredStream.Api.Streams;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace StructuredStream.Api.OpenApi;

/// <summary>Describes the 200 of the two streaming endpoints: both media types, their framing, the event schema and the headers.</summary>
internal sealed class EventStreamResponses : IOperationFilter
{
    private const string Framing =
        "The stream's events, written and flushed one at a time until `final`, the last. " +
        "`application/x-ndjson` (the default): one event per line. " +
        "`text/event-stream` (when Accept asks for it): one SSE item per event, `id:` = seq, `event:` = type, `data:` = the event; " +
        "heartbeats carry no `id:`, so they never move Last-Event-ID. Each item is a `StreamEvent`; clients ignore types they do not know. " +
        "A reader that fell behind gets each run of missed patches merged into one (seqs skip, never repeat). See docs/protocol.md.";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var id = operation.OperationId;
        if (id is not ("CreateStream" or "ReadStreamEvents") || operation.Responses?.ContainsKey("200") != true)
        {
            return;
        }

        var events = new OpenApiSchemaReference(StreamEventComponents.StreamEvent, context.Document);
        var response = new OpenApiResponse
        {
            Description = Framing,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                [EventStreamResult.NdjsonType] = new OpenApiMediaType { Schema = events },
                [EventStreamResult.SseType] = new OpenApiMediaType { Schema = events },
            },
        };
        if (id == "CreateStream")
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["X-Stream-Id"] = new OpenApiHeader { Description = "The new stream's id.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                ["Link"] = new OpenApiHeader
                {
                    Description = "`</v1/streams/{id}/events>; rel=\"events\"`: where to resume the stream.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            };
        }

        operation.Responses["200"] = response;
    }
}
