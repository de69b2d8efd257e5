using StructuredStream.Documents;
using StructuredStream.Patching;
using StructuredStream.Protocol;

namespace StructuredStream.Tests.Shared;

/// <summary>The stream's object after each seq, to hold what a resuming reader rebuilds against.</summary>
internal static class StreamObjects
{
    /// <summary>Applies every patch, in order, to <c>null</c>: the object a client holds after these events.</summary>
    public static DocumentNode Replay(IEnumerable<SequencedEvent> events)
    {
        DocumentNode document = LiteralNode.Null;
        foreach (var item in events)
        {
            if (item.Event is PatchEvent patch)
            {
                document = PatchApplier.Apply(document, patch.Ops);
            }
        }

        return document;
    }

    /// <summary>Index <c>s</c> is the object after the event of seq <c>s</c> (index 0: before any, <c>null</c>).</summary>
    public static List<DocumentNode> AfterEachSeq(IReadOnlyList<SequencedEvent> events)
    {
        DocumentNode document = LiteralNode.Null;
        var objects = new List<DocumentNode> { LiteralNode.Null };
        foreach (var e in events)
        {
            if (e.Event is PatchEvent patch)
            {
                document = PatchApplier.Apply(document, patch.Ops);
            }

            objects.Add(document.DeepClone());
        }

        return objects;
    }
}
