using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using StructuredStream.Api.Models;

namespace StructuredStream.LoadTest;

/// <summary>Passes the model's updates through, noting when each chunk of text was produced.</summary>
internal sealed class ClockedChatClient(IChatClient inner, ChunkClock clock) : DelegatingChatClient(inner)
{
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var streamId = options?.AdditionalProperties?.TryGetValue(ModelClient.StreamIdProperty, out var id) == true ? id as string : null;
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            if (streamId is not null && update.Text.Length > 0)
            {
                clock.ChunkProduced(streamId, Stopwatch.GetTimestamp());
            }

            yield return update;
        }
    }
}
