using System.ComponentModel;
using Microsoft.Extensions.AI;

namespace StructuredStream.Api.Models.Simulated;

/// <summary>The demo retrieval tool: finds short reference notes for a query. Offline and deterministic.</summary>
public static class LookupTool
{
    private static readonly string[] Notes =
    [
        "RFC 6902 defines JSON Patch: add, remove, replace, move, copy and test operations.",
        "RFC 6901 defines JSON Pointer; '~' is written '~0' and '/' is written '~1'.",
        "Server-sent events resume with the Last-Event-ID header.",
        "NDJSON carries one JSON value per line.",
    ];

    /// <summary>The tool as an <see cref="AIFunction"/>.</summary>
    public static AIFunction Function { get; } = AIFunctionFactory.Create(Lookup, SimulatedChatClient.LookupTool, "Looks up short reference notes about a topic.");

    private static string[] Lookup([Description("What to look up.")] string query)
    {
        var start = (query ?? "").Sum(c => c) % Notes.Length;
        return [Notes[start], Notes[(start + 1) % Notes.Length]];
    }
}
