using StructuredStream.Redis;

namespace StructuredStream.Api.Admission;

/// <summary>
/// Who may call the model now: at most <see cref="AdmissionOptions.ActivePerClient"/> streams per client and
/// <see cref="AdmissionOptions.ActiveModelCalls"/> in all, counted by the <see cref="IAdmissionSlots"/> (this instance,
/// or the whole deployment through Redis). A stream over a cap waits in this instance's line, first come first
/// served per client; a client with <see cref="AdmissionOptions.QueuePerClient"/> streams waiting is refused.
/// </summary>
public sealed class GenerationAdmission : IDisposable
{
    private readonly AdmissionOptions _options;
    private readonly IAdmissionSlots _slots;

    // Scheduling asks the slots (Redis, possibly) for each stream it tries: one pass at a time, in arrival order.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LinkedList<QueueTicket> _waiting = [];
    private readonly Dictionary<string, int> _waitingPerClient = new(StringComparer.Ordinal);
    private readonly ITimer? _recheck;
    private int _running;

    /// <summary>Creates the admission on its slots (by default, this instance's own counts).</summary>
    public GenerationAdmission(AdmissionOptions options, IAdmissionSlots? slots = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _slots = slots ?? new LocalAdmissionSlots(options);
        if (_slots.RecheckInterval != Timeout.InfiniteTimeSpan)
        {
            _recheck = (timeProvider ?? TimeProvider.System).CreateTimer(_ => _ = RescheduleAsync(), null, _slots.RecheckInterval, _slots.RecheckInterval);
        }
    }

    /// <summary>The model calls this instance runs now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>
    /// A place for the stream <paramref name="holder"/> of <paramref name="client"/>, admitted at once when the caps
    /// allow; null when the client's line is full.
    /// </summary>
    public async Task<QueueTicket?> TryEnterAsync(string client, string holder)
    {
        ArgumentNullException.ThrowIfNull(client);
        var ticket = new QueueTicket(this, client, holder);
        List<QueueTicket> moved;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            Enqueue(ticket);
            moved = await ScheduleAsync().ConfigureAwait(false);
            if (ticket.Stage == TicketStage.Waiting && _waitingPerClient[client] > _options.QueuePerClient)
            {
                Dequeue(ticket);
                ticket.Stage = TicketStage.Left;
                return null;
            }
        }
        catch
        {
            if (ticket.Stage == TicketStage.Waiting)
            {
                Dequeue(ticket);
            }

            throw;
        }
        finally
        {
            _gate.Release();
        }

        Notify(moved, except: ticket);
        return ticket;
    }

    /// <summary>Tries the waiting streams again: a slot came free elsewhere, or leases may have run out.</summary>
    public async Task RescheduleAsync()
    {
        if (_waiting.Count == 0)
        {
            return;
        }

        List<QueueTicket> moved;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            moved = await ScheduleAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailure.IsUnavailable(e))
        {
            return; // the next release or recheck tries again
        }
        finally
        {
            _gate.Release();
        }

        Notify(moved, except: null);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _recheck?.Dispose();
        _gate.Dispose();
    }

    internal async Task LeaveAsync(QueueTicket ticket)
    {
        List<QueueTicket> moved;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            switch (ticket.Stage)
            {
                case TicketStage.Waiting:
                    Dequeue(ticket);
                    break;
                case TicketStage.Admitted:
                    Interlocked.Decrement(ref _running);
                    await _slots.ReleaseAsync(ticket.Client, ticket.Holder).ConfigureAwait(false);
                    break;
                default:
                    return;
            }

            ticket.Stage = TicketStage.Left;
            moved = await ScheduleAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailure.IsUnavailable(e))
        {
            // The slot's lease runs out instead; the others try again at the next release or recheck.
            ticket.Stage = TicketStage.Left;
            return;
        }
        finally
        {
            _gate.Release();
        }

        Notify(moved, except: null);
    }

    /// <summary>Admits waiting streams in arrival order as far as the slots allow; returns those whose position changed.</summary>
    private async Task<List<QueueTicket>> ScheduleAsync()
    {
        var clientFull = new HashSet<string>(StringComparer.Ordinal);
        for (var node = _waiting.First; node is not null;)
        {
            var next = node.Next;
            var ticket = node.Value;
            if (!clientFull.Contains(ticket.Client))
            {
                var grant = await _slots.TryTakeAsync(ticket.Client, ticket.Holder).ConfigureAwait(false);
                if (grant == SlotGrant.AllFull)
                {
                    break;
                }

                if (grant == SlotGrant.ClientFull)
                {
                    clientFull.Add(ticket.Client);
                }
                else
                {
                    Dequeue(ticket);
                    ticket.Stage = TicketStage.Admitted;
                    Interlocked.Increment(ref _running);
                    ticket.Admit();
                }
            }

            node = next;
        }

        // A client at its cap waits behind its own streams; any other waits for a model slot.
        var moved = new List<QueueTicket>();
        var perClient = new Dictionary<string, int>(StringComparer.Ordinal);
        var forModel = 0;
        foreach (var ticket in _waiting)
        {
            var now = clientFull.Contains(ticket.Client)
                ? new QueuePosition(perClient[ticket.Client] = perClient.GetValueOrDefault(ticket.Client) + 1, WaitingForModel: false)
                : new QueuePosition(++forModel, WaitingForModel: true);
            if (ticket.Position != now)
            {
                ticket.Position = now;
                moved.Add(ticket);
            }
        }

        return moved;
    }

    private void Enqueue(QueueTicket ticket)
    {
        ticket.Stage = TicketStage.Waiting;
        ticket.Node = _waiting.AddLast(ticket);
        _waitingPerClient[ticket.Client] = _waitingPerClient.GetValueOrDefault(ticket.Client) + 1;
    }

    private void Dequeue(QueueTicket ticket)
    {
        _waiting.Remove(ticket.Node!);
        if (--_waitingPerClient[ticket.Client] == 0)
        {
            _waitingPerClient.Remove(ticket.Client);
        }
    }

    private static void Notify(List<QueueTicket> moved, QueueTicket? except)
    {
        foreach (var ticket in moved)
        {
            if (!ReferenceEquals(ticket, except))
            {
                ticket.Moved?.Invoke(ticket.Position);
            }
        }
    }
}
