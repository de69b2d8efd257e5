namespace StructuredStream.Api.Admission;

/// <summary>
/// A stream's place in the <see cref="GenerationAdmission"/>: it waits until <see cref="Admitted"/> completes, hears where
/// it stands as it moves, and gives its slot back (or its place in line) when disposed.
/// </summary>
public sealed class QueueTicket : IDisposable
{
    private readonly GenerationAdmission _queue;
    private readonly TaskCompletionSource _admitted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal QueueTicket(GenerationAdmission queue, string client)
    {
        _queue = queue;
        Client = client;
    }

    /// <summary>Completes when the stream may call the model.</summary>
    public Task Admitted => _admitted.Task;

    /// <summary>Where it stands while it waits.</summary>
    public QueuePosition Position => _queue.PositionOf(this);

    /// <summary>Set and read under the queue's lock only.</summary>
    internal QueuePosition CurrentPosition { get; set; }

    /// <summary>Called, outside the queue's lock, each time <see cref="Position"/> changes while it waits.</summary>
    public Action<QueuePosition>? Moved { get; set; }

    internal string Client { get; }

    internal TicketStage Stage { get; set; }

    /// <summary>Leaves the line, or gives the model slot back; only the first call counts.</summary>
    public void Dispose() => _queue.Leave(this);

    internal void Admit() => _admitted.TrySetResult();
}
