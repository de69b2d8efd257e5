using System.Collections.Concurrent;
using StructuredStream.Protocol;

namespace StructuredStream.Logs;

/// <summary>
/// The stream log of one process: events in memory, live readers woken by each append. Each stream's memory is
/// bounded by its object, not its length (<see cref="StreamHistory"/>). Ended streams are dropped after
/// <see cref="InMemoryStreamLogOptions.RetainFor"/>, and the oldest ended ones make room when the cap is reached.
/// </summary>
public sealed class InMemoryStreamLog : IStreamLog
{
    private readonly ConcurrentDictionary<string, Entry> _streams = new(StringComparer.Ordinal);
    private readonly InMemoryStreamLogOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _createLock = new();

    /// <summary>Creates an empty log.</summary>
    public InMemoryStreamLog(InMemoryStreamLogOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new InMemoryStreamLogOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxStreams, 1);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The number of streams held, ended ones included.</summary>
    public int Count => _streams.Count;

    /// <inheritdoc />
    public ValueTask CreateAsync(StreamDescriptor stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        lock (_createLock)
        {
            DropExpired();
            if (_streams.Count >= _options.MaxStreams && !DropOldestEnded())
            {
                throw new StreamLogFullException($"The log already holds {_options.MaxStreams} streams and all of them are running.");
            }

            if (!_streams.TryAdd(stream.Id, new Entry(stream, new StreamHistory(_options.RecentEvents))))
            {
                throw new InvalidOperationException($"A stream '{stream.Id}' already exists.");
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<long> AppendAsync(string streamId, IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var entry = Find(streamId);
        TaskCompletionSource woken;
        long last;
        lock (entry)
        {
            if (entry.EndedAt is not null)
            {
                throw new InvalidOperationException($"The stream '{streamId}' has already ended.");
            }

            foreach (var evt in events)
            {
                entry.History.Append(evt);
                if (evt is FinalEvent)
                {
                    entry.EndedAt = _time.GetUtcNow();
                    break;
                }
            }

            last = entry.History.LastSeq;
            woken = entry.Appended;
            entry.Appended = NewSignal();
        }

        woken.TrySetResult();
        return ValueTask.FromResult(last);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<SequencedEvent>> ReadAsync(string streamId, long after, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var entry = Find(streamId);
        while (true)
        {
            Task appended;
            lock (entry)
            {
                var count = entry.History.LastSeq;
                if (after > count)
                {
                    throw new ArgumentOutOfRangeException(nameof(after), after, $"The stream '{streamId}' has {count} events; there is no event {after} to read after.");
                }

                if (after < count)
                {
                    return entry.History.Read(after, max);
                }

                if (entry.EndedAt is not null)
                {
                    return [];
                }

                appended = entry.Appended.Task;
            }

            await appended.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask<StreamSnapshot?> GetAsync(string streamId, CancellationToken cancellationToken = default)
    {
        if (!TryFind(streamId, out var entry))
        {
            return ValueTask.FromResult<StreamSnapshot?>(null);
        }

        lock (entry)
        {
            return ValueTask.FromResult<StreamSnapshot?>(new StreamSnapshot(entry.Stream, entry.History.LastSeq, entry.EndedAt is not null));
        }
    }

    private Entry Find(string streamId) =>
        TryFind(streamId, out var entry) ? entry : throw new StreamNotFoundException(streamId);

    private bool TryFind(string streamId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Entry? entry)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        if (!_streams.TryGetValue(streamId, out entry))
        {
            return false;
        }

        if (IsExpired(entry))
        {
            _streams.TryRemove(new(streamId, entry));
            entry = null;
            return false;
        }

        return true;
    }

    private bool IsExpired(Entry entry)
    {
        var ended = entry.EndedAt;
        return ended is not null && _time.GetUtcNow() - ended.Value >= _options.RetainFor;
    }

    private void DropExpired()
    {
        foreach (var pair in _streams)
        {
            if (IsExpired(pair.Value))
            {
                _streams.TryRemove(pair);
            }
        }
    }

    private bool DropOldestEnded()
    {
        KeyValuePair<string, Entry>? oldest = null;
        foreach (var pair in _streams)
        {
            if (pair.Value.EndedAt is { } ended && (oldest is null || ended < oldest.Value.Value.EndedAt))
            {
                oldest = pair;
            }
        }

        return oldest is { } drop && _streams.TryRemove(drop);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Entry(StreamDescriptor stream, StreamHistory history)
    {
        public StreamDescriptor Stream { get; } = stream;

        public StreamHistory History { get; } = history;

        public DateTimeOffset? EndedAt { get; set; }

        /// <summary>Completed, and replaced, by each append: what waiting readers wait for.</summary>
        public TaskCompletionSource Appended { get; set; } = NewSignal();
    }
}
