using System.Text.Json;
using StructuredStream.Documents;
using StructuredStream.Patching;
using StructuredStream.Protocol;

using StructuredStream.Tests.Shared;

namespace StructuredStream.Tests.Support;

internal static class DocumentAssert
{
    public static void Equal(DocumentNode expected, DocumentNode actual, string? context = null)
    {
        if (!DocumentNode.DeepEquals(expected, actual))
        {
            Assert.Fail($"{context}\nexpected: {expected.ToJsonString()}\nactual:   {actual.ToJsonString()}");
        }
    }

    /// <summary>What System.Text.Json makes of the text (duplicate names: the last wins).</summary>
    public static DocumentNode SystemTextJson(string text)
    {
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 1000 });
        return DocumentNode.FromElement(document.RootElement);
    }

    /// <summary>Applies every patch, in order, to <c>null</c>.</summary>
    public static DocumentNode Replay(IEnumerable<SequencedEvent> events) => StreamObjects.Replay(events);

    /// <summary>Whether <paramref name="later"/> holds everything <paramref name="earlier"/> did: no member or element lost, strings only grown.</summary>
    public static bool GrewFrom(DocumentNode earlier, DocumentNode later)
    {
        switch (earlier)
        {
            case LiteralNode when earlier.Kind == DocumentNodeKind.Null && later.Kind != DocumentNodeKind.Null:
                return true; // the root before anything arrived
            case StringNode s:
                return later is StringNode t && t.AsSpan().StartsWith(s.AsSpan());
            case ArrayNode a:
                if (later is not ArrayNode b || b.Count < a.Count)
                {
                    return false;
                }

                for (var i = 0; i < a.Count; i++)
                {
                    if (!GrewFrom(a[i], b[i]))
                    {
                        return false;
                    }
                }

                return true;
            case ObjectNode o:
                if (later is not ObjectNode p)
                {
                    return false;
                }

                foreach (var (name, value) in o.Members)
                {
                    if (!p.TryGetValue(name, out var laterValue) || !GrewFrom(value, laterValue))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return DocumentNode.DeepEquals(earlier, later);
        }
    }
}
