using System.Text.Json;
using StructuredStream.Documents;
using StructuredStream.Logs;
using StructuredStream.Patching;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Streams;

/// <summary>Rebuilds a stream's state from its log alone, so any instance can answer for any stream.</summary>
public sealed class StreamStateReader(IStreamLog log)
{
    /// <summary>The state, or null for an unknown stream.</summary>
    public async Task<StreamState?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        if (await ReplayAsync(id, cancellationToken).ConfigureAwait(false) is not { } replay)
        {
            return null;
        }

        var (snapshot, document, status, cursor) = (replay.Snapshot, replay.Document, replay.Status, replay.Cursor);
        using var json = JsonDocument.Parse(document.ToJsonString());
        var stream = snapshot.Stream;
        return new StreamState(id, status, cursor, json.RootElement.Clone(), stream.SchemaHash, stream.SchemaId, stream.Model, stream.CreatedAt, StreamHub.EventsUrl(id));
    }

    /// <summary>The object the log holds now, or null for an unknown stream.</summary>
    public async Task<DocumentNode?> ReadDocumentAsync(string id, CancellationToken cancellationToken) =>
        (await ReplayAsync(id, cancellationToken).ConfigureAwait(false))?.Document;


    /// <summary>
    /// How an ended stream ended: its <c>final</c> event and the paths it marked complete, in order; null for an
    /// unknown stream, and a null final for one still running.
    /// </summary>
    public async Task<(FinalEvent? Final, IReadOnlyList<string> CompletedPaths)?> ReadEndAsync(string id, CancellationToken cancellationToken) =>
        await ReplayAsync(id, cancellationToken).ConfigureAwait(false) is { } replay ? (replay.Final, replay.CompletedPaths) : null;

    private async Task<Replay?> ReplayAsync(string id, CancellationToken cancellationToken)
    {
        var snapshot = await log.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            return null;
        }

        DocumentNode document = LiteralNode.Null;
        var status = "running";
        long cursor = 0;
        FinalEvent? end = null;
        var completed = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (cursor < snapshot.LastSeq)
        {
            var batch = await log.ReadAsync(id, cursor, (int)Math.Min(snapshot.LastSeq - cursor, 1024), cancellationToken).ConfigureAwait(false);
            foreach (var item in batch)
            {
                switch (item.Event)
                {
                    case PatchEvent patch:
                        document = PatchApplier.Apply(document, patch.Ops);
                        break;
                    case CompleteEvent complete:
                        foreach (var path in complete.Paths)
                        {
                            if (seen.Add(path))
                            {
                                completed.Add(path);
                            }
                        }

                        break;
                    case FinalEvent final:
                        status = FinalEvent.WireName(final.Outcome);
                        document = final.Object;
                        end = final;
                        break;
                }
            }

            cursor = batch[^1].Seq;
        }

        return new Replay(snapshot, document, status, cursor, end, completed);
    }

    private sealed record Replay(StreamSnapshot Snapshot, DocumentNode Document, string Status, long Cursor, FinalEvent? Final, IReadOnlyList<string> CompletedPaths);
}
