namespace StructuredStream.Api.Admission;

/// <summary>
/// Who may call the model now: at most <see cref="AdmissionOptions.ActivePerClient"/> streams per client and
/// <see cref="AdmissionOptions.ActiveModelCalls"/> in all. A stream over a cap waits, first in its client's line
/// (first come, first served), then in the instance's line for a model slot; a client with
/// <see cref="AdmissionOptions.QueuePerClient"/> streams waiting is refused.
/// </summary>
public sealed class GenerationAdmission(AdmissionOptions options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ClientLine> _clients = new(StringComparer.Ordinal);
    private readonly LinkedList<QueueTicket> _waitingForModel = [];
    private int _running;

    /// <summary>The model calls running now.</summary>
    public int Running
    {
        get
        {
            lock (_lock)
            {
                return _running;
            }
        }
    }

    /// <summary>A place for a new stream of <paramref name="client"/>, admitted at once when the caps allow; null when its line is full.</summary>
    public QueueTicket? TryEnter(string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var ticket = new QueueTicket(this, client);
        List<QueueTicket> moved;
        lock (_lock)
        {
            if (!_clients.TryGetValue(client, out var line))
            {
                line = new ClientLine();
                _clients[client] = line;
            }

            if (line.Holding >= options.ActivePerClient && line.Waiting.Count >= options.QueuePerClient)
            {
                return null;
            }

            ticket.Stage = TicketStage.WaitingForClient;
            line.Waiting.AddLast(ticket);
            moved = Schedule(line);
        }

        Notify(moved, except: ticket);
        return ticket;
    }

    internal QueuePosition PositionOf(QueueTicket ticket)
    {
        lock (_lock)
        {
            return ticket.CurrentPosition;
        }
    }

    internal void Leave(QueueTicket ticket)
    {
        List<QueueTicket> moved;
        lock (_lock)
        {
            if (ticket.Stage == TicketStage.Left)
            {
                return;
            }

            var line = _clients[ticket.Client];
            switch (ticket.Stage)
            {
                case TicketStage.WaitingForClient:
                    line.Waiting.Remove(ticket);
                    break;
                case TicketStage.WaitingForModel:
                    _waitingForModel.Remove(ticket);
                    line.Holding--;
                    break;
                default:
                    _running--;
                    line.Holding--;
                    break;
            }

            ticket.Stage = TicketStage.Left;
            moved = Schedule(line);
            if (line.Holding == 0 && line.Waiting.Count == 0)
            {
                _clients.Remove(ticket.Client);
            }
        }

        Notify(moved, except: null);
    }

    /// <summary>
    /// Moves tickets on as far as the caps allow after <paramref name="line"/>'s client entered or left (no other
    /// client's line can move then); returns the waiting tickets whose position changed.
    /// </summary>
    private List<QueueTicket> Schedule(ClientLine line)
    {
        while (line.Holding < options.ActivePerClient && line.Waiting.First is { } next)
        {
            line.Waiting.RemoveFirst();
            line.Holding++;
            next.Value.Stage = TicketStage.WaitingForModel;
            _waitingForModel.AddLast(next.Value);
        }

        while (_running < options.ActiveModelCalls && _waitingForModel.First is { } head)
        {
            _waitingForModel.RemoveFirst();
            _running++;
            head.Value.Stage = TicketStage.Admitted;
            head.Value.Admit();
        }

        // Positions: O(waiting for a model slot + this client's line) per change.
        var moved = new List<QueueTicket>();
        Renumber(_waitingForModel, waitingForModel: true, moved);
        Renumber(line.Waiting, waitingForModel: false, moved);
        return moved;
    }

    private static void Renumber(LinkedList<QueueTicket> line, bool waitingForModel, List<QueueTicket> moved)
    {
        var position = 0;
        foreach (var ticket in line)
        {
            var now = new QueuePosition(++position, waitingForModel);
            if (ticket.CurrentPosition != now)
            {
                ticket.CurrentPosition = now;
                moved.Add(ticket);
            }
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

    private sealed class ClientLine
    {
        public LinkedList<QueueTicket> Waiting { get; } = [];

        /// <summary>Tickets past the client's line: waiting for a model slot or running.</summary>
        public int Holding { get; set; }
    }
}
