using StructuredStream.Api.Streams;
using StructuredStream.Documents;
using StructuredStream.Logs;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Cluster;

/// <summary>
/// Ends a stream this instance adopted from a dead owner: its object is what the log holds, it keeps every patch
/// already sent, and <c>final</c> says how it ended. The schema is the owner's, so the final object is not
/// validated again (<c>errors</c> is empty).
/// </summary>
public sealed class AdoptedStreamEnder(IStreamLog log, StreamStateReader states)
{
    /// <summary>The error that tells readers the instance writing their stream stopped.</summary>
    public static ErrorEvent OwnerLost { get; } = new("owner_lost",
        "The instance generating this stream stopped before the stream ended; what it wrote so far is kept. Regenerate or continue to go on.",
        Retryable: true);

    /// <summary>Appends <paramref name="error"/> (if any) and <c>final</c> with the object the log holds.</summary>
    public async Task EndAsync(string streamId, StreamOutcome outcome, ErrorEvent? error)
    {
        var document = await states.ReadDocumentAsync(streamId, CancellationToken.None).ConfigureAwait(false) ?? LiteralNode.Null;
        var final = new FinalEvent(outcome, document, [], [], CanonicalJson.Checksum(document));
        await log.AppendAsync(streamId, error is null ? [final] : [error, final]).ConfigureAwait(false);
    }
}
