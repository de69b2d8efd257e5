namespace StructuredStream.Api.Admission;

/// <summary>
/// A stream's place in the <see cref="GenerationAdmission"/>: it waits until <see cref="Admitted"/> completes, hears where
/// it stands as it moves, and gives its slot back (or its place in line) when disposed.
/// </summary>
public sealed class QueueTicket : IDisposable
{
    private readonly GenerationAdmission _admission;
    private readonly TaskCompletionSource _admitted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private QueuePosition _position;
    private int _disposed;

    internal QueueTicket(GenerationAdmission admission, string client, string holder)
    {
        _admission = admission;
        Client = client;
        Holder = holder;
    }

    /// <summary>Completes when the stream may call the model.</summary>
    public Task Admitted => _admitted.Task;

    /// <summary>Where it stands while it waits.</summary>
    public QueuePosition Position
    {
        get
        {
            lock (_lock)
            {
                return _position;
            }
        }

        internal set
        {
            lock (_lock)
            {
                _position = value;
            }
        }
    }

    /// <summary>Called each time <see cref="Position"/> changes while it waits.</summary>
    public Action<QueuePosition>? Moved { get; set; }

    internal string Client { get; }

    /// <summary>The stream that holds the place.</summary>
    internal string Holder { get; }

    /// <summary>Read and written under the admission's gate only.</summary>
    internal TicketStage Stage { get; set; }

    internal LinkedListNode<QueueTicket>? Node { get; set; }

    /// <summary>Leaves the line, or gives the model slot back; only the first call counts.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _ = _admission.LeaveAsync(this);
        }
    }

    internal void Admit() => _admitted.TrySetResult();
}
